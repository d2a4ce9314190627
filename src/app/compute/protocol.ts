/**
 * The messages between the page and its run worker: one request, one reply with the same id.
 * Runs come back as timelines (the trace and its indexes), built where they were computed, so the
 * page's main thread only receives them.
 */
import type { ScriptRunInfo, Timeline } from '../../store';
import type { Intervention, RunSettings } from '../../store/world';
import type { Opening } from '../capture/prepare-capture';
import type { CapturePacket } from '../../wire/read-capture';
import type { ProfileChoice } from '../packetdrill/prepare-script-run';

export interface ScenarioRequest {
  readonly id: number;
  readonly kind: 'scenario';
  readonly settings: RunSettings;
  readonly interventions: readonly Intervention[];
}

/**
 * A run the page computed itself that came out big: the worker computes it too, keeping its
 * checkpoints and timeline, and answers only that it did (PreparedReply). The next change of
 * that run, which the store hands to the worker, then resumes from the worker's own snapshots
 * with its code already compiled, instead of running the whole scenario cold.
 */
export interface PrepareRequest {
  readonly id: number;
  readonly kind: 'prepare';
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

/**
 * A capture file to read and list its conversations (src/wire/read-capture.ts). The File itself
 * is posted (a reference to its data, not a copy): the worker reads its bytes, so the page never
 * holds or copies a big capture (tens of megabytes, a long task each time).
 */
export interface CaptureRequest {
  readonly id: number;
  readonly kind: 'capture';
  readonly file: File;
}

export type RunRequest =
  ScenarioRequest | PrepareRequest | ScriptRequest | OriginRequest | CaptureRequest;

/** A script's run ready to show, or the one message that says why it cannot be shown. */
export type PreparedScript =
  | { readonly ok: true; readonly info: ScriptRunInfo; readonly timeline: Timeline }
  | { readonly ok: false; readonly message: string };

export type RunReply =
  | { readonly id: number; readonly kind: 'scenario'; readonly timeline: Timeline }
  | { readonly id: number; readonly kind: 'prepared' }
  | { readonly id: number; readonly kind: 'script'; readonly prepared: PreparedScript }
  | { readonly id: number; readonly kind: 'origin'; readonly profile: ProfileChoice }
  | { readonly id: number; readonly kind: 'capture'; readonly opening: Opening }
  /** Some of a capture's packets, ahead of its 'capture' reply (see captureMessages). */
  | {
      readonly id: number;
      readonly kind: 'capture-part';
      readonly packets: readonly CapturePacket[];
    }
  /** The computation itself failed (a fault of the lab, never of the input). */
  | { readonly id: number; readonly kind: 'failed'; readonly message: string };

/**
 * The buffers a reply can hand over instead of copying, each once: a script run's typed arrays.
 * A scenario's are copied: the worker keeps that timeline, to extend on a fork.
 */
export function transferablesOf(reply: RunReply): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (array: ArrayBufferView) => {
    if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  };
  const timeline = reply.kind === 'script' && reply.prepared.ok ? reply.prepared.timeline : null;
  if (timeline) {
    for (const array of [
      timeline.times,
      timeline.spanStarts,
      timeline.spanEndsMax,
      timeline.timerStarts,
      timeline.timerEnds.max,
      ...timeline.stateIndexes.values(),
      ...timeline.stateTimes.values(),
    ])
      add(array);
  }
  return [...buffers];
}

/** Packets per message: each message is received in one task of the page's main thread. */
export const PACKETS_PER_PART = 250;

/**
 * A capture's reply as the worker posts it: its packets in parts, each part's payloads copied
 * into one buffer that the message hands over (one buffer per packet would cost the page more
 * to receive than the packets themselves), then the reply itself with no packets. Receiving a
 * big capture thus takes many short tasks on the page instead of one long one.
 */
export function captureMessages(reply: RunReply): { message: RunReply; transfer: ArrayBuffer[] }[] {
  if (reply.kind !== 'capture' || !reply.opening.ok) return [{ message: reply, transfer: [] }];
  const { file } = reply.opening;
  const messages: { message: RunReply; transfer: ArrayBuffer[] }[] = [];
  const packets = file.capture.packets;
  for (let from = 0; from < packets.length; from += PACKETS_PER_PART) {
    const part = packets.slice(from, from + PACKETS_PER_PART);
    const bytes = new Uint8Array(part.reduce((sum, p) => sum + p.segment.payload.length, 0));
    let at = 0;
    const packed = part.map((packet) => {
      const payload = bytes.subarray(at, at + packet.segment.payload.length);
      payload.set(packet.segment.payload);
      at += payload.length;
      return { ...packet, segment: { ...packet.segment, payload } };
    });
    messages.push({
      message: { id: reply.id, kind: 'capture-part', packets: packed },
      transfer: [bytes.buffer],
    });
  }
  const empty = { ...file, capture: { ...file.capture, packets: [] } };
  messages.push({ message: { ...reply, opening: { ok: true, file: empty } }, transfer: [] });
  return messages;
}

/** The capture reply with the packets its parts brought (the page's side of captureMessages). */
export function withCaptureParts(
  reply: RunReply,
  parts: readonly (readonly CapturePacket[])[],
): RunReply {
  if (reply.kind !== 'capture' || !reply.opening.ok || parts.length === 0) return reply;
  const { file } = reply.opening;
  const packets = parts.flat();
  return {
    ...reply,
    opening: { ok: true, file: { ...file, capture: { ...file.capture, packets } } },
  };
}
