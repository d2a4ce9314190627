/**
 * Every setting of a run and of its view, declared once: its name (the URL parameter, and the
 * key of a host page's `set` message), its kind and range, its default, and which surfaces carry
 * it: the page's control, a host message, a command-line flag, a scenario field. The URL parser,
 * the host-page protocol, the command line, the scenario validator, the controls and the docs
 * table (scripts/settings-table.ts) all read this list, so they cannot drift apart.
 *
 * It sits in src/sim because every layer may import the simulator (DESIGN.md): the command line
 * and the validator as much as the store, the controls and the page.
 */
import { profiles, type ProfileName } from '../../engine';
import { FORK_SHAPE, readFork, writeFork } from './fork-param';
import { readSysctlOverrides, SYSCTLS_SHAPE, writeSysctlOverrides } from './sysctls-param';
import { readOrigins, readSpeed } from './embed-params';
import { IP_VERSIONS } from './ip-version';
import { DELAY_KIND, LOSS_KIND, MOMENT_KIND, SEED_KIND } from './run-kinds';
import type { SettingKind } from './setting-kinds';

export interface LabSetting {
  /** The URL parameter, and the key of a host page's `set` message when `host` is set. */
  readonly name: string;
  /** What it is, in one line (the docs table). */
  readonly about: string;
  readonly kind: SettingKind;
  /** The default, in words. */
  readonly defaults: string;
  /** The label of the page's control, if it has one. */
  readonly control?: string;
  /** How a host page sets it (docs/embedding.md), if it can. */
  readonly host?: string;
  /** The command-line flag (`npm run sim`), if there is one. */
  readonly cli?: string;
  /** The scenario field(s) it becomes, if any (docs/scenarios.md). */
  readonly scenario?: string;
  /** Read only by an embedded lab; the full page notes and drops it. */
  readonly embedOnly?: true;
}

/** Lowercase names: preset, lesson. Anything else could not be a file name or a link. */
function nameKind(what: string): SettingKind {
  return {
    kind: 'text',
    shape: what,
    read: (raw) =>
      /^[a-z0-9][a-z0-9-]{0,63}$/.test(raw) ? { value: raw } : { problem: `expected ${what}` },
    write: String,
  };
}

/** The profiles the engine holds: adding one to src/engine/profiles.ts adds it everywhere. */
export const PROFILE_NAMES = Object.keys(profiles) as ProfileName[];
export const ISN_MODES = ['textbook', 'random'] as const;
export const NUMBERINGS = ['absolute', 'relative'] as const;
export const TIME_AXES = ['compressed', 'true'] as const;
export const TEXT_SIZES = ['normal', 'large'] as const;
export const THEMES = ['light', 'dark', 'system'] as const;
export const CONTROLS = ['full', 'minimal', 'none'] as const;
/** Languages the interface is written in. */
export const SUPPORTED_LANGUAGES: readonly string[] = ['en'];

