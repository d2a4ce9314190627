/**
 * The transmission control block (RFC 9293 §3.3.1) of one connection, as an immutable
 * record. An engine step copies it once into a Draft, changes the draft, and returns the
 * draft as the new record, so the value passed in is never mutated and old values can be
 * kept as checkpoints. Buffers are shared between versions and never written in place.
 */
import type { FastOpenOption } from './fastopen';
import type { FourTuple } from './isn';
import type { Negotiated, Offer } from './options';
import type { SendBuf } from './sendbuf';
import type { Errno, Seq, SocketId, TcpState } from './types';

/** Received bytes waiting for the application, newest first (an immutable cons list). */
export interface Chunk {
  readonly data: Uint8Array;
  readonly next: Chunk | null;
}

/** A segment that arrived ahead of RCV.NXT, held for later (RFC 9293 SHLD-31). */
export interface Held {
  readonly seq: Seq;
  readonly data: Uint8Array;
  readonly fin: boolean;
}

export interface Conn {
  readonly kind: 'conn';
  readonly id: SocketId;
  readonly state: TcpState;
  readonly tuple: FourTuple;

  // --- ownership (not TCP state: how the host and application hold the socket) ---
  /** The listener this connection was spawned by while it waits to be accepted. */
  readonly listener: SocketId | null;
  /** MUST-11: whether the connection was initiated by a passive OPEN (came from LISTEN). */
  readonly passive: boolean;
  /** The application holds this socket (it connected, or accepted it). */
  readonly owned: boolean;
  /** The application called close(): the socket is orphaned. */
  readonly appClosed: boolean;
  readonly readShut: boolean;
  /** shutdown(write) or close(): a FIN is queued after the data. */
  readonly writeShut: boolean;
  /** The error SO_ERROR would report, cleared when read. */
  readonly error: Errno | null;
  readonly mssClamp: number | null;

  // --- send sequence variables (RFC 9293 §3.3.1) ---
  readonly iss: Seq;
  readonly sndUna: Seq;
  readonly sndNxt: Seq;
  /** SND.WND in bytes (already scaled). */
  readonly sndWnd: number;
  readonly sndWl1: Seq;
  readonly sndWl2: Seq;
  /** MAX.SND.WND of RFC 5961 §5: the largest window the peer ever offered. */
  readonly maxSndWnd: number;
  /** Unacknowledged and unsent bytes; the first has sequence number sndBufSeq. */
  readonly sndBuf: SendBuf;
  readonly sndBufSeq: Seq;
  /** Sequence number our FIN occupies, once it has been sent. */
  readonly finSeq: Seq | null;

  // --- retransmission (RFC 6298) ---
  /** [rtxNext, sndNxt) must be sent again after a timeout (go-back from SND.UNA). */
  readonly rtxNext: Seq;
  /** The `retransmit` label of segments resent in the current recovery. */
  readonly rtxRound: number;
  /** Consecutive timeouts: the RTO is rto × 2^backoff (RFC 6298 §5.5). */
  readonly backoff: number;
  /** Timeouts since the peer last showed it is alive; compared with the retry limits. */
  readonly retries: number;
  /** Retransmissions of any kind made so far (socketInfo's retransmitCount). */
  readonly totalRetransmits: number;
  /** Transmissions of our SYN or SYN-ACK so far. */
  readonly synTransmits: number;
  readonly srtt: number | null;
  readonly rttvar: number;
  readonly rto: number;
  /** Karn's algorithm: the sequence number being timed and when it was sent. */
  readonly rttSeq: Seq | null;
  readonly rttStart: number;
  readonly connectDeadline: number | null;

  // --- receive sequence variables ---
  readonly irs: Seq;
  readonly rcvNxt: Seq;
  readonly rcvBuffer: number;
  readonly rcvUnread: number;
  readonly rcvQueue: Chunk | null;
  /** Out-of-order segments within the window, sorted by sequence number. */
  readonly held: readonly Held[];
  /** Right edge of the window we last advertised (RCV.NXT + RCV.WND then). */
  readonly rcvAdvertised: Seq;
  /** The peer's FIN has been processed: EOF once the buffer is drained. */
  readonly finReceived: boolean;
  /** An ACK must go out at the end of this step (RFC 9293 §3.10.7.4). */
  readonly ackNow: boolean;
  readonly quickAcks: number;

  // --- options ---
  readonly offer: Offer;
  readonly negotiated: Negotiated | null;
  readonly tsOffset: number;
  /** TS.Recent and Last.ACK.sent of RFC 7323 §4.3. */
  readonly tsRecent: number;
  readonly lastAckSent: Seq;

  // --- TCP Fast Open (RFC 7413) ---
  /** The Fast Open option our first SYN or SYN-ACK carries (a cookie or a request). */
  readonly fastOpenSyn: FastOpenOption | null;
  /** Client: bytes of data the first SYN carried. */
  readonly synData: number;
  /** Server: the child took data from the SYN (acceptable, may send before the third ACK). */
  readonly fastOpened: boolean;

  // --- timers: due time in ms, or null ---
  readonly rtxAt: number | null;
  readonly persistAt: number | null;
  readonly delayedAckAt: number | null;
  readonly timeWaitAt: number | null;
  readonly finWait2At: number | null;
}

export type Draft = { -readonly [K in keyof Conn]: Conn[K] };

/**
 * A copy of a TCB to change within one step. A class whose constructor writes every field
 * in the same order gives every TCB one hidden class (V8 "map") whose fields stay tagged,
 * so the hot path never migrates objects between shapes; plain-object spreads of a TCB
 * would start new shapes.
 */
