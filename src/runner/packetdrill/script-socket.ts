/**
 * packetdrill's "socket under test" and its number mapping (packetdrill socket.h, run_packet.c).
 * As in tcpdump output, numbers in segments with SYN are absolute and the others are relative
 * to the first SYN. The script plays the remote peer, so its remote numbers are used on the
 * wire as written (remote ISN = the script's); the engine chooses its own ISN, so local numbers
 * are shifted by the live ISN: for a SYN by (live ISN − the script's ISN), for the rest by the
 * live ISN itself. TS ecr values of inbound segments are mapped to the TS val the engine really
 * sent for the script value they echo.
 */
import { Flag, type Packet, type Segment, type Seq } from '../../engine';
import type { PacketSpec, ScriptTcpOption } from '../../wire/packetdrill/ast';
import { formatFlags } from '../../wire/packetdrill/format';
import { inboundIp } from './ip-lines';
import { toEngineOption, toScriptOption } from './tcp-options';

export type SocketPhase =
  | 'init'
  | 'listening'
  | 'connecting'
  | 'passive-received'
  | 'passive-synack-sent'
  | 'passive-acked'
  | 'active-syn-sent'
  | 'active-acked';

export interface ScriptSocket {
  phase: SocketPhase;
  localPort: number;
  remotePort: number;
  scriptLocalIsn: number;
  liveLocalIsn: number;
  remoteIsn: number;
  /** Script TS val → the TS val the engine sent in its place. */
  readonly tsValues: Map<number, number>;
  firstTs: { readonly script: number; readonly live: number } | null;
}

export function newScriptSocket(
  phase: SocketPhase,
  localPort: number,
  remotePort: number,
): ScriptSocket {
  return {
    phase,
    localPort,
    remotePort,
    scriptLocalIsn: 0,
    liveLocalIsn: 0,
    remoteIsn: 0,
    tsValues: new Map(),
    firstTs: null,
  };
}

const u32 = (n: number): number => n >>> 0;

/** script → live offset for our (local) sequence space. */
export function localOffset(s: ScriptSocket, isSyn: boolean): number {
  return isSyn ? u32(s.liveLocalIsn - s.scriptLocalIsn) : s.liveLocalIsn;
}

/** script → live offset for the peer's (remote) sequence space. */
export function remoteOffset(s: ScriptSocket, isSyn: boolean): number {
  return isSyn ? 0 : s.remoteIsn;
}

export interface Addresses {
  readonly localIp: string;
  readonly remoteIp: string;
}

/** The live TS ecr for an inbound segment, or an error when none can be inferred. */
function liveEcr(s: ScriptSocket, spec: PacketSpec, ecr: number, scaled: boolean): number | string {
  if (!(spec.flags & Flag.ACK)) return ecr;
  const mapped = s.tsValues.get(ecr);
  if (mapped !== undefined) return mapped;
  if (scaled && s.firstTs) return u32(ecr - s.firstTs.script + s.firstTs.live);
  return `unable to infer live TS ecr for script TS ecr ${ecr}; no matching or preceding outbound TS val`;
}

/** Builds the segment the script injects. Returns an error string when it cannot be mapped. */
export function inboundPacket(
  s: ScriptSocket,
  spec: PacketSpec,
  addresses: Addresses,
  tsEcrScaled: boolean,
): Packet | string {
  const isSyn = (spec.flags & Flag.SYN) !== 0;
  const options = spec.options === 'unchecked' ? [] : spec.options;
  const ackOffset = localOffset(s, isSyn);
  const engineOptions = [];
  for (const option of options) {
    let ecr = 0;
    if (option.kind === 'ts') {
      const live = liveEcr(s, spec, option.ecr, tsEcrScaled);
      if (typeof live === 'string') return live;
      ecr = live;
    }
    engineOptions.push(toEngineOption(option, ackOffset, ecr));
  }
  const segment: Segment = {
    srcPort: s.remotePort,
    dstPort: s.localPort,
    seq: u32(spec.seqStart + (spec.absoluteSeq ? 0 : remoteOffset(s, isSyn))) as Seq,
    // A script may write `ack N` without the ACK bit; the field then carries N as given.
    ack: (spec.flags & Flag.ACK ? u32((spec.ack ?? 0) + ackOffset) : (spec.ack ?? 0)) as Seq,
    flags: spec.flags,
    window: spec.window ?? 0,
    urgent: spec.urgent ?? 0,
    options: engineOptions,
    payload: new Uint8Array(spec.payloadLength),
  };
  const ip = inboundIp(spec.ip);
  return { src: addresses.remoteIp, dst: addresses.localIp, segment, ...(ip ? { ip } : {}) };
}

/** Whether an engine packet belongs to the socket under test (packetdrill ignores the rest). */
export function isForSocket(s: ScriptSocket, packet: Packet, addresses: Addresses): boolean {
  return (
    packet.src === addresses.localIp &&
    packet.dst === addresses.remoteIp &&
    packet.segment.srcPort === s.localPort &&
    packet.segment.dstPort === s.remotePort
  );
}

/** An engine segment in script space, as a PacketSpec the comparison and reports can use. */
export function outboundView(s: ScriptSocket, seg: Segment): PacketSpec {
  const isSyn = (seg.flags & Flag.SYN) !== 0;
  const ackOffset = remoteOffset(s, isSyn);
  const options: ScriptTcpOption[] = seg.options.map((o) => {
    const option = toScriptOption(o, u32(-ackOffset));
    if (option.kind !== 'ts' || !s.firstTs) return option;
    return { ...option, val: u32(s.firstTs.script + (option.val - s.firstTs.live)) };
  });
  const seqStart = u32(seg.seq - localOffset(s, isSyn));
  return {
    direction: 'outbound',
    flags: seg.flags,
    flagsText: formatFlags(seg.flags),
    ae: false,
    seqStart,
    seqEnd: u32(seqStart + seg.payload.length),
    payloadLength: seg.payload.length,
    ack: seg.flags & Flag.ACK ? u32(seg.ack - ackOffset) : null,
    window: seg.window,
    urgent: seg.urgent,
    options,
  };
}

/** Remembers the script → live TS val pair of a matched outbound segment (run_packet.c). */
export function learnTimestamp(s: ScriptSocket, expected: PacketSpec, seg: Segment): void {
  if (expected.options === 'unchecked') return;
  const script = expected.options.find((o) => o.kind === 'ts');
  const live = seg.options.find((o) => o.kind === 'ts');
  if (script?.kind !== 'ts' || live?.kind !== 'ts') return;
  s.tsValues.set(script.val, live.val);
  if (!s.firstTs) s.firstTs = { script: script.val, live: live.val };
}
