/**
 * One conversation of a capture as the lab's trace (src/sim/trace.ts), so the diagram,
 * inspector, narration and event log show it as they show a run. Pure.
 *
 * A capture records each segment once, at one place and time, so:
 * - `t` of a send is the packet's capture time, from the conversation's first packet;
 * - its arrival is drawn, not measured: half the handshake's round-trip time later (the SYN to
 *   the ACK of the SYN-ACK spans one whole round trip wherever the capture was taken), never
 *   after the receiver's next segment, which may be the answer to it;
 * - a segment its receiver evidently never got (inferredLost) is drawn lost, reason `inferred`;
 * - the states are inferred (infer-states.ts) and the expert marks computed (expert.ts).
 */
import { Flag, type FlagName } from '../../engine';
import type { EndpointInfo } from '../../sim/run-types';
import type { SendEvent, TraceEvent, TraceOption } from '../../sim/trace';
import { parseEndpoint } from '../address';
import { bytesToHex } from '../hex';
import type { CapturePacket } from '../read-capture';
import type { Conversation } from './conversations';
import { analyseConversation, type ExpertMark, sequenceLength } from './expert';
import { type Crossing, inferStates } from './infer-states';

export const CAPTURE_PROFILE = 'capture';
/** Drawn crossing time when the capture holds no handshake to measure (ms). */
const DEFAULT_CROSSING_MS = 1;
/** Wireshark's default reordering window when no RTT is known (ms). */
const DEFAULT_REORDER_MS = 3;

const FLAG_ORDER: readonly FlagName[] = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG', 'ECE', 'CWR'];

export interface CaptureTrace {
  readonly trace: TraceEvent[];
  readonly endpoints: EndpointInfo[];
  readonly endTime: number;
  readonly stop: 'idle';
  /** Wireshark-style expert marks by segment id. */
  readonly marks: ReadonlyMap<number, readonly ExpertMark[]>;
  /** The capture's own frame number of each segment id. */
  readonly frameNumbers: ReadonlyMap<number, number>;
  /** The round-trip time measured on the handshake, ms, if it was captured. */
  readonly handshakeRtt: number | null;
}

const isSyn = (p: CapturePacket) => (p.segment.flags & (Flag.SYN | Flag.ACK)) === Flag.SYN;
const isSynAck = (p: CapturePacket) =>
  (p.segment.flags & (Flag.SYN | Flag.ACK)) === (Flag.SYN | Flag.ACK);

/** SYN → SYN-ACK → first ACK: the time from the SYN to that ACK is one round trip. */
function handshakeRtt(packets: readonly CapturePacket[], a: string): number | null {
  const syn = packets.find((p) => p.src === a && isSyn(p));
  const synAck = packets.find((p) => p.src !== a && isSynAck(p));
  if (!syn || !synAck) return null;
  const ack = packets.find(
    (p) =>
      p.src === a && p.t >= synAck.t && !(p.segment.flags & Flag.SYN) && p.segment.flags & Flag.ACK,
  );
  if (!ack) return null;
  // After losses, the round trip is the last SYN's: to the SYN-ACK just before that ACK.
  const lastSynAck =
    packets.filter((p) => p.src !== a && isSynAck(p) && p.t <= ack.t).pop() ?? synAck;
  const last = packets.filter((p) => p.src === a && isSyn(p) && p.t <= lastSynAck.t).pop() ?? syn;
  const rtt = ack.t - last.t;
  return rtt > 0 ? rtt : null;
}

/** For each packet, the time of the next packet its receiver sends (a backwards pass). */
function nextSegmentFrom(packets: readonly CapturePacket[]): (number | undefined)[] {
  const result: (number | undefined)[] = new Array<number | undefined>(packets.length);
  const latest = new Map<string, number>();
  for (let i = packets.length - 1; i >= 0; i--) {
    const p = packets[i];
    if (!p) continue;
    result[i] = latest.get(p.dst);
    latest.set(p.src, p.t);
  }
  return result;
}

/**
 * Segments that evidently never arrived, by what their receiver did after the drawn arrival:
 * - a SYN-ACK whose receiver then sends its SYN again (it would have answered with an ACK,
 *   RFC 9293 §3.10.7.3);
 * - data or a FIN at sequence number s whose receiver then acknowledges exactly s (it still
 *   waits for s) and whose sender sends s again (RFC 9293 §3.8.1).
 */
function inferredLost(packets: readonly CapturePacket[], arrivals: readonly number[]): Set<number> {
  const lost = new Set<number>();
  packets.forEach((p, i) => {
    const arrival = arrivals[i] ?? p.t;
    const s = p.segment.seq;
    const data = !isSynAck(p) && sequenceLength(p.segment.flags, p.segment.payload.length) > 0;
    if (!isSynAck(p) && !data) return;
    let stillWaiting = false;
    for (let j = i + 1; j < packets.length; j++) {
      const q = packets[j];
      if (!q) break;
      if (q.src === p.dst && q.t > arrival) {
        if (isSynAck(p)) {
          if (isSyn(q)) lost.add(i);
          return;
        }
        if (!(q.segment.flags & Flag.ACK)) return;
        if (q.segment.ack !== s) return;
        stillWaiting = true;
      } else if (q.src === p.src && stillWaiting && q.segment.seq === s) {
        lost.add(i);
        return;
      }
    }
  });
  return lost;
}