class TcbCopy implements Draft {
  kind: Draft['kind'];
  id: Draft['id'];
  state: Draft['state'];
  tuple: Draft['tuple'];
  listener: Draft['listener'];
  passive: Draft['passive'];
  owned: Draft['owned'];
  appClosed: Draft['appClosed'];
  readShut: Draft['readShut'];
  writeShut: Draft['writeShut'];
  error: Draft['error'];
  mssClamp: Draft['mssClamp'];
  iss: Draft['iss'];
  sndUna: Draft['sndUna'];
  sndNxt: Draft['sndNxt'];
  sndWnd: Draft['sndWnd'];
  sndWl1: Draft['sndWl1'];
  sndWl2: Draft['sndWl2'];
  maxSndWnd: Draft['maxSndWnd'];
  sndBuf: Draft['sndBuf'];
  sndBufSeq: Draft['sndBufSeq'];
  finSeq: Draft['finSeq'];
  rtxNext: Draft['rtxNext'];
  rtxRound: Draft['rtxRound'];
  backoff: Draft['backoff'];
  retries: Draft['retries'];
  totalRetransmits: Draft['totalRetransmits'];
  synTransmits: Draft['synTransmits'];
  srtt: Draft['srtt'];
  rttvar: Draft['rttvar'];
  rto: Draft['rto'];
  rttSeq: Draft['rttSeq'];
  rttStart: Draft['rttStart'];
  connectDeadline: Draft['connectDeadline'];
  irs: Draft['irs'];
  rcvNxt: Draft['rcvNxt'];
  rcvBuffer: Draft['rcvBuffer'];
  rcvUnread: Draft['rcvUnread'];
  rcvQueue: Draft['rcvQueue'];
  held: Draft['held'];
  rcvAdvertised: Draft['rcvAdvertised'];
  finReceived: Draft['finReceived'];
  ackNow: Draft['ackNow'];
  quickAcks: Draft['quickAcks'];
  offer: Draft['offer'];
  negotiated: Draft['negotiated'];
  tsOffset: Draft['tsOffset'];
  tsRecent: Draft['tsRecent'];
  lastAckSent: Draft['lastAckSent'];
  fastOpenSyn: Draft['fastOpenSyn'];
  synData: Draft['synData'];
  fastOpened: Draft['fastOpened'];
  rtxAt: Draft['rtxAt'];
  persistAt: Draft['persistAt'];
  delayedAckAt: Draft['delayedAckAt'];
  timeWaitAt: Draft['timeWaitAt'];
  finWait2At: Draft['finWait2At'];

  constructor(c: Conn) {
    this.kind = c.kind;
    this.id = c.id;
    this.state = c.state;
    this.tuple = c.tuple;
    this.listener = c.listener;
    this.passive = c.passive;
    this.owned = c.owned;
    this.appClosed = c.appClosed;
    this.readShut = c.readShut;
    this.writeShut = c.writeShut;
    this.error = c.error;
    this.mssClamp = c.mssClamp;
    this.iss = c.iss;
    this.sndUna = c.sndUna;
    this.sndNxt = c.sndNxt;
    this.sndWnd = c.sndWnd;
    this.sndWl1 = c.sndWl1;
    this.sndWl2 = c.sndWl2;
    this.maxSndWnd = c.maxSndWnd;
    this.sndBuf = c.sndBuf;
    this.sndBufSeq = c.sndBufSeq;
    this.finSeq = c.finSeq;
    this.rtxNext = c.rtxNext;
    this.rtxRound = c.rtxRound;
    this.backoff = c.backoff;
    this.retries = c.retries;
    this.totalRetransmits = c.totalRetransmits;
    this.synTransmits = c.synTransmits;
    this.srtt = c.srtt;
    this.rttvar = c.rttvar;
    this.rto = c.rto;
    this.rttSeq = c.rttSeq;
    this.rttStart = c.rttStart;
    this.connectDeadline = c.connectDeadline;
    this.irs = c.irs;
    this.rcvNxt = c.rcvNxt;
    this.rcvBuffer = c.rcvBuffer;
    this.rcvUnread = c.rcvUnread;
    this.rcvQueue = c.rcvQueue;
    this.held = c.held;
    this.rcvAdvertised = c.rcvAdvertised;
    this.finReceived = c.finReceived;
    this.ackNow = c.ackNow;
    this.quickAcks = c.quickAcks;
    this.offer = c.offer;
    this.negotiated = c.negotiated;
    this.tsOffset = c.tsOffset;
    this.tsRecent = c.tsRecent;
    this.lastAckSent = c.lastAckSent;
    this.fastOpenSyn = c.fastOpenSyn;
    this.synData = c.synData;
    this.fastOpened = c.fastOpened;
    this.rtxAt = c.rtxAt;
    this.persistAt = c.persistAt;
    this.delayedAckAt = c.delayedAckAt;
    this.timeWaitAt = c.timeWaitAt;
    this.finWait2At = c.finWait2At;
  }
}

export function cloneConn(c: Conn): Draft {
  return new TcbCopy(c);
}

/** States in which both ends have exchanged SYNs (RFC 9293 §3.5). */
export function isSynchronized(state: TcpState): boolean {
  return state !== 'CLOSED' && state !== 'LISTEN' && state !== 'SYN-SENT';
}

/** The sequence number just past the last byte the application gave us. */
export function dataEnd(c: Conn): Seq {
  return ((c.sndBufSeq + c.sndBuf.length) >>> 0) as Seq;
}
