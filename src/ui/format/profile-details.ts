/**
 * The profile details of an endpoint: every number it ran with, in words, and for a linux
 * endpoint the sysctl that set it (src/sim/linux-sysctls.ts declares which drives which).
 */
import { PROFILE_FIELDS, type Profile } from '../../engine';
import {
  LINUX_6_DEFAULTS,
  SYSCTL_DRIVES,
  SYSCTL_NAMES,
  type LinuxSysctls,
  type SysctlName,
} from '../../sim/linux-sysctls';
import type { EndpointStack } from '../../sim/run-types';

export interface ProfileRow {
  /** The profile field, or `synCookies` / `maxBacklog` for the host's. */
  readonly field: string;
  readonly about: string;
  readonly value: string;
  /** The sysctls that set it (linux only); empty when none does. */
  readonly sysctls: readonly SysctlName[];
}

const HEX_FIELDS = new Set<string>(['fastOpen']);

/** A profile value as a reader sees it: no null, no raw arrays, hexadecimal for bit sets. */
export function profileValueText(field: string, value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) {
    if (field === 'fastOpenKey') return value.map((w: number) => w.toString(16)).join('-');
    return value.join(', ');
  }
  if (typeof value === 'number' && HEX_FIELDS.has(field)) return `0x${value.toString(16)}`;
  return String(value);
}

/** The sysctls that drive each profile field (the inverse of SYSCTL_DRIVES). */
const SET_BY: ReadonlyMap<string, SysctlName[]> = (() => {
  const map = new Map<string, SysctlName[]>();
  for (const name of SYSCTL_NAMES) {
    for (const field of SYSCTL_DRIVES[name]) map.set(field, [...(map.get(field) ?? []), name]);
  }
  map.set('synCookies', ['tcp_syncookies']);
  map.set('maxBacklog', ['somaxconn']);
  return map;
})();

const COOKIE_TEXT = {
  never: 'never',
  'on-overflow': 'when the SYN queue is full',
  always: 'for every SYN',
} as const;

/** Every number of the endpoint's stack, in the docs' order, then its listener's two. */
export function profileRows(stack: EndpointStack, linux: boolean): ProfileRow[] {
  const sysctlsOf = (field: string): readonly SysctlName[] =>
    linux ? (SET_BY.get(field) ?? []) : [];
  const fields = Object.keys(PROFILE_FIELDS) as (keyof typeof PROFILE_FIELDS)[];
  const rows: ProfileRow[] = fields.map((field) => ({
    field,
    about: PROFILE_FIELDS[field],
    value: profileValueText(field, (stack.profile as Profile)[field]),
    sysctls: sysctlsOf(field),
  }));
  rows.push(
    {
      field: 'synCookies',
      about: 'when a listener answers a SYN with a SYN cookie (RFC 4987 §3.6)',
      value: COOKIE_TEXT[stack.synCookies],
      sysctls: sysctlsOf('synCookies'),
    },
    {
      field: 'maxBacklog',
      about: 'the largest backlog listen() grants',
      value: stack.maxBacklog === null ? 'no limit' : String(stack.maxBacklog),
      sysctls: sysctlsOf('maxBacklog'),
    },
  );
  return rows;
}

/** The sysctls a linux endpoint ran with: a Linux 6.x kernel's, with its changes. */
export function effectiveSysctls(stack: EndpointStack): LinuxSysctls {
  return { ...LINUX_6_DEFAULTS, ...stack.sysctls };
}

/** A sysctl's value as its input shows it: a vector's three numbers spaced. */
export function sysctlText(value: number | readonly number[]): string {
  return typeof value === 'number' ? String(value) : value.join(' ');
}
