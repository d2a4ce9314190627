/**
 * TIME-WAIT as FreeBSD answers in it (profile timeWaitReply 'ack-unless-duplicate',
 * tcp_twcheck()): a segment without SYN or RST is not put through the sequence check of
 * RFC 9293 §3.10.7.4 at all. Without ACK it is dropped; a retransmitted FIN restarts the
 * 2 MSL timer (as §3.10.7.4 eighth asks); and every segment is answered with
 * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> unless it is a bare duplicate ACK
 * (SEG.SEQ = RCV.NXT, SEG.ACK = SND.NXT, no text, no other flag).
 */
import type { Conn } from './conn';
import { sendSegment } from './emit';
import { seqAdd } from './seq';
import { setTimer, type Ctx } from './step';
import { Flag, type Segment } from './types';

/** Whether tcp_twcheck() rules this segment: TIME-WAIT under that profile, no SYN, no RST. */
export function twcheckApplies(d: Conn, seg: Segment, ctx: Ctx): boolean {
  return (
    d.state === 'TIME-WAIT' &&
    ctx.profile.timeWaitReply === 'ack-unless-duplicate' &&
    (seg.flags & (Flag.SYN | Flag.RST)) === 0
  );
}

export function twcheckSegment(d: Conn, seg: Segment, ctx: Ctx): void {
  if (!(seg.flags & Flag.ACK)) return; // "Drop the segment if it does not contain an ACK."
  if (seg.flags & Flag.FIN && seqAdd(seg.seq, seg.payload.length + 1) === d.rcvNxt) {
    setTimer(d, ctx, 'time-wait', ctx.now + ctx.profile.timeWaitMs);
  }
  const duplicateAck =
    seg.flags === Flag.ACK &&
    seg.payload.length === 0 &&
    seg.seq === d.rcvNxt &&
    seg.ack === d.sndNxt;
  // tcp_respond(tp, ..., rcv_nxt, snd_nxt, TH_ACK): built apart from tcp_output(), so
  // never the FIN again.
  if (!duplicateAck) sendSegment(d, ctx, Flag.ACK, d.sndNxt);
}
