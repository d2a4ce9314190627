/**
 * What the store needs from the simulated world, as an interface: the store asks for a run with
 * given settings and interventions, and receives the trace exactly as the simulator produced it.
 * The adapter onto src/sim (sim-world.ts) maps these settings onto a preset's scenario; the
 * store's tests run on it too. Benches may hand the store a synthetic world that keeps the same
 * promises (bench/synthetic-run.ts) to reach sizes no preset produces.
 */
import type { ProfileName } from '../engine';
import type { EndpointInfo } from '../sim/run-types';
import type { TraceEvent } from '../sim/trace';

/** The engine's profile names: the store names a profile, the engine holds its numbers. */
export type { ProfileName };
export type IsnMode = 'textbook' | 'random';
export type IpVersion = 'ipv4' | 'ipv6';
export type Numbering = 'absolute' | 'relative';
export type Theme = 'light' | 'dark' | 'system';

/** The settings that change what the engine does: changing one re-runs or forks the run. */
export interface RunSettings {
  readonly preset: string;
  readonly seed: number;
  /** One-way base delay of the link, both directions (ms). */
  readonly delay: number;
  /** Maximum random extra delay per segment (ms). */
  readonly jitter: number;
  /** Probability that the link loses a segment, in percent (0 to 100), both directions. */
  readonly loss: number;
  readonly profile: ProfileName;
  readonly isn: IsnMode;
  /** The IP version the hosts talk over (an IPv4 preset's addresses mapped into 2001:db8::/32). */
  readonly ip: IpVersion;
  /**
   * Linux sysctls changed per endpoint on top of the preset's own, in the canonical text of
   * the `sysctls` parameter ('' for none; src/sim/settings/sysctls-param.ts).
   */
  readonly sysctls: string;
}

/** The run settings besides the preset, in the order a link writes them. */
export const RUN_SETTING_KEYS = [
  'seed',
  'delay',
  'jitter',
  'loss',
  'profile',
  'isn',
  'ip',
  'sysctls',
] as const satisfies readonly Exclude<keyof RunSettings, 'preset'>[];

/** The link part of RunSettings: what can change in the middle of a run. */
export type LinkSettings = Pick<RunSettings, 'delay' | 'jitter' | 'loss'>;

/**
 * A user's act in the middle of a run. The world re-runs the scenario with the act applied at
 * `at`, and reproduces everything before `at` exactly, so the past is kept and the future forks.
 */
export type Intervention =
  | { readonly at: number; readonly kind: 'drop'; readonly id: number }
  | { readonly at: number; readonly kind: 'link'; readonly link: Partial<LinkSettings> };

/** An endpoint as the run knows it, exactly as the simulator reports it. */
export type { EndpointInfo };

export interface RecordedRun {
  readonly trace: readonly TraceEvent[];
  readonly stop: 'until' | 'idle' | 'budget';
  readonly endpoints: readonly EndpointInfo[];
  readonly endTime: number;
}

export interface PresetSummary {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  /** Why the preset cannot run over an IP version, for each version it cannot run over. */
  readonly ipProblems?: Partial<Readonly<Record<IpVersion, string>>>;
}

export interface RunSource {
  readonly presets: readonly PresetSummary[];
  /** The run settings a preset starts with (its own link, seed, profile and ISNs). */
  defaults(preset: string): RunSettings;
  run(settings: RunSettings, interventions: readonly Intervention[]): RecordedRun;
}
