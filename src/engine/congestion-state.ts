/**
 * The congestion-control variables of a connection and the note a sent segment carries
 * (RFC 5681 §3.1, RFC 6582 §3.2); the algorithm is congestion.ts.
 */
import type { Seq } from './types';

export type CongestionPhase = 'slow-start' | 'congestion-avoidance' | 'fast-recovery';

/** What made the sender cut its window (or resend within recovery) just before a segment left. */
export interface CongestionSignal {
  /**
   * 'duplicate-acks': the third duplicate ACK (RFC 5681 §3.2); 'sack': SACK blocks showed the
   * segment lost (RFC 6675 §4); 'timeout': the retransmission timer (RFC 5681 §3.1 eq. 4,
   * RFC 6298 §5); 'partial-ack': an ACK within fast recovery left the next segment missing
   * (RFC 6582 §3.2 step 4).
   */
  readonly kind: 'duplicate-acks' | 'sack' | 'timeout' | 'partial-ack';
  /** cwnd in bytes just before the signal. */
  readonly cwndBefore: number;
}

/** The congestion state a segment left with: what the inspector and narration show. */
export interface CongestionNote {
  /** cwnd in bytes when the segment was sent. */
  readonly cwnd: number;
  /** ssthresh in bytes; null while still "arbitrarily high" (RFC 5681 §3.1), never set. */
  readonly ssthresh: number | null;
  /** SMSS the window is counted in. */
  readonly smss: number;
  readonly phase: CongestionPhase;
  readonly signal?: CongestionSignal;
}

/** The per-connection congestion variables (part of the TCB, copied by snapshots). */
export interface Congestion {
  /** cwnd in bytes; null until the first data is sent, when the MSS is known (IW). */
  cwnd: number | null;
  /** ssthresh in bytes; null = arbitrarily high (RFC 5681 §3.1 "initial value … arbitrarily high"). */
  ssthresh: number | null;
  /** Congestion-avoidance progress: Linux snd_cwnd_cnt (segments), else bytes (t_bytes_acked). */
  count: number;
  /** Duplicate ACKs in a row (RFC 5681 §2), FreeBSD t_dupacks. */
  dupAcks: number;
  /** In fast recovery until an ACK covers `recover` (RFC 6582 §3.2, FreeBSD IN_FASTRECOVERY). */
  inRecovery: boolean;
  /** RFC 6582 `recover` (FreeBSD snd_recover, Linux high_seq): SND.NXT at the last loss signal. */
  recover: Seq;
  /** Linux max_packets_out (in bytes) and is_cwnd_limited, tracked until SND.UNA passes `usageSeq`. */
  maxFlight: number;
  usageSeq: Seq;
  cwndLimited: boolean;
  /** The signal the next segment sent carries in its note. */
  signal: CongestionSignal | null;
  /**
   * The note the last segment left with: the next one shares it when nothing in it changed (a
   * window's worth of segments sent at one cwnd), so a long run keeps one note per change of
   * the window rather than one per segment. Notes are never written after they are made.
   */
  lastNote: CongestionNote | null;
}

export function newCongestion(iss: Seq): Congestion {
  return {
    cwnd: null,
    ssthresh: null,
    count: 0,
    dupAcks: 0,
    inRecovery: false,
    recover: iss,
    maxFlight: 0,
    usageSeq: iss,
    cwndLimited: false,
    signal: null,
    lastNote: null,
  };
}

/**
 * A snapshot's copy, its fields in newCongestion's order: a spread copy had a hidden class of
 * its own, and the code a run optimized for its connections deoptimized on a resumed run's.
 */
export function copyCongestion(cc: Congestion): Congestion {
  return {
    cwnd: cc.cwnd,
    ssthresh: cc.ssthresh,
    count: cc.count,
    dupAcks: cc.dupAcks,
    inRecovery: cc.inRecovery,
    recover: cc.recover,
    maxFlight: cc.maxFlight,
    usageSeq: cc.usageSeq,
    cwndLimited: cc.cwndLimited,
    signal: cc.signal,
    lastNote: cc.lastNote,
  };
}
