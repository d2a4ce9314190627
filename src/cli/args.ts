/**
 * The command line of `npm run sim`, read by Node's util.parseArgs. The run settings (seed,
 * delay, jitter, loss, profile, ISN, IP version) are the lab's own, read by their declaration in
 * src/sim/settings, so a flag accepts exactly what a link and a host page accept. Every mistake
 * becomes one ArgError whose message names the option and the problem; sim.ts prints it as one
 * line and exits with 2.
 */
import { parseArgs as parseNodeArgs } from 'node:util';
import { SCENARIO_LIMITS, SEGMENT_KINDS, type Fault, type SegmentKind } from '../sim';
import {
  labSetting,
  readText,
  type IpVersionName,
  type IsnModeName,
  type LabSettingName,
  type SettingKind,
} from '../sim/settings';

export class ArgError extends Error {}

/** A value as a message quotes it: on one line, control characters escaped, at most 40 long. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

export type Format = 'text' | 'jsonl';
export type CaptureAt = 'client' | 'server' | 'link';
export type ProfileName = 'rfc' | 'linux' | 'freebsd';

export interface RunArgs {
  readonly kind: 'run';
  /** A preset name or a path to a scenario JSON file. */
  readonly scenario: string;
  readonly seed?: number;
  readonly profile?: ProfileName;
  readonly delay?: number;
  readonly jitter?: number;
  /** In percent, as the Loss (%) control and a link give it. */
  readonly loss?: number;
  readonly drops: readonly Fault[];
  /** Fixed ISNs by endpoint name. */
  readonly isn?: Readonly<Record<string, number>>;
  /** Textbook or random ISNs for every endpoint, as the ISN control chooses. */
  readonly isnMode?: IsnModeName;
  /** The IP version every host talks over (IPv4 addresses mapped into 2001:db8::/32 for IPv6). */
  readonly ip?: IpVersionName;
  readonly until?: number;
  readonly format: Format;
  readonly pcap?: string;
  readonly captureAt: CaptureAt;
}

export type Args = { readonly kind: 'help' } | { readonly kind: 'list' } | RunArgs;

export const USAGE = `Usage: npm run sim -- --scenario <preset or file> [options]

Runs a Handshake Lab scenario and prints its trace.

  --scenario NAME|FILE   a preset name (see --list) or a scenario JSON file
  --seed N               random seed (0..4294967295)
  --profile P            rfc, linux or freebsd, for every endpoint
  --delay MS             one-way delay in both directions (0..${SCENARIO_LIMITS.maxDelayMs})
  --jitter MS            extra random delay up to MS in both directions (0..${SCENARIO_LIMITS.maxDelayMs})
  --loss PERCENT         loss in both directions, in percent as the lab shows it (0..100)
  --drop RULE            drop segments: DIRECTION:FLAGS[#N], e.g. s2c:SYN-ACK#1, c2s:SYN#*
                         DIRECTION c2s|s2c; FLAGS SYN|SYN-ACK|ACK|FIN|RST|DATA; N a count or *
  --isn MODE|NAME=N,...  textbook (client 700, server 200) or random ISNs, or fixed ones,
                         e.g. client=700,server=200
  --ip ipv4|ipv6          the IP version the hosts talk over; ipv6 maps each IPv4
                         address a.b.c.d to 2001:db8:a:b:c::d (4 and 6 also work)
  --until MS             stop the run at this virtual time
  --format text|jsonl    a line per event, readable (default) or JSON
  --pcap FILE            also write the segments to a pcap file
  --capture-at WHERE     client, server or link (default): where the pcap is captured
  --list                 list the presets
  --help                 this text

Given options override the scenario's own settings (docs/settings.md lists every setting).`;

