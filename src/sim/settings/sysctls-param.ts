/**
 * The `sysctls` parameter: Linux sysctls a user changed per endpoint in the profile details, on
 * top of the scenario's own (docs/linux-sysctls.md). Items are separated by `,`; each is
 * `ENDPOINT.SYSCTL:VALUE`, a vector's three numbers joined by `/`, so a link stays readable:
 * `sysctls=client.tcp_syn_retries:2,server.tcp_rmem:4096/87380/6291456`. One canonical spelling
 * (endpoints by name, sysctls in the docs' order), so equal changes make equal links.
 */
import {
  isTriple,
  SYSCTL_NAMES,
  sysctlValueProblem,
  type SysctlChanges,
  type SysctlName,
} from '../linux-sysctls';
import type { Read } from './setting-kinds';

/** Sysctl changes by endpoint name. */
export type SysctlOverrides = Readonly<Record<string, SysctlChanges>>;

export const SYSCTLS_SHAPE = 'ENDPOINT.SYSCTL:VALUE (a vector as A/B/C), joined by ,';
const ENDPOINT = /^[a-z][a-z0-9-]*$/;
const MAX_ITEMS = 64;

/** Reads the parameter; the first bad item is the one problem, named. */
export function readSysctlOverrides(raw: string): Read<SysctlOverrides> {
  const overrides: Record<string, Record<string, unknown>> = {};
  const items = raw.split(',').filter((item) => item !== '');
  if (items.length > MAX_ITEMS) return { problem: `at most ${MAX_ITEMS} sysctls` };
  for (const item of items) {
    const m = /^([^.:]+)\.([a-z0-9_]+):(.*)$/.exec(item);
    if (!m) return { problem: `'${item.slice(0, 40)}' is not ${SYSCTLS_SHAPE.split(',')[0]}` };
    const [, endpoint = '', name = '', text = ''] = m;
    if (!ENDPOINT.test(endpoint)) return { problem: `'${endpoint}' is not an endpoint name` };
    if (!(SYSCTL_NAMES as string[]).includes(name)) {
      return { problem: `${endpoint}.${name}: not a sysctl the profile has` };
    }
    const sysctl = name as SysctlName;
    const numbers = text.split('/').map((w) => (/^\d+$/.test(w) ? Number(w) : NaN));
    const value = isTriple(sysctl) ? numbers : numbers.length === 1 ? numbers[0] : NaN;
    const problem = sysctlValueProblem(sysctl, value);
    if (problem !== null) return { problem: `${endpoint}.${name}: ${problem}` };
    overrides[endpoint] = { ...overrides[endpoint], [name]: value };
  }
  return { value: overrides as SysctlOverrides };
}

/** The canonical text of some overrides ('' when there are none). */
export function writeSysctlOverrides(overrides: SysctlOverrides): string {
  return Object.keys(overrides)
    .sort()
    .flatMap((endpoint) => {
      const changes = overrides[endpoint] ?? {};
      return SYSCTL_NAMES.flatMap((name) => {
        const value = changes[name];
        if (value === undefined) return [];
        const text = Array.isArray(value) ? value.join('/') : String(value);
        return [`${endpoint}.${name}:${text}`];
      });
    })
    .join(',');
}

/** The canonical form of a parameter's text, or '' when it does not read. */
export function canonicalSysctls(raw: string): string {
  const read = readSysctlOverrides(raw);
  return 'value' in read ? writeSysctlOverrides(read.value) : '';
}
