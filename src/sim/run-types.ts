/** What runScenario takes besides the scenario, and what it gives back. */
import type { Profile, SynCookies } from '../engine';
import type { SysctlChanges } from './linux-sysctls';
import type { LinkPatch, ScenarioCall } from './scenario';
import type { WorldSnapshot } from './snapshot';
import type { TraceEvent } from './trace';

/**
 * A user's action at a moment of the run. Re-running with interventions reproduces the past
 * before `at` exactly: random draws depend only on what happened, never on later interventions.
 */
export type Intervention =
  /** Drop segment `id` while it is in flight: a `drop` event with reason 'user', no delivery. */
  | { readonly at: number; readonly kind: 'drop'; readonly id: number }
  /** New link settings from `at` on (only the given fields change). */
  | { readonly at: number; readonly kind: 'link'; readonly link: LinkPatch }
  /** An extra application call. */
  | {
      readonly at: number;
      readonly kind: 'call';
      readonly endpoint: string;
      readonly call: ScenarioCall;
    };

export interface RunOptions {
  readonly interventions?: readonly Intervention[];
  /** Overrides the scenario's stop time. */
  readonly until?: number;
  /** Overrides the scenario's step budget. */
  readonly maxSteps?: number;
  /** Take a snapshot of the world every this many steps (RunResult.checkpoints); 0: none. */
  readonly checkpointEvery?: number;
}

/** An endpoint as known after the run (spoofed sources appear with profile 'spoofed'). */
/** The numbers a TCP endpoint ran with, for its profile details. */
export interface EndpointStack {
  readonly profile: Profile;
  readonly synCookies: SynCookies;
  /** The largest listen() backlog (Linux net.core.somaxconn); null: no limit. */
  readonly maxBacklog: number | null;
  /** A linux endpoint's sysctls that differ from a Linux 6.x kernel's. */
  readonly sysctls?: SysctlChanges;
}

export interface EndpointInfo {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly profile: string;
  /** A TCP endpoint's numbers (absent for a balancer or a spoofed source). */
  readonly stack?: EndpointStack;
  /** The initial send sequence number of its first SYN or SYN-ACK, if it sent one. */
  readonly iss?: number;
}

export interface RunResult {
  readonly trace: TraceEvent[];
  /** until: the stop time was reached; idle: nothing was left to happen; budget: maxSteps spent. */
  readonly stop: 'until' | 'idle' | 'budget';
  readonly endpoints: EndpointInfo[];
  /** Virtual time at which the run stopped. */
  readonly endTime: number;
  /** Snapshots taken every `checkpointEvery` steps, oldest first (resumeScenario). */
  readonly checkpoints?: readonly WorldSnapshot[];
}
