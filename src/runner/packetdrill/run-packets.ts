/**
 * Packet lines. `<` builds the segment the script describes (mapped to live numbers) and
 * injects it at its time. `>` takes the next segment the engine sent on the connection under
 * test, waiting on the virtual clock up to 2 s past its expected time (packetdrill's "Timed out
 * waiting for packet"), aggregates consecutive data segments when the line is larger, and
 * compares it field by field and in time.
 */
import { Flag, flagNames, type IpFields, type Profile, type Segment } from '../../engine';
import type { PacketSpec } from '../../wire/packetdrill/ast';
import { compareSegment } from './compare';
import { ipMismatches } from './ip-lines';
import { finishInbound, md5AsWritten, udpMismatch } from './md5-udp-lines';
import { formatSegment } from '../../wire/packetdrill/format';
import { record, type RunContext } from './run-context';
import {
  inboundPacket,
  isForSocket,
  learnTimestamp,
  newScriptSocket,
  outboundView,
  type ScriptSocket,
} from './script-socket';
import { expectedStart, timingError, toleranceFor, type Scheduled } from './timing';
import type { Emitted } from './world';

/** How long past its expected time an outbound segment is waited for (FORMAT.md). */
export const OUTBOUND_GRACE_USECS = 2_000_000;
/** How far a `*` line looks ahead on the virtual clock. */
export const ANY_TIME_HORIZON_USECS = 600_000_000;

/** A segment for the script run's timeline: what the app draws as an arrow. */
export function timelineSegment(
  ctx: RunContext,
  atUsecs: number,
  view: PacketSpec,
  line: number | null,
  status: 'injected' | 'matched' | 'mismatch' | 'unexpected' | 'ignored',
  ip?: IpFields,
): void {
  ctx.timeline.push({
    type: 'segment',
    t: atUsecs / 1000,
    direction: view.direction,
    flags: flagNames(view.flags),
    seq: view.seqStart,
    ack: view.ack ?? 0,
    len: view.payloadLength,
    win: view.window ?? 0,
    text: formatSegment(view),
    line,
    status,
    ...(ip ? { ip } : {}),
  });
}

/** The script socket an inbound segment belongs to; a listener spawns a child (run_packet.c). */
function socketForInbound(ctx: RunContext, spec: PacketSpec): ScriptSocket {
  const current = ctx.sut;
  if (current !== null && current.phase !== 'listening') return current;
  const port = current?.localPort ?? ctx.config.bindPort;
  const child = newScriptSocket('passive-received', port, ctx.nextRemotePort++);
  // The remote ISN is the SYN's sequence number. packetdrill also takes it from a first
  // segment without SYN; we keep 0 there so the line's numbers reach the wire as written.
  child.remoteIsn = spec.flags & Flag.SYN ? spec.seqStart : 0;
  ctx.sut = child;
  return child;
}

export function runInbound(
  ctx: RunContext,
  index: number,
  spec: PacketSpec,
  scheduled: Scheduled,
): void {
  const s = socketForInbound(ctx, spec);
  if (s.phase === 'passive-synack-sent' && spec.flags & Flag.ACK) s.phase = 'passive-acked';
  if (s.phase === 'active-syn-sent' && spec.flags & Flag.SYN && spec.flags & Flag.ACK) {
    s.phase = 'active-acked';
    s.remoteIsn = spec.seqStart;
  }
  const built = inboundPacket(s, spec, ctx.addresses, ctx.config.tsEcrScaled);
  const packet =
    typeof built === 'string' ? built : finishInbound(built, spec, ctx.config.md5Secret);
  if (typeof packet === 'string') {
    record(ctx, index, scheduled, {
      status: 'failed',
      reason: packet,
      expected: formatSegment(spec),
    });
    return;
  }
  const at = ctx.world.nowUsecs;
  timelineSegment(ctx, at, spec, ctx.script.events[index]!.line, 'injected', packet.ip);
  ctx.world.inject(packet);
  record(ctx, index, scheduled, { status: 'performed', actualUsecs: at });
}

/** Takes the next segment for the socket under test; others are set aside as packetdrill does. */
function takeSegment(ctx: RunContext, s: ScriptSocket, deadline: number): Emitted | null {
  const wanted = (e: Emitted): boolean => isForSocket(s, e.packet, ctx.addresses);
  if (!ctx.world.advanceUntilSegment(deadline, wanted)) return null;
  for (;;) {
    const next = ctx.world.outbound.shift()!;
    if (wanted(next)) return next;
    const view = outboundView(s, next.packet.segment);
    timelineSegment(ctx, next.atUsecs, view, null, 'ignored', next.packet.ip);
  }
}

/**
 * Consecutive data segments aggregated into one, as packetdrill does without --strict_segments:
 * the packet a stack with TSO/GSO sends whole. It ends with its last segment's FIN and PSH; a
 * stack that pushes every packet of several segments (profile `pushMultiSegmentPackets`,
 * Linux __tcp_transmit_skb()) sets PSH on it whatever its last segment carries.
 */