/** In the order a link writes them, so one view has one link. */
export const LAB_SETTINGS = [
  {
    name: 'scenario',
    about: 'The preset to run',
    kind: nameKind('a preset name'),
    defaults: 'the first preset',
    control: 'Scenario',
    host: '`load` command',
    cli: 'scenario',
  },
  {
    name: 'lesson',
    about: 'A lesson of the course (docs/lessons.md)',
    kind: nameKind('a lesson name'),
    defaults: 'none',
  },
  {
    name: 'step',
    about: 'The lesson’s step, counted from 1',
    kind: { kind: 'number', min: 1, max: 1000, integer: true },
    defaults: '1',
  },
  {
    name: 'seed',
    about: 'The seed of the link’s random numbers (loss, jitter, random ISNs)',
    kind: SEED_KIND,
    defaults: 'the preset’s',
    control: 'Seed',
    host: '`set`',
    cli: 'seed',
    scenario: '`seed`',
  },
  {
    name: 'delay',
    about: 'One-way delay of the link, both directions',
    kind: DELAY_KIND,
    defaults: 'the preset’s',
    control: 'Delay (ms)',
    host: '`set`',
    cli: 'delay',
    scenario: '`link.c2s.delay`, `link.s2c.delay`',
  },
  {
    name: 'jitter',
    about: 'Largest random extra delay of a segment, both directions',
    kind: DELAY_KIND,
    defaults: 'the preset’s',
    control: 'Jitter (ms)',
    host: '`set`',
    cli: 'jitter',
    scenario: '`link.c2s.jitter`, `link.s2c.jitter`',
  },
  {
    name: 'loss',
    about: 'Chance that the link loses a segment, both directions',
    kind: LOSS_KIND,
    defaults: 'the preset’s',
    control: 'Loss (%)',
    host: '`set`',
    cli: 'loss',
    scenario: '`link.c2s.loss`, `link.s2c.loss` (a probability: percent ÷ 100)',
  },
  {
    name: 'profile',
    about: 'The stack every endpoint follows',
    kind: { kind: 'choice', choices: PROFILE_NAMES },
    defaults: 'the preset’s',
    control: 'Profile',
    host: '`set`',
    cli: 'profile',
    scenario: '`endpoints[].profile`',
  },
  {
    name: 'isn',
    about: 'Initial sequence numbers: the textbook’s (client 700, server 200) or random',
    kind: { kind: 'choice', choices: ISN_MODES },
    defaults: 'the preset’s',
    control: 'ISN',
    host: '`set`',
    cli: 'isn',
    scenario: '`endpoints[].isn`',
  },
  {
    name: 'ip',
    about:
      'The IP version the hosts talk over; IPv6 maps each IPv4 address a.b.c.d to 2001:db8:a:b:c::d',
    kind: { kind: 'choice', choices: IP_VERSIONS, aliases: { '4': 'ipv4', '6': 'ipv6' } },
    defaults: 'the preset’s',
    control: 'IP version',
    host: '`set`',
    cli: 'ip',
    scenario: '`endpoints[].address`, `balancer.address`, `inject[].fromAddress`',
  },
  {
    name: 'sysctls',
    about:
      'Linux sysctls changed per endpoint in the profile details, on top of the scenario’s own (docs/linux-sysctls.md)',
    kind: {
      kind: 'text',
      shape: SYSCTLS_SHAPE,
      read: (raw) => {
        const read = readSysctlOverrides(raw);
        return 'value' in read ? { value: writeSysctlOverrides(read.value) } : read;
      },
      write: String,
    },
    defaults: 'none',
    control: 'Profile details',
    scenario: '`endpoints[].sysctls`',
  },
  {
    name: 't',
    about: 'The playhead, in virtual milliseconds',
    kind: MOMENT_KIND,
    defaults: '0',
    control: 'Time',
    host: '`seek` command',
  },
  {
    name: 'segment',
    about: 'The selected segment (the inspector shows it)',
    kind: { kind: 'number', min: 1, max: 1e9, integer: true },
    defaults: 'none',
  },
  {
    name: 'fork',
    about: 'What the user did in the middle of the run: segments dropped by hand, link changes',
    kind: { kind: 'text', shape: FORK_SHAPE, read: readFork, write: writeFork },
    defaults: 'none',
    cli: 'drop (a rule, not a moment)',
  },
  {
    name: 'numbers',
    about: 'Sequence numbers as sent, or relative to each side’s ISN',
    kind: { kind: 'choice', choices: NUMBERINGS },
    defaults: 'absolute',
    control: 'Numbers',
  },
  {
    name: 'axis',
    about: 'The time axis: quiet stretches compressed, or true scale',
    kind: { kind: 'choice', choices: TIME_AXES },
    defaults: 'compressed',
    control: 'Time axis',
  },
  {
    name: 'text',
    about: 'Text size; large reads from the back of a room',
    kind: { kind: 'choice', choices: TEXT_SIZES },
    defaults: 'normal',
    control: 'Text size',
  },
  {
    name: 'theme',
    about: 'Colour theme (`auto` is read as system)',
    kind: { kind: 'choice', choices: THEMES, aliases: { auto: 'system' } },
    defaults: 'system',
    control: 'Theme',
    host: '`set`',
  },
  {
    name: 'lang',
    about: 'Interface language',
    kind: {
      kind: 'text',
      shape: SUPPORTED_LANGUAGES.join(', '),
      read: (raw) =>
        SUPPORTED_LANGUAGES.includes(raw.toLowerCase().split('-')[0] ?? '')
          ? { value: raw.toLowerCase() }
          : { problem: `only ${SUPPORTED_LANGUAGES.join(', ')} is available` },
      write: String,
    },
    defaults: 'en',
  },
  {
    name: 'controls',
    about: 'Which playback controls an embed shows',
    kind: { kind: 'choice', choices: CONTROLS },
    defaults: 'full',
    embedOnly: true,
  },
  {
    name: 'autoplay',
    about: 'An embed starts playing by itself',
    kind: { kind: 'flag' },
    defaults: '0',
    embedOnly: true,
  },
  {
    name: 'loop',
    about: 'An embed plays again from `start` when it reaches `end`',
    kind: { kind: 'flag' },
    defaults: '0',
    embedOnly: true,
  },
  {
    name: 'speed',
    about: 'Playback speed as a fraction of real time (`1/10` or `0.1`)',
    kind: { kind: 'text', shape: '1/1000 to 1', read: readSpeed, write: String },
    defaults: '1/40 (an autoplaying embed: 1/10)',
    control: 'Speed',
  },
  {
    name: 'narration',
    about: 'An embed shows the current narration sentence as a caption',
    kind: { kind: 'flag' },
    defaults: '0',
  },
  {
    name: 'predict',
    about: 'An embed asks the reader to predict each visible step before showing it',
    kind: { kind: 'flag' },
    defaults: '0',
    embedOnly: true,
  },
  {
    name: 'start',
    about: 'The moment an embed’s playback starts from and loops back to',
    kind: MOMENT_KIND,
    defaults: '0',
    embedOnly: true,
  },
  {
    name: 'end',
    about: 'The moment an embed’s playback stops or loops (after `start`)',
    kind: MOMENT_KIND,
    defaults: 'the run’s end',
    embedOnly: true,
  },
  {
    name: 'origins',
    about: 'Parent origins allowed to drive an embed over postMessage',
    kind: {
      kind: 'text',
      shape: 'up to 16 origins, comma-separated',
      read: readOrigins,
      write: (value) => (value as readonly string[]).join(','),
    },
    defaults: 'any parent',
    embedOnly: true,
  },
] as const satisfies readonly LabSetting[];

export type LabSettingName = (typeof LAB_SETTINGS)[number]['name'];

const BY_NAME = new Map<string, LabSetting>(LAB_SETTINGS.map((s) => [s.name, s]));

/** The declaration of one setting. */
export function labSetting(name: LabSettingName): LabSetting {
  return BY_NAME.get(name) as LabSetting;
}

/** The settings a host page's `set` message may carry. */
export type HostSettingName = Extract<(typeof LAB_SETTINGS)[number], { host: '`set`' }>['name'];
export const HOST_SETTING_NAMES: readonly HostSettingName[] = (
  LAB_SETTINGS as readonly LabSetting[]
)
  .filter((s) => s.host === '`set`')
  .map((s) => s.name as HostSettingName);