const OPTIONS = {
  scenario: { type: 'string' },
  seed: { type: 'string' },
  profile: { type: 'string' },
  delay: { type: 'string' },
  jitter: { type: 'string' },
  loss: { type: 'string' },
  drop: { type: 'string', multiple: true },
  isn: { type: 'string' },
  ip: { type: 'string' },
  until: { type: 'string' },
  format: { type: 'string' },
  pcap: { type: 'string' },
  'capture-at': { type: 'string' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A value read by a kind (a declared setting's, or one of the command line's own). */
function read<T>(option: string, kind: SettingKind, text: string): T {
  const result = readText(kind, text);
  if ('problem' in result)
    throw new ArgError(`--${option}: ${result.problem}, got ${quoted(text)}`);
  return result.value as T;
}

function setting<T>(name: LabSettingName, text: string | undefined): T | undefined {
  return text === undefined ? undefined : read<T>(name, labSetting(name).kind, text);
}

/** DIRECTION:FLAGS[#N], e.g. "s2c:SYN-ACK#1" or "c2s:SYN#*" (N absent = 1). */
export function parseDropRule(text: string): Fault {
  const match = /^(c2s|s2c):([A-Z-]+)(?:#(\d+|\*))?$/.exec(text);
  const kind = match?.[2];
  if (!match || !kind || !(SEGMENT_KINDS as readonly string[]).includes(kind)) {
    throw new ArgError(
      `--drop: expected DIRECTION:FLAGS[#N] such as s2c:SYN-ACK#1 (FLAGS one of ${SEGMENT_KINDS.join(', ')}), got ${quoted(text)}`,
    );
  }
  const n = match[3];
  const nth = n === undefined ? 1 : n === '*' ? 'every' : Number(n);
  if (nth === 0) throw new ArgError(`--drop: the occurrence counts from 1, got ${quoted(text)}`);
  return {
    direction: match[1] as 'c2s' | 's2c',
    match: kind as SegmentKind,
    nth,
    action: 'drop',
    by: 0,
  };
}

const UINT32: SettingKind = { kind: 'number', min: 0, max: 4294967295, integer: true };

/** "client=700,server=200" */
export function parseIsn(text: string): Record<string, number> {
  const isn: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^([a-z][a-z0-9-]*)=(\d+)$/.exec(part.trim());
    if (!m?.[1] || !m[2]) {
      throw new ArgError(
        `--isn: expected textbook, random or NAME=N[,NAME=N], e.g. client=700,server=200, got ${quoted(text)}`,
      );
    }
    isn[m[1]] = read<number>('isn', UINT32, m[2]);
  }
  return isn;
}

/** util.parseArgs' own errors, in this command's words. */
function argError(error: unknown): ArgError {
  const { code, message } = error as { code?: string; message: string };
  const named = /'(-{1,2}[\s\S]*?)(?: <value>)?'/.exec(message)?.[1] ?? '';
  const option = /^[\w-]*$/.test(named) ? named : quoted(named);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new ArgError(`unknown option ${option} (see --help)`);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const argument = /argument '([\s\S]*)'\. This/.exec(message)?.[1] ?? '';
      return new ArgError(`unexpected argument ${quoted(argument)} (see --help)`);
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (message.includes('ambiguous')) {
        return new ArgError(
          `${option}: needs a value (a value that starts with "-" is written ${option}=VALUE)`,
        );
      }
      if (message.includes('does not take')) return new ArgError(`${option}: takes no value`);
      return new ArgError(`${option}: needs a value`);
    default:
      return new ArgError(message);
  }
}

export function parseArgs(argv: readonly string[]): Args {
  let values;
  try {
    ({ values } = parseNodeArgs({ args: [...argv], options: OPTIONS, strict: true }));
  } catch (error) {
    throw argError(error);
  }
  if (values.help) return { kind: 'help' };
  if (values.list) return { kind: 'list' };
  const scenario = values.scenario;
  if (scenario === undefined)
    throw new ArgError('--scenario is required (a preset name or a file; see --list)');
  if (values.pcap === '') throw new ArgError('--pcap: needs a file name');
  const isn = values.isn;
  // Fixed numbers (NAME=N) are the command line's own; a mode is the lab's ISN setting.
  const fixedIsn = isn !== undefined && isn.includes('=');
  const isnMode = fixedIsn ? undefined : setting<IsnModeName>('isn', isn);
  const fields = {
    seed: setting<number>('seed', values.seed),
    profile: setting<ProfileName>('profile', values.profile),
    delay: setting<number>('delay', values.delay),
    jitter: setting<number>('jitter', values.jitter),
    loss: setting<number>('loss', values.loss),
    isnMode,
    ip: setting<IpVersionName>('ip', values.ip),
    isn: fixedIsn ? parseIsn(isn) : undefined,
    until:
      values.until === undefined
        ? undefined
        : read<number>(
            'until',
            { kind: 'number', min: 0, max: SCENARIO_LIMITS.maxTimeMs, unit: ' ms' },
            values.until,
          ),
    pcap: values.pcap,
  };
  const choice = <T>(option: string, text: string | undefined, choices: readonly T[]) =>
    text === undefined
      ? undefined
      : read<T>(option, { kind: 'choice', choices: choices as readonly string[] }, text);
  return {
    kind: 'run',
    scenario,
    drops: (values.drop ?? []).map(parseDropRule),
    format: choice<Format>('format', values.format, ['text', 'jsonl']) ?? 'text',
    captureAt:
      choice<CaptureAt>('capture-at', values['capture-at'], ['client', 'server', 'link']) ?? 'link',
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
  };
}