function aggregate(parts: readonly Emitted[], profile: Profile): Segment {
  const first = parts[0]!.packet.segment;
  const last = parts[parts.length - 1]!.packet.segment;
  const length = parts.reduce((n, p) => n + p.packet.segment.payload.length, 0);
  const pushed = parts.length > 1 && profile.pushMultiSegmentPackets ? Flag.PSH : 0;
  return {
    ...first,
    flags: first.flags | (last.flags & (Flag.FIN | Flag.PSH)) | pushed,
    ack: last.ack,
    window: last.window,
    payload: new Uint8Array(length),
  };
}

/** Why `next` cannot continue `previous` in one aggregate, or null. */
function fragmentError(previous: Segment, next: Segment): string | null {
  const loose = ~(Flag.FIN | Flag.PSH | Flag.CWR);
  if ((previous.flags & loose) !== (next.flags & loose)) return 'aggregate candidate: flags differ';
  if ((previous.seq + previous.payload.length) >>> 0 !== next.seq)
    return 'aggregate candidate: not contiguous';
  return null;
}

/** `start:end(len)!`: the line's sequence numbers are the wire's, compared unshifted. */
function absoluteView(spec: PacketSpec, view: PacketSpec, seg: Segment): PacketSpec {
  if (!spec.absoluteSeq) return view;
  return { ...view, seqStart: seg.seq, seqEnd: (seg.seq + seg.payload.length) >>> 0 };
}

function learnIsn(s: ScriptSocket, spec: PacketSpec, seg: Segment): void {
  const syn = (spec.flags & Flag.SYN) !== 0;
  const ack = (spec.flags & Flag.ACK) !== 0;
  if (syn && !ack && s.phase === 'connecting') s.phase = 'active-syn-sent';
  else if (syn && ack && s.phase === 'passive-received') s.phase = 'passive-synack-sent';
  else return;
  s.scriptLocalIsn = spec.seqStart;
  s.liveLocalIsn = seg.seq;
}

export function runOutbound(
  ctx: RunContext,
  index: number,
  spec: PacketSpec,
  scheduled: Scheduled,
): void {
  const line = ctx.script.events[index]!.line;
  const s = ctx.sut;
  if (s === null) {
    record(ctx, index, scheduled, {
      status: 'failed',
      reason: 'no matching socket for script packet',
    });
    return;
  }
  const { expected } = scheduled;
  const end =
    expected.kind === 'between' ? expected.end : expectedStart(expected, ctx.world.nowUsecs);
  const deadline =
    expected.kind === 'any'
      ? ctx.world.nowUsecs + ANY_TIME_HORIZON_USECS
      : end + OUTBOUND_GRACE_USECS;
  const first = takeSegment(ctx, s, deadline);
  if (first === null) {
    record(ctx, index, scheduled, {
      status: 'failed',
      reason: 'Timed out waiting for packet: the engine sent nothing more on this connection',
      expected: formatSegment(spec),
      actual: 'no segment',
    });
    return;
  }
  learnIsn(s, spec, first.packet.segment);
  const parts = [first];
  let error: string | null = null;
  let total = first.packet.segment.payload.length;
  while (!ctx.config.strictSegments && total < spec.payloadLength) {
    const next = takeSegment(ctx, s, deadline);
    if (next === null) break;
    parts.push(next);
    total += next.packet.segment.payload.length;
    error ??= fragmentError(parts[parts.length - 2]!.packet.segment, next.packet.segment);
  }
  const segment = aggregate(parts, ctx.world.profile);
  learnTimestamp(s, spec, first.packet.segment);
  const sent = parts.map((p) => p.packet);
  const actual = md5AsWritten(
    absoluteView(spec, outboundView(s, segment), segment),
    spec,
    sent,
    ctx.config.md5Secret,
  );
  const start = expectedStart(expected, first.atUsecs);
  const tolerance = toleranceFor(ctx.config, start, ctx.lastEventUsecs);
  const mismatches = compareSegment(spec, actual, {
    tickUsecs: ctx.config.tsTickUsecs,
    toleranceUsecs: toleranceFor(ctx.config, start, 0),
  });
  const reasons = mismatches.map((m) => `${m.field}: expected ${m.expected} vs actual ${m.actual}`);
  reasons.push(...ipMismatches(spec.ip, first.packet.ip));
  const udp = udpMismatch(spec, first.packet);
  if (udp) reasons.push(udp);
  if (error) reasons.unshift(error);
  const late = timingError(expected, first.atUsecs, tolerance, 'outbound packet');
  if (late) reasons.push(late);
  const status = reasons.length === 0 ? 'matched' : 'mismatch';
  for (const part of parts) {
    const view = outboundView(s, part.packet.segment);
    timelineSegment(ctx, part.atUsecs, view, line, status, part.packet.ip);
  }
  record(ctx, index, scheduled, {
    status: reasons.length === 0 ? 'passed' : 'failed',
    ...(reasons.length > 0
      ? { reason: reasons.join('; '), expected: formatSegment(spec), actual: formatSegment(actual) }
      : {}),
    actualUsecs: first.atUsecs,
  });
}