const flagNames = (flags: number): FlagName[] => FLAG_ORDER.filter((name) => flags & Flag[name]);

function traceOptions(p: CapturePacket): TraceOption[] {
  return p.segment.options.map((o): TraceOption =>
    o.kind === 'sack' ? { kind: 'sack', blocks: o.blocks.map(([l, r]) => [l, r] as const) } : o,
  );
}

export function conversationToTrace(
  all: readonly CapturePacket[],
  conversation: Conversation,
): CaptureTrace {
  const packets = conversation.packetIndexes.flatMap((i) => all[i] ?? []);
  const t0 = packets[0]?.t ?? 0;
  const local = packets.map((p) => ({ ...p, t: Math.round((p.t - t0) * 1000) / 1000 }));
  const { a, b } = conversation;
  const names: [string, string] = conversation.opensInCapture ? ['client', 'server'] : ['A', 'B'];
  const nameOf = (endpoint: string) => (endpoint === a ? names[0] : names[1]);
  const rtt = handshakeRtt(local, a);
  const half = rtt === null ? DEFAULT_CROSSING_MS : rtt / 2;
  const analysis = analyseConversation(local, a, rtt ?? DEFAULT_REORDER_MS);

  const keyed: { e: TraceEvent; order: number; after: number }[] = [];
  const met: Crossing[] = [];
  const marks = new Map<number, readonly ExpertMark[]>();
  const frameNumbers = new Map<number, number>();
  const nextFrom = nextSegmentFrom(local);
  // The receiver's next segment may answer this one: draw the arrival no later than it.
  const crossings = local.map((p, i) => {
    const next = nextFrom[i];
    const gap = next === undefined ? Infinity : next - p.t;
    return Math.min(half, gap > 0 ? gap : half);
  });
  const lost = inferredLost(
    local,
    local.map((p, i) => p.t + (crossings[i] ?? 0)),
  );
  local.forEach((p, i) => {
    const id = i + 1;
    const crossing = crossings[i] ?? half;
    const arrivesAt = Math.round((p.t + crossing) * 1000) / 1000;
    const isLost = lost.has(i);
    const dropsAt = Math.round((p.t + crossing / 2) * 1000) / 1000;
    const info = analysis[i];
    const original = info?.original;
    const send: SendEvent = {
      t: p.t,
      type: 'send',
      id,
      from: nameOf(p.src),
      to: nameOf(p.dst),
      src: p.src,
      dst: p.dst,
      flags: flagNames(p.segment.flags),
      seq: p.segment.seq,
      ack: p.segment.ack,
      len: p.segment.payload.length,
      win: p.segment.window,
      options: traceOptions(p),
      retransmit: info?.retransmit ?? 0,
      ...(original !== undefined ? { original: original + 1 } : {}),
      payload: bytesToHex(p.segment.payload),
      ...(isLost ? { dropsAt } : { arrivesAt }),
    };
    // Within one instant: the sender's state change, the send; the arrival, the receiver's change.
    keyed.push({ e: send, order: 2 * i, after: 1 });
    keyed.push({
      e: isLost
        ? { t: dropsAt, type: 'drop', id, reason: 'inferred' }
        : { t: arrivesAt, type: 'deliver', id },
      order: 2 * i + 1,
      after: 0,
    });
    if (info && info.marks.length > 0) marks.set(id, info.marks);
    frameNumbers.set(id, p.number);
    met.push({
      from: send.from,
      to: send.to,
      sentAt: p.t,
      arrivesAt,
      flags: p.segment.flags,
      seq: p.segment.seq,
      ack: p.segment.ack,
      len: send.len,
      lost: isLost,
    });
  });
  for (const { event, order } of inferStates(met, names)) {
    keyed.push({ e: event, order, after: order % 2 === 0 ? 0 : 1 });
  }
  // Time first; at one instant, in the order the ends met the segments (a stable sort).
  const ordered = keyed.sort((x, y) => x.e.t - y.e.t || x.order - y.order || x.after - y.after);
  const endpoint = (name: string, text: string): EndpointInfo => {
    const { address, port } = parseEndpoint(text);
    const syn = local.find((p) => p.src === text && p.segment.flags & Flag.SYN);
    return {
      name,
      address,
      port,
      profile: CAPTURE_PROFILE,
      ...(syn ? { iss: syn.segment.seq } : {}),
    };
  };
  const endTime = ordered.reduce((max, { e }) => Math.max(max, e.t), 0);
  return {
    trace: ordered.map(({ e }) => e),
    endpoints: [endpoint(names[0], a), endpoint(names[1], b)],
    endTime,
    stop: 'idle',
    marks,
    frameNumbers,
    handshakeRtt: rtt,
  };
}
