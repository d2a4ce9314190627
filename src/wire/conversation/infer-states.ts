/**
 * Each end's state, inferred from what it sent and received (RFC 9293 §3.3.2, Figure 5, and the
 * segment-arrival rules of §3.10.7). A capture shows segments, not states: every transition
 * here is the one the RFC requires for the segments seen, and its cause says it was inferred
 * and from what. Where the capture starts after the handshake, both ends start ESTABLISHED.
 */
import { seqAdd, seq as toSeq } from '../../engine';
import type { TcpState } from '../../engine';
import { Flag } from '../../engine';
import type { StateEvent } from '../../sim/trace';
import { sequenceLength } from './expert';

/** One segment as both ends met it: sent at `sentAt` by `from`, arrived at `arrivesAt`. */
export interface Crossing {
  readonly from: string;
  readonly to: string;
  readonly sentAt: number;
  readonly arrivesAt: number;
  readonly flags: number;
  readonly seq: number;
  readonly ack: number;
  readonly len: number;
  /** Never arrived (inferred from the capture): its receiver meets nothing. */
  readonly lost: boolean;
}

export const INFERRED = 'Inferred from the capture';

interface End {
  state: TcpState;
  /** The sequence number that acknowledges this end's FIN, once it sent one. */
  finAckedBy: number | null;
  /** Whether it opened passively (its SYN-RECEIVED falls back to LISTEN on RST, §3.10.7.4). */
  passive: boolean;
}

const has = (c: Crossing, flag: number) => (c.flags & flag) !== 0;

/**
 * A state change and where it falls among the crossings: just before segment i leaves
 * (`2i`, the change its sending shows), just after it arrives (`2i + 1`), or first (-1).
 */
export interface InferredState {
  readonly event: StateEvent;
  readonly order: number;
}

