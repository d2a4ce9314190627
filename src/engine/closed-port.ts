/**
 * Answers for segments that find no connection (RFC 9293 §3.10.7.1, CLOSED state) and for
 * ACK-bearing segments that reach a listener (§3.10.7.2). Never a RST for a RST.
 */
import type { Output } from './api';
import { segmentLength } from './flags';
import type { IpFields } from './ip-fields';
import { seqAdd } from './seq';
import { Flag, type Packet, type Seq } from './types';

const NO_BYTES = new Uint8Array(0);

/**
 * ACK off: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; ACK on: <SEQ=SEG.ACK><CTL=RST>.
 * The window is 0 (as Linux and FreeBSD send it: "R. 0:0(0) ack 1 win 0").
 */
export function resetFor(packet: Packet, ip?: IpFields): Output | null {
  const seg = packet.segment;
  if (seg.flags & Flag.RST) return null;
  const hasAck = (seg.flags & Flag.ACK) !== 0;
  return {
    type: 'packet',
    socket: null,
    retransmit: 0,
    packet: {
      src: packet.dst,
      dst: packet.src,
      segment: {
        srcPort: seg.dstPort,
        dstPort: seg.srcPort,
        seq: hasAck ? seg.ack : (0 as Seq),
        ack: hasAck ? (0 as Seq) : seqAdd(seg.seq, segmentLength(seg)),
        flags: hasAck ? Flag.RST : Flag.RST | Flag.ACK,
        window: 0,
        urgent: 0,
        options: [],
        payload: NO_BYTES,
      },
      ...(ip ? { ip } : {}),
    },
  };
}
