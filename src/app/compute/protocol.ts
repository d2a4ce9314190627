/**
 * The messages between the page and its run worker: one request, one reply with the same id.
 * Runs come back as timelines (the trace and its indexes), built where they were computed, so the
 * page's main thread only receives them.
 */
import type { ScriptRunInfo, Timeline } from '../../store';
import type { Intervention, RunSettings } from '../../store/world';
import type { ProfileChoice } from '../packetdrill/prepare-script-run';

export interface ScenarioRequest {
  readonly id: number;
  readonly kind: 'scenario';
  readonly settings: RunSettings;
  readonly interventions: readonly Intervention[];
}

export interface ScriptRequest {
  readonly id: number;
  readonly kind: 'script';
  readonly text: string;
  readonly fileName?: string;
  readonly profile: ProfileChoice;
}

/** Which profile a script asks for (detectProfile): its whole text is parsed to know. */
export interface OriginRequest {
  readonly id: number;
  readonly kind: 'origin';
  readonly text: string;
  readonly fileName?: string;
}

export type RunRequest = ScenarioRequest | ScriptRequest | OriginRequest;

/** A script's run ready to show, or the one message that says why it cannot be shown. */
export type PreparedScript =
  | { readonly ok: true; readonly info: ScriptRunInfo; readonly timeline: Timeline }
  | { readonly ok: false; readonly message: string };

export type RunReply =
  | { readonly id: number; readonly kind: 'scenario'; readonly timeline: Timeline }
  | { readonly id: number; readonly kind: 'script'; readonly prepared: PreparedScript }
  | { readonly id: number; readonly kind: 'origin'; readonly profile: ProfileChoice }
  /** The computation itself failed (a fault of the lab, never of the input). */
  | { readonly id: number; readonly kind: 'failed'; readonly message: string };

/**
 * The buffers of a script run's typed arrays, each once: postMessage moves them instead of
 * copying. A scenario's are copied: the worker keeps that timeline, to extend on a fork.
 */
export function transferablesOf(reply: RunReply): ArrayBuffer[] {
  const timeline = reply.kind === 'script' && reply.prepared.ok ? reply.prepared.timeline : null;
  if (!timeline) return [];
  const arrays = [
    timeline.times,
    timeline.spanStarts,
    timeline.spanEndsMax,
    timeline.timerStarts,
    timeline.timerEnds.max,
    ...timeline.stateIndexes.values(),
    ...timeline.stateTimes.values(),
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  return [...buffers];
}
