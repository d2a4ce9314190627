/**
 * Wireshark's TCP expert analysis, the kinds a learner meets (its "tcp.analysis" flags): a
 * retransmission (fast or not), out-of-order, duplicate ACK, zero window, keep-alive, a reset,
 * and a segment before this one that the capture missed. Computed per direction from the
 * capture alone, in capture order, as Wireshark's TCP dissector does; each mark carries the
 * sentence the lab shows beside it.
 */
import { seq, seqAdd, seqGt, seqLt } from '../../engine';
import type { Seq } from '../../engine';
import { Flag } from '../../engine';
import type { CapturePacket } from '../read-capture';

export type ExpertKind =
  | 'retransmission'
  | 'fast-retransmission'
  | 'out-of-order'
  | 'duplicate-ack'
  | 'zero-window'
  | 'keep-alive'
  | 'reset'
  | 'previous-segment-not-captured';

export interface ExpertMark {
  readonly kind: ExpertKind;
  /** Wireshark's own words for it, e.g. "TCP Retransmission". */
  readonly label: string;
  /** Why it is marked, in the lab's words. */
  readonly explanation: string;
}

export interface PacketAnalysis {
  readonly marks: readonly ExpertMark[];
  /** 0 for a first transmission, n for the n-th repeat of the same bytes. */
  readonly retransmit: number;
  /** For a repeat, the index (in the conversation) of the first transmission. */
  readonly original?: number;
}

const LABELS: Record<ExpertKind, string> = {
  retransmission: 'TCP Retransmission',
  'fast-retransmission': 'TCP Fast Retransmission',
  'out-of-order': 'TCP Out-Of-Order',
  'duplicate-ack': 'TCP Dup ACK',
  'zero-window': 'TCP ZeroWindow',
  'keep-alive': 'TCP Keep-Alive',
  reset: 'Connection reset (RST)',
  'previous-segment-not-captured': 'TCP Previous segment not captured',
};

export const EXPERT_EXPLANATIONS: Record<ExpertKind, string> = {
  retransmission:
    'It repeats sequence numbers this end already sent: the first copy (or its ACK) was lost or late, and the retransmission timer fired (RFC 9293 §3.8.1, RFC 6298).',
  'fast-retransmission':
    'It repeats the segment the peer asked for again and again with duplicate ACKs: the sender did not wait for its timer (RFC 5681 §3.2).',
  'out-of-order':
    'It carries sequence numbers below ones already seen, too soon after them to be a retransmission: the network reordered the segments.',
  'duplicate-ack':
    'An ACK with the same number, the same window and no data as the previous one: the receiver says again which byte it still waits for, usually because a later segment arrived before a missing one (RFC 5681 §2).',
  'zero-window':
    'The receiver advertises a window of 0: its buffer is full, and the sender must stop and probe until it opens (RFC 9293 §3.8.6.1).',
  'keep-alive':
    'One byte (or none) just before the next sequence number: a probe that asks the idle peer to answer with an ACK, so a dead connection is noticed (RFC 9293 §3.8.4).',
  reset:
    'RST aborts the connection at once: no more data, no FIN handshake (RFC 9293 §3.5.2, §3.10.7).',
  'previous-segment-not-captured':
    'Its sequence number is beyond the next one expected: bytes between were sent but are not in the capture (lost before the capture point, or the capture missed them).',
};

const mark = (kind: ExpertKind): ExpertMark => ({
  kind,
  label: LABELS[kind],
  explanation: EXPERT_EXPLANATIONS[kind],
});

/** Sequence space a segment takes: its data, plus one for SYN and for FIN (RFC 9293 §3.4). */
export function sequenceLength(flags: number, len: number): number {
  return len + (flags & Flag.SYN ? 1 : 0) + (flags & Flag.FIN ? 1 : 0);
}

interface Direction {
  /** The highest sequence number sent plus its length (Wireshark's nextseq). */
  next: Seq | null;
  lastAck: Seq | null;
  lastWindow: number;
  lastTime: number;
  /** Duplicate ACKs in a row for lastAck. */
  dupAcks: number;
  /** Where each sequence number was first sent: seq → conversation index. */
  firstSent: Map<number, number>;
  sent: Map<number, number>;
}

const direction = (): Direction => ({
  next: null,
  lastAck: null,
  lastWindow: -1,
  lastTime: 0,
  dupAcks: 0,
  firstSent: new Map(),
  sent: new Map(),
});

/**
 * Marks every packet of one conversation (given in capture order). `a` is the end that opened
 * it; `reorderMs` how close after the newest segment a lower one counts as reordered rather
 * than retransmitted (Wireshark uses the handshake's RTT, else 3 ms).
 */
export function analyseConversation(
  packets: readonly CapturePacket[],
  a: string,
  reorderMs: number,
): PacketAnalysis[] {
  const dirs = { a: direction(), b: direction() };
  return packets.map((p, i) => {
    const mine = p.src === a ? dirs.a : dirs.b;
    const theirs = p.src === a ? dirs.b : dirs.a;
    const { flags, payload, window } = p.segment;
    const s = seq(p.segment.seq);
    const length = sequenceLength(flags, payload.length);
    const marks: ExpertMark[] = [];
    let retransmit = 0;
    let original: number | undefined;
    const control = (flags & (Flag.SYN | Flag.FIN | Flag.RST)) !== 0;

    if (flags & Flag.RST) marks.push(mark('reset'));
    if (window === 0 && !control) marks.push(mark('zero-window'));
    const keepAlive =
      mine.next !== null && payload.length <= 1 && !control && s === seqAdd(mine.next, -1);
    if (keepAlive) marks.push(mark('keep-alive'));
    else if (mine.next !== null && seqGt(s, mine.next) && !(flags & Flag.RST)) {
      marks.push(mark('previous-segment-not-captured'));
    }
    // A pure ACK that repeats the last one while the peer has bytes in flight (RFC 5681 §2).
    const pureAck = (flags & Flag.ACK) !== 0 && !control && payload.length === 0;
    const ack = seq(p.segment.ack);
    if (
      pureAck &&
      !keepAlive &&
      mine.lastAck === ack &&
      mine.lastWindow === window &&
      theirs.next !== null &&
      theirs.next !== ack
    ) {
      mine.dupAcks++;
      marks.push(mark('duplicate-ack'));
    } else if (flags & Flag.ACK && mine.lastAck !== ack) {
      mine.dupAcks = 0;
    }
    // Sequence space sent again: a retransmission, a fast one, or reordering.
    if (length > 0 && !keepAlive && mine.next !== null && seqLt(s, mine.next)) {
      const fast = theirs.dupAcks >= 2 && theirs.lastAck === s;
      const soon = p.t - mine.lastTime < reorderMs && mine.sent.has(s) === false;
      marks.push(mark(fast ? 'fast-retransmission' : soon ? 'out-of-order' : 'retransmission'));
      if (!soon || fast) {
        retransmit = (mine.sent.get(s) ?? 0) + 1;
        original = mine.firstSent.get(s);
      }
    }
    if (length > 0) {
      if (!mine.firstSent.has(s)) mine.firstSent.set(s, i);
      mine.sent.set(s, retransmit);
      const end = seqAdd(s, length);
      if (mine.next === null || seqGt(end, mine.next)) {
        mine.next = end;
        mine.lastTime = p.t;
      }
    }
    if (flags & Flag.ACK) mine.lastAck = ack;
    mine.lastWindow = window;
    return { marks, retransmit, ...(original !== undefined ? { original } : {}) };
  });
}
