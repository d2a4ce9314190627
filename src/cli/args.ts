/**
 * The command line of `npm run sim`, parsed by hand. Every mistake becomes one ArgError whose
 * message names the option and the problem; sim.ts prints it as one line and exits with 2.
 */
import { SCENARIO_LIMITS, SEGMENT_KINDS, type Fault, type SegmentKind } from '../sim';

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
  readonly loss?: number;
  readonly drops: readonly Fault[];
  /** Fixed ISNs by endpoint name. */
  readonly isn?: Readonly<Record<string, number>>;
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
  --delay MS             one-way delay in both directions
  --jitter MS            extra random delay up to MS in both directions
  --loss P               loss probability in both directions (0..1)
  --drop RULE            drop segments: DIRECTION:FLAGS[#N], e.g. s2c:SYN-ACK#1, c2s:SYN#*
                         DIRECTION c2s|s2c; FLAGS SYN|SYN-ACK|ACK|FIN|RST|DATA; N a count or *
  --isn NAME=N,...       fixed initial sequence numbers, e.g. client=700,server=200
  --until MS             stop the run at this virtual time
  --format text|jsonl    a line per event, readable (default) or JSON
  --pcap FILE            also write the segments to a pcap file
  --capture-at WHERE     client, server or link (default): where the pcap is captured
  --list                 list the presets
  --help                 this text

Given options override the scenario's own settings.`;

const VALUE_OPTIONS = [
  'scenario',
  'seed',
  'profile',
  'delay',
  'jitter',
  'loss',
  'drop',
  'isn',
  'until',
  'format',
  'pcap',
  'capture-at',
] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

function number(
  option: string,
  text: string,
  min: number,
  max = Infinity,
  integer = false,
): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new ArgError(`--${option}: expected a number, got ${quoted(text)}`);
  }
  if (integer && !Number.isInteger(value)) {
    throw new ArgError(`--${option}: expected a whole number, got ${text.trim()}`);
  }
  if (value < min || value > max) {
    const range = max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
    throw new ArgError(`--${option}: must be ${range}, got ${text.trim()}`);
  }
  return value;
}

function oneOf<T extends string>(option: string, text: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new ArgError(`--${option}: must be one of ${allowed.join(', ')}, got ${quoted(text)}`);
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

/** "client=700,server=200" */
export function parseIsn(text: string): Record<string, number> {
  const isn: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^([a-z][a-z0-9-]*)=(\d+)$/.exec(part.trim());
    if (!m?.[1] || !m[2]) {
      throw new ArgError(
        `--isn: expected NAME=N[,NAME=N], e.g. client=700,server=200, got ${quoted(text)}`,
      );
    }
    isn[m[1]] = number('isn', m[2], 0, 4294967295, true);
  }
  return isn;
}

export function parseArgs(argv: readonly string[]): Args {
  const values = new Map<ValueOption, string>();
  const drops: Fault[] = [];
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    if (arg === '--list') {
      list = true;
      continue;
    }
    if (!arg.startsWith('--'))
      throw new ArgError(`unexpected argument ${quoted(arg)} (see --help)`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) {
      throw new ArgError(
        `unknown option ${/^[\w-]*$/.test(name) ? `--${name}` : quoted(`--${name}`)} (see --help)`,
      );
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined) throw new ArgError(`--${name}: needs a value`);
    if (name === 'drop') drops.push(parseDropRule(value));
    else values.set(name as ValueOption, value);
  }
  if (list) return { kind: 'list' };
  const scenario = values.get('scenario');
  if (scenario === undefined)
    throw new ArgError('--scenario is required (a preset name or a file; see --list)');
  return buildRunArgs(scenario, values, drops);
}

function buildRunArgs(scenario: string, values: Map<ValueOption, string>, drops: Fault[]): RunArgs {
  const get = (name: ValueOption): string | undefined => values.get(name);
  const opt = <T>(name: ValueOption, parse: (text: string) => T): T | undefined => {
    const text = get(name);
    return text === undefined ? undefined : parse(text);
  };
  const fields = {
    seed: opt('seed', (t) => number('seed', t, 0, 4294967295, true)),
    profile: opt('profile', (t) => oneOf('profile', t, ['rfc', 'linux', 'freebsd'] as const)),
    delay: opt('delay', (t) => number('delay', t, 0, SCENARIO_LIMITS.maxDelayMs)),
    jitter: opt('jitter', (t) => number('jitter', t, 0, SCENARIO_LIMITS.maxDelayMs)),
    loss: opt('loss', (t) => number('loss', t, 0, 1)),
    isn: opt('isn', parseIsn),
    until: opt('until', (t) => number('until', t, 0, SCENARIO_LIMITS.maxTimeMs)),
    pcap: opt('pcap', (t) => {
      if (t === '') throw new ArgError('--pcap: needs a file name');
      return t;
    }),
  };
  const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return {
    kind: 'run',
    scenario,
    drops,
    format: opt('format', (t) => oneOf('format', t, ['text', 'jsonl'] as const)) ?? 'text',
    captureAt:
      opt('capture-at', (t) => oneOf('capture-at', t, ['client', 'server', 'link'] as const)) ??
      'link',
    ...defined,
  };
}
