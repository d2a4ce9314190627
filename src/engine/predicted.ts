/**
 * Header prediction for the bulk receiver: the segment an established connection expects most
 * often, text at RCV.NXT that acknowledges nothing new, taken without building the view of
 * §3.10.7.4 and walking every check. Linux tcp_rcv_established() has the same fast path ("Bulk
 * data transfer: receiver", after the pred_flags, rcv_nxt and snd_nxt tests); RFC 9293
 * §3.10.7.4 allows it, since the outcome is the one the checks in their order would give.
 */
import { windowUpdateAllowed } from './check-ack';
import type { Conn } from './conn';
import { acceptanceWindow } from './emit';
import { takeWindow } from './handshake';
import { probeAnswered } from './probe-timer';
import { seqLeq } from './seq';
import type { Ctx } from './step';
import { textInOrder } from './text';
import { Flag, type Segment } from './types';

/**
 * Takes the segment if it is predicted and returns true; false leaves it, unchanged, to the
 * full checks. Predicted: ESTABLISHED; ACK with at most PSH beside it; SEG.SEQ = RCV.NXT and
 * SEG.ACK = SND.UNA; text that fits the window whole; nothing held early; no SACK blocks; a
 * timestamp, if any, that passes PAWS. Each step the full checks take on such a segment is
 * then a fixed one, done here in the same order:
 * - first (check-seq.ts): acceptable by Table 6 with nothing to trim; TS.Recent updated
 *   (RFC 7323 §4.3);
 * - second to fourth (check-control.ts): no RST, no SYN;
 * - fifth (check-ack.ts): SEG.ACK = SND.UNA acknowledges nothing and, with text, is no
 *   duplicate ACK (RFC 5681 §2); no SACK blocks for recovery to read; the window update and
 *   the probe timer as there; ESTABLISHED has no closing-state ACK processing;
 * - seventh and eighth (text.ts): in-order text with nothing held and no FIN.
 */
export function predictedSegment(d: Conn, seg: Segment, ctx: Ctx): boolean {
  if (d.state !== 'ESTABLISHED' || (seg.flags & ~Flag.PSH) !== Flag.ACK) return false;
  const data = seg.payload;
  if (data.length === 0 || seg.seq !== d.rcvNxt || seg.ack !== d.sndUna) return false;
  if (d.held.length > 0) return false;
  let tsVal: number | null = null;
  for (const o of seg.options) {
    if (o.kind === 'sack') return false;
    if (o.kind === 'ts' && tsVal === null) tsVal = o.val;
  }
  const timestamps = d.negotiated?.timestamps ?? false;
  // PAWS (RFC 7323 §5.3): an old timestamp is the full checks' to answer.
  if (timestamps && tsVal !== null && ((tsVal - d.tsRecent) | 0) < 0) return false;
  if (data.length > acceptanceWindow(d, ctx)) return false;
  // First check: RFC 7323 §4.3, TS.Recent follows SEG.TSval when SEG.SEQ =< Last.ACK.sent.
  if (timestamps && tsVal !== null && seqLeq(seg.seq, d.lastAckSent)) d.tsRecent = tsVal;
  // Fifth check: an ACK of SND.UNA that is no duplicate shows a zero window's peer alive.
  if (d.sndWnd === 0) d.retries = 0;
  if (windowUpdateAllowed(d, seg)) takeWindow(d, seg);
  probeAnswered(d, ctx);
  textInOrder(d, data, ctx);
  return true;
}