export function inferStates(
  crossings: readonly Crossing[],
  names: readonly [string, string],
): InferredState[] {
  const events: InferredState[] = [];
  let order = -1;
  const ends = new Map<string, End>(
    names.map((n) => [n, { state: 'CLOSED', finAckedBy: null, passive: false }]),
  );
  const move = (name: string, to: TcpState, t: number, because: string) => {
    const end = ends.get(name);
    if (!end || end.state === to) return;
    const cause = `${INFERRED}: ${because}`;
    events.push({ event: { t, type: 'state', endpoint: name, from: end.state, to, cause }, order });
    end.state = to;
  };

  const first = crossings[0];
  const opens = first !== undefined && has(first, Flag.SYN) && !has(first, Flag.ACK);
  if (first && !opens) {
    // No opening SYN: the capture started on a connection already open.
    for (const name of names) {
      move(name, 'ESTABLISHED', 0, 'the capture starts after the handshake, on an open connection');
    }
  } else if (first) {
    const peer = first.to;
    const sends = (flags: number) =>
      crossings.some((c) => c.from === peer && (c.flags & (Flag.SYN | Flag.ACK)) === flags);
    // A peer that sends its own SYN opened actively too (simultaneous open, §3.5 Figure 8).
    if (sends(Flag.SYN | Flag.ACK) && !sends(Flag.SYN)) {
      const end = ends.get(peer);
      if (end) end.passive = true;
      move(peer, 'LISTEN', 0, 'it answers a SYN with SYN-ACK, so it was listening (§3.5)');
    }
  }

  // Each end meets a segment when it sends it and when it arrives: in time order.
  const happenings = crossings
    .flatMap((c, i) => [
      { t: c.sentAt, order: 2 * i, kind: 'send' as const, c },
      ...(c.lost ? [] : [{ t: c.arrivesAt, order: 2 * i + 1, kind: 'arrive' as const, c }]),
    ])
    .sort((x, y) => x.t - y.t || x.order - y.order);

  for (const happening of happenings) {
    order = happening.order;
    if (happening.kind === 'send') sent(happening.c, happening.t);
    else arrived(happening.c, happening.t);
  }
  return events;

  function sent(c: Crossing, t: number) {
    const end = ends.get(c.from);
    if (!end) return;
    if (has(c, Flag.RST)) {
      move(c.from, 'CLOSED', t, 'it sent RST, which aborts the connection (§3.5.2)');
      return;
    }
    if (has(c, Flag.SYN) && !has(c, Flag.ACK) && end.state === 'CLOSED') {
      move(c.from, 'SYN-SENT', t, 'it sent a SYN: an active open (§3.5)');
    } else if (has(c, Flag.SYN) && has(c, Flag.ACK) && end.state === 'LISTEN') {
      move(c.from, 'SYN-RECEIVED', t, 'it answered the SYN with SYN-ACK (§3.10.7.2)');
    }
    if (has(c, Flag.FIN)) {
      end.finAckedBy = seqAdd(toSeq(c.seq), sequenceLength(c.flags, c.len));
      if (end.state === 'ESTABLISHED' || end.state === 'SYN-RECEIVED') {
        move(c.from, 'FIN-WAIT-1', t, 'it sent FIN: its application closed (§3.10.4)');
      } else if (end.state === 'CLOSE-WAIT') {
        move(c.from, 'LAST-ACK', t, 'it sent its own FIN after the peer’s (§3.10.4)');
      }
    }
  }

  function arrived(c: Crossing, t: number) {
    const end = ends.get(c.to);
    if (!end) return;
    const acksOurFin = has(c, Flag.ACK) && end.finAckedBy !== null && c.ack === end.finAckedBy;
    if (has(c, Flag.RST)) {
      if (end.state === 'SYN-RECEIVED' && end.passive) {
        move(c.to, 'LISTEN', t, 'a RST arrived in SYN-RECEIVED: back to listening (§3.10.7.4)');
      } else if (end.state !== 'CLOSED' && end.state !== 'LISTEN') {
        move(c.to, 'CLOSED', t, 'a RST arrived: the connection is reset (§3.10.7)');
      }
      return;
    }
    switch (end.state) {
      case 'SYN-SENT':
        if (has(c, Flag.SYN) && has(c, Flag.ACK)) {
          move(c.to, 'ESTABLISHED', t, 'the SYN-ACK acknowledging its SYN arrived (§3.10.7.3)');
        } else if (has(c, Flag.SYN)) {
          move(
            c.to,
            'SYN-RECEIVED',
            t,
            'a SYN arrived while its own was out: simultaneous open (§3.5)',
          );
        }
        return;
      case 'SYN-RECEIVED':
        if (has(c, Flag.ACK))
          move(c.to, 'ESTABLISHED', t, 'the ACK of its SYN arrived (§3.10.7.4)');
        break;
      case 'FIN-WAIT-1':
        if (acksOurFin) move(c.to, 'FIN-WAIT-2', t, 'the ACK of its FIN arrived (§3.10.7.4)');
        break;
      case 'CLOSING':
        if (acksOurFin) move(c.to, 'TIME-WAIT', t, 'the ACK of its FIN arrived (§3.10.7.4)');
        return;
      case 'LAST-ACK':
        if (acksOurFin) move(c.to, 'CLOSED', t, 'the ACK of its FIN arrived (§3.10.7.4)');
        return;
      default:
        break;
    }
    if (!has(c, Flag.FIN)) return;
    const state = ends.get(c.to)?.state;
    if (state === 'ESTABLISHED') move(c.to, 'CLOSE-WAIT', t, 'the peer’s FIN arrived (§3.10.7.4)');
    else if (state === 'FIN-WAIT-1')
      move(c.to, 'CLOSING', t, 'the peer’s FIN arrived before the ACK of its own (§3.10.7.4)');
    else if (state === 'FIN-WAIT-2')
      move(c.to, 'TIME-WAIT', t, 'the peer’s FIN arrived (§3.10.7.4)');
  }
}
