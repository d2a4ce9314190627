/** What runScenario takes besides the scenario, and what it gives back. */
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
export interface EndpointInfo {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly profile: string;
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
