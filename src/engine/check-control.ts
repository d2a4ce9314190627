/**
 * Second and fourth checks of §3.10.7.4: the RST bit and the SYN bit in synchronized
 * states, with the RFC 5961 challenge ACK (RFC 9293 §3.10.7.4, RFC 5961 §3.2, §4.2).
 */
import type { Conn } from './conn';
import { sendChallengeAck, sendSegment } from './emit';
import type { Incoming } from './incoming';
import { returnToListen } from './lifecycle';
import { reportError, setState, type Ctx } from './step';
import { Flag } from './types';

/** Returns false when processing stops here. */
export function checkRst(d: Conn, v: Incoming, ctx: Ctx): boolean {
  if (!(v.seg.flags & Flag.RST)) return true;
  if (ctx.profile.rfc5961 && v.seg.seq !== d.rcvNxt) {
    // RFC 5961 §3.2: in the window but not exactly RCV.NXT → challenge ACK, then drop.
    sendChallengeAck(d, ctx);
    return false;
  }
  resetByPeer(d, ctx);
  return false;
}

/** The per-state effect of an acceptable RST (RFC 9293 §3.10.7.4 second). */
function resetByPeer(d: Conn, ctx: Ctx): void {
  switch (d.state) {
    case 'SYN-RECEIVED':
      if (d.passive && d.fastOpened) {
        // A Fast Open child is a full socket the application may already hold (RFC 7413
        // §4.2.2): the RST resets it as in ESTABLISHED (Linux tcp_reset(): ECONNRESET).
        reportError(d, ctx, 'ECONNRESET');
        setState(
          d,
          ctx,
          'CLOSED',
          'received RST in SYN-RECEIVED of a Fast Open connection: connection reset (RFC 7413 §4.2.2)',
        );
      } else if (d.passive) {
        // MUST-11: a passive OPEN goes back to LISTEN; the user need not be informed.
        returnToListen(
          d,
          ctx,
          'received RST in SYN-RECEIVED of a passive open (RFC 9293 §3.10.7.4)',
        );
      } else {
        reportError(d, ctx, 'ECONNREFUSED');
        setState(
          d,
          ctx,
          'CLOSED',
          'received RST in SYN-RECEIVED of an active open: connection refused (RFC 9293 §3.10.7.4)',
        );
      }
      return;
    case 'ESTABLISHED':
    case 'FIN-WAIT-1':
    case 'FIN-WAIT-2':
    case 'CLOSE-WAIT':
      reportError(d, ctx, 'ECONNRESET');
      setState(
        d,
        ctx,
        'CLOSED',
        `received RST in ${d.state}: connection reset (RFC 9293 §3.10.7.4)`,
      );
      return;
    case 'CLOSING':
    case 'LAST-ACK':
      // Linux tcp_reset() and FreeBSD tcp_input() still tell an open socket (profile).
      if (ctx.profile.resetErrorAfterFin && !d.appClosed) reportError(d, ctx, 'ECONNRESET');
      setState(d, ctx, 'CLOSED', `received RST in ${d.state} (RFC 9293 §3.10.7.4)`);
      return;
    default:
      setState(d, ctx, 'CLOSED', `received RST in ${d.state} (RFC 9293 §3.10.7.4)`);
  }
}

/** Fourth check: a SYN (left after trimming) in a synchronized state. */
export function checkSyn(d: Conn, v: Incoming, ctx: Ctx): boolean {
  if (!v.syn) return true;
  if (d.state === 'SYN-RECEIVED' && d.passive) {
    returnToListen(
      d,
      ctx,
      'received a new SYN in SYN-RECEIVED of a passive open (RFC 9293 §3.10.7.4)',
    );
    return false;
  }
  if (ctx.profile.rfc5961) {
    // RFC 5961 §4.2: challenge ACK whatever the sequence number, then drop.
    sendChallengeAck(d, ctx);
    return false;
  }
  // RFC 793 behaviour: a SYN in the window is an error; reset the connection. The reset is
  // the stack's abort (FreeBSD tcp_drop() → tcp_output() in CLOSED: RST,ACK at SND.NXT).
  const flags = ctx.profile.abortRstWithAck ? Flag.RST | Flag.ACK : Flag.RST;
  sendSegment(d, ctx, flags, d.sndNxt);
  reportError(d, ctx, 'ECONNRESET');
  setState(
    d,
    ctx,
    'CLOSED',
    `received SYN in ${d.state} without RFC 5961: reset (RFC 9293 §3.10.7.4)`,
  );
  return false;
}
