/**
 * The host-page API: the messages a page that embeds the lab in an iframe may send it, and the
 * events the lab sends back (documented in the README, "Embedding"). Every message is checked
 * field by field before anything acts on it; a message that fails is ignored. Nothing received is
 * ever run as code or inserted as HTML: commands are data, and text only ever reaches the page as
 * text.
 */

export const PROTOCOL = 'handshake-lab';
export const PROTOCOL_VERSION = 1;

/** Link and run settings a host may change; each bounded as the URL parameters are. */
export interface HostSettings {
  delay?: number;
  jitter?: number;
  loss?: number;
  seed?: number;
  profile?: 'rfc' | 'linux' | 'freebsd';
  isn?: 'textbook' | 'random';
  theme?: 'light' | 'dark' | 'system';
}

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

const SETTING_CHECKS: { [K in keyof HostSettings]-?: (value: unknown) => boolean } = {
  delay: (v) => finiteIn(v, 0, 10000),
  jitter: (v) => finiteIn(v, 0, 5000),
  loss: (v) => finiteIn(v, 0, 100),
  seed: (v) => finiteIn(v, 0, 4294967295) && Number.isInteger(v),
  profile: (v) => v === 'rfc' || v === 'linux' || v === 'freebsd',
  isn: (v) => v === 'textbook' || v === 'random',
  theme: (v) => v === 'light' || v === 'dark' || v === 'system',
};

function readSettings(value: unknown): HostSettings | undefined {
  if (!isRecord(value)) return undefined;
  const settings: Record<string, unknown> = {};
  const entries = Object.entries(value);
  if (entries.length === 0) return undefined;
  for (const [name, setting] of entries) {
    // Own names only: "valueOf" or "constructor" must not find Object.prototype's functions.
    if (!Object.hasOwn(SETTING_CHECKS, name)) return undefined;
    const check = SETTING_CHECKS[name as keyof HostSettings];
    if (!check(setting)) return undefined;
    settings[name] = setting;
  }
  return settings as HostSettings;
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
      return finiteIn(data.t, 0, 1e9) ? { command: 'seek', t: data.t } : undefined;
    case 'step':
      return data.direction === 1 || data.direction === -1
        ? { command: 'step', direction: data.direction }
        : undefined;
    case 'load':
      return typeof data.scenario === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(data.scenario)
        ? { command: 'load', scenario: data.scenario }
        : undefined;
    case 'set': {
      const settings = readSettings(data.settings);
      return settings ? { command: 'set', settings } : undefined;
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
