/**
 * The host-page API: the messages a page that embeds the lab in an iframe may send it, and the
 * events the lab sends back (documented in the README, "Embedding"). Every message is checked
 * field by field before anything acts on it; a message that fails is ignored. Nothing received is
 * ever run as code or inserted as HTML: commands are data, and text only ever reaches the page as
 * text.
 */

import {
  HOST_SETTING_NAMES,
  MOMENT_KIND,
  labSetting,
  quote,
  readJson,
  type HostSettingName,
  type LabSettingName,
  type Read,
} from '../../sim/settings';
import type { UrlState } from '../url/url-params';

export const PROTOCOL = 'handshake-lab';
export const PROTOCOL_VERSION = 1;

/** Link and run settings a host may change: those declared with a host `set` (lab-settings.ts). */
export type HostSettings = Pick<UrlState, HostSettingName>;

export type HostCommand =
  | { command: 'play' }
  | { command: 'pause' }
  | { command: 'seek'; t: number }
  | { command: 'step'; direction: 1 | -1 }
  | { command: 'load'; scenario: string }
  | { command: 'set'; settings: HostSettings };

export type LabEvent =
  /** Once, when the lab listens for commands. */
  | { event: 'ready'; scenario: string; duration: number }
  /** Playing or paused, and after each new run (a load, a settings change). */
  | { event: 'playback'; playing: boolean; t: number; scenario: string; duration: number }
  /** An endpoint's RFC 9293 state changed as the playhead passed it. */
  | { event: 'state'; endpoint: string; from: string; to: string; t: number }
  /** A segment was sent, arrived, or was dropped as the playhead passed it. */
  | {
      event: 'segment';
      kind: 'sent' | 'delivered' | 'dropped';
      id: number;
      label: string;
      from: string;
      to: string;
      /** Why it was dropped (loss, rule, user, firewall, queue-full); only when dropped. */
      reason?: string;
      t: number;
    }
  /** Playback reached the end of the run (or of the embed's range). */
  | { event: 'finished'; t: number }
  /** The lab's content height in CSS pixels, whenever it changes. */
  | { event: 'height'; height: number }
  | { event: 'error'; message: string };

export type LabMessage = LabEvent & { source: typeof PROTOCOL; version: typeof PROTOCOL_VERSION };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finiteIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

/** A value as a message quotes it: short, on one line. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return quote(text);
}

/**
 * The settings of a `set` message, each read by its declaration (src/sim/settings), or the
 * problem with the first that fails, worded as a link's note is.
 */
export function readHostSettings(value: unknown): Read<HostSettings> {
  if (!isRecord(value) || Object.keys(value).length === 0) {
    return { problem: `expected settings such as { loss: 5 }` };
  }
  const settings: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(value)) {
    // Own names only: "valueOf" or "constructor" must not find Object.prototype's functions.
    if (!(HOST_SETTING_NAMES as readonly string[]).includes(name)) {
      return {
        problem: `${quote(name)}: not a setting (expected ${HOST_SETTING_NAMES.join(', ')})`,
      };
    }
    const read = readJson(labSetting(name as LabSettingName).kind, setting);
    if ('problem' in read) return { problem: `${name}=${shown(setting)}: ${read.problem}` };
    settings[name] = read.value;
  }
  return { value: settings as HostSettings };
}

/**
 * Why a message in our envelope was not obeyed, in one sentence for the host's `error` event;
 * undefined when it was obeyed or is not ours.
 */
export function hostMessageProblem(data: unknown): string | undefined {
  if (!isRecord(data) || data.source !== PROTOCOL || data.version !== PROTOCOL_VERSION) return;
  if (readHostCommand(data)) return undefined;
  const problem = (what: string, value: unknown, read: Read) =>
    'problem' in read ? `Ignored ${what}=${shown(value)}: ${read.problem}.` : undefined;
  switch (data.command) {
    case 'seek':
      return problem('seek t', data.t, readJson(MOMENT_KIND, data.t));
    case 'step':
      return `Ignored step direction=${shown(data.direction)}: expected 1 or -1.`;
    case 'load':
      return problem(
        'load scenario',
        data.scenario,
        readJson(labSetting('scenario').kind, data.scenario),
      );
    case 'set': {
      const settings = readHostSettings(data.settings);
      return 'problem' in settings ? `Ignored set ${settings.problem}.` : undefined;
    }
    default:
      return `Ignored the command ${shown(data.command)}: expected play, pause, seek, step, load or set.`;
  }
}

/**
 * Reads a message from a host page: the command it carries, or undefined when the message is not
 * ours, is of another version, or is malformed in any field.
 */
export function readHostCommand(data: unknown): HostCommand | undefined {
  if (!isRecord(data) || data.source !== PROTOCOL || data.version !== PROTOCOL_VERSION) {
    return undefined;
  }
  switch (data.command) {
    case 'play':
    case 'pause':
      return { command: data.command };
    case 'seek':
      return finiteIn(data.t, MOMENT_KIND.min, MOMENT_KIND.max)
        ? { command: 'seek', t: data.t }
        : undefined;
    case 'step':
      return data.direction === 1 || data.direction === -1
        ? { command: 'step', direction: data.direction }
        : undefined;
    case 'load':
      return 'value' in readJson(labSetting('scenario').kind, data.scenario)
        ? { command: 'load', scenario: data.scenario as string }
        : undefined;
    case 'set': {
      const settings = readHostSettings(data.settings);
      return 'value' in settings ? { command: 'set', settings: settings.value } : undefined;
    }
    default:
      return undefined;
  }
}

/** Wraps an event in the envelope every outgoing message carries. */
export function labMessage(event: LabEvent): LabMessage {
  return { source: PROTOCOL, version: PROTOCOL_VERSION, ...event };
}

/**
 * Whether messages from `origin` may drive the lab. With no allow-list any parent may (the lab
 * holds no secrets and every command is bounded); with one, only the origins it names.
 */
export function isOriginAllowed(origin: string, allowList: readonly string[] | undefined): boolean {
  if (!allowList || allowList.length === 0) return true;
  return allowList.includes(origin);
}
