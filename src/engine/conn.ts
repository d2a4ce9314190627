/**
 * The transmission control block (RFC 9293 §3.3.1) of one connection. The host owns it and
 * every engine step changes it in place; snapshotConn gives an independent copy for a
 * checkpoint (DESIGN.md).
 */
import { laidOut } from './conn-init';
import type { Congestion } from './congestion-state';
import type { SackBlock } from './sack-blocks';
import type { FastOpenOption } from './fastopen';
import type { FourTuple } from './isn';
import type { IpOptions } from './ip-fields';
import type { KeepaliveSettings } from './keepalive';
import type { Negotiated, Offer } from './options';
import type { SendBuf } from './sendbuf';
import type { Errno, Seq, SocketId, TcpState } from './types';

/** Received bytes waiting for the application, newest first (a cons list never written, so copies share it). */
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
  kind: 'conn';
  id: SocketId;
  state: TcpState;
  tuple: FourTuple;

  // --- ownership (not TCP state: how the host and application hold the socket) ---
  /** The listener this connection was spawned by while it waits to be accepted. */
  listener: SocketId | null;
  /** MUST-11: whether the connection was initiated by a passive OPEN (came from LISTEN). */
  passive: boolean;
  /** The application holds this socket (it connected, or accepted it). */
  owned: boolean;
  /** The application called close(): the socket is orphaned. */
  appClosed: boolean;
  readShut: boolean;
  /** shutdown(write) or close(): a FIN is queued after the data. */
  writeShut: boolean;
  /**
   * send() found the send buffer full (Linux SOCK_NOSPACE): the acknowledgment that frees a
   * third of it says `writable` (arrive.ts wakeWriter).
   */
  writeBlocked: boolean;
  /** The error SO_ERROR would report, cleared when read. */
  error: Errno | null;
  /**
   * The last ICMP soft error (RFC 9293 §3.9.2.2, Linux sk_err_soft, FreeBSD t_softerror):
   * SO_ERROR reports it when no hard error is pending, and a connection that times out fails
   * with it instead of ETIMEDOUT (icmp.ts).
   */
  softError: Errno | null;
  mssClamp: number | null;
  /**
   * Path MTU learned from ICMP "fragmentation needed" / "packet too big" (RFC 1191, RFC 8201),
   * null while the link's MTU holds; `pathMss` is the largest segment it carries (icmp-pmtu.ts).
   */
  pathMtu: number | null;
  pathMss: number | null;
  /** TCP_SYNCNT: this socket's SYN retransmissions in place of the profile's synRetries. */
  synRetries: number | null;
  /** TCP_USER_TIMEOUT in ms, 0 = none: unacknowledged data fails the connection after it. */
  userTimeoutMs: number;
  /** SO_KEEPALIVE with TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT; null = no keep-alives (keepalive.ts). */
  keepalive: KeepaliveSettings | null;
  /** When a segment last arrived on the connection (FreeBSD t_rcvtime), for the keep-alive timer. */
  lastHeardAt: number;
  /** IP_TTL and IP_TOS (or their IPv6 twins) set on the socket; null = none (ip-fields.ts). */
  ip: IpOptions | null;
  /** TCP_MD5SIG: every segment is signed and must arrive signed (RFC 2385, tcp-md5.ts). */
  md5: boolean;
  /**
   * The peer's UDP port when the connection runs over UDP, 0 for plain TCP (FreeBSD t_port,
   * set by TCP_REMOTE_UDP_ENCAPS_PORT or by an encapsulated SYN; udp-tunnel.ts).
   */
  udpPort: number;
  /** What the UDP header takes off the MSS, fixed when the connection is made (udp-tunnel.ts). */
  udpOverhead: number;

  // --- send sequence variables (RFC 9293 §3.3.1) ---
  iss: Seq;
  sndUna: Seq;
  sndNxt: Seq;
  /** SND.WND in bytes (already scaled). */
  sndWnd: number;
  sndWl1: Seq;
  sndWl2: Seq;
  /** MAX.SND.WND of RFC 5961 §5: the largest window the peer ever offered. */
  maxSndWnd: number;
  /** Unacknowledged and unsent bytes; the first has sequence number sndBufSeq. */
  sndBuf: SendBuf;
  sndBufSeq: Seq;
  /** Sequence number our FIN occupies, once it has been sent. */
  finSeq: Seq | null;

  // --- retransmission (RFC 6298) ---
  /** [rtxNext, sndNxt) must be sent again after a timeout (go-back from SND.UNA). */
  rtxNext: Seq;
  /** The `retransmit` label of segments resent in the current recovery. */
  rtxRound: number;
  /** Consecutive timeouts: the RTO is rto × 2^backoff (RFC 6298 §5.5). */
  backoff: number;
  /** Timeouts since the peer last showed it is alive; compared with the retry limits. */
  retries: number;
  /**
   * When the first zero-window probe of this stretch went, until the peer opens its window
   * (Linux icsk_probes_tstamp, for TCP_USER_TIMEOUT while probing).
   */
  probingSince: number | null;
  /**
   * Probes the probe timer sent (or tried to send) since the peer last answered: zero-window
   * probes and retries of data the host's own queue refused (Linux icsk_probes_out).
   */
  probesOut: number;
  /** When the data at SND.UNA was first sent (Linux retrans_stamp, for TCP_USER_TIMEOUT). */
  unaSentAt: number;
  /** Where the last segment of new data (or the FIN) sent began: what a tail-loss probe resends. */
  lastSentSeq: Seq;
  /** SND.NXT when the tail-loss probe went, until it is answered (Linux tlp_high_seq). */
  tlpHighSeq: Seq | null;
  /** The probe resent old data rather than sending new data (Linux tlp_retrans). */
  tlpRetrans: boolean;
  /**
   * Until SND.UNA reaches it, the sender is out of Linux's Open state and schedules no
   * tail-loss probe: SND.NXT when the retransmission timer fired (TCP_CA_Loss, high_seq), or
   * the end of data the peer reported in SACK blocks beyond a hole (TCP_CA_Disorder).
   */
  recoveryEnd: Seq | null;
  /**
   * Data is being recovered, by a fast retransmit or after a timeout, until SND.UNA reaches
   * recoveryEnd (Linux TCP_CA_Recovery / TCP_CA_Loss, FreeBSD IN_RECOVERY()); false while SACK
   * blocks only report disorder, which may still turn into a fast retransmit.
   */
  lossRecovery: boolean;
  /** Congestion control: cwnd, ssthresh, duplicate ACKs, fast recovery (congestion.ts). */
  cc: Congestion;
  /** Retransmissions of any kind made so far (socketInfo's retransmitCount). */
  totalRetransmits: number;
  /** Transmissions of our SYN or SYN-ACK so far. */
  synTransmits: number;
  /** When our first SYN or SYN-ACK went out (Linux retrans_stamp), or null before. */
  synSentAt: number | null;
  srtt: number | null;
  rttvar: number;
  rto: number;
  /** Karn's algorithm: the sequence number being timed and when it was sent. */
  rttSeq: Seq | null;
  rttStart: number;
  connectDeadline: number | null;

  // --- receive sequence variables ---
  irs: Seq;
  rcvNxt: Seq;
  rcvBuffer: number;
  rcvUnread: number;
  rcvQueue: Chunk | null;
  /** Out-of-order segments within the window, sorted by sequence number. */
  held: readonly Held[];
  /** SACK (RFC 2018 §4): the blocks last reported, newest first. */
  sackReported: readonly SackBlock[];
  /** The held segment the next ACK reports first (RFC 2018 §4), until that ACK leaves. */
  sackLatest: SackBlock | null;
  /** Data that arrived twice, for the next ACK's D-SACK block (RFC 2883 §4). */
  dsack: SackBlock | null;
  /** Right edge of the window we last advertised (RCV.NXT + RCV.WND then). */
  rcvAdvertised: Seq;
  /** The peer's FIN has been processed: EOF once the buffer is drained. */
  finReceived: boolean;
  /** An ACK must go out at the end of this step (RFC 9293 §3.10.7.4). */
  ackNow: boolean;
  quickAcks: number;
  /** Linux's ACK timeout estimate in ms, 0 before the first data (delayed-ack.ts). */
  ato: number;
  /** When the last data segment arrived in order (Linux icsk_ack.lrcvtime). */
  lastDataAt: number;
  /** An interactive connection delays its ACKs for its reply to carry (Linux pingpong). */
  pingpong: boolean;

  // --- options ---
  offer: Offer;
  negotiated: Negotiated | null;
  tsOffset: number;
  /** TS.Recent and Last.ACK.sent of RFC 7323 §4.3. */
  tsRecent: number;
  lastAckSent: Seq;

  // --- TCP Fast Open (RFC 7413) ---
  /** The Fast Open option our first SYN or SYN-ACK carries (a cookie or a request). */
  fastOpenSyn: FastOpenOption | null;
  /** Client: bytes of data the first SYN carried. */
  synData: number;
  /** Server: the child took data from the SYN (acceptable, may send before the third ACK). */
  fastOpened: boolean;
  /**
   * This end opened with Fast Open as a client (Linux syn_fastopen, FreeBSD TF_FASTOPEN): its
   * SYN-ACK updates the cookie cache (fastopen-client.ts learnFromSynAck).
   */
  fastOpenClient: boolean;

  // --- timers: due time in ms, or null ---
  rtxAt: number | null;
  lossProbeAt: number | null;
  persistAt: number | null;
  delayedAckAt: number | null;
  timeWaitAt: number | null;
  finWait2At: number | null;
  keepaliveAt: number | null;
}

/** States in which both ends have exchanged SYNs (RFC 9293 §3.5). */
export function isSynchronized(state: TcpState): boolean {
  return state !== 'CLOSED' && state !== 'LISTEN' && state !== 'SYN-SENT';
}

/** The sequence number just past the last byte the application gave us. */
export function dataEnd(c: Conn): Seq {
  return ((c.sndBufSeq + c.sndBuf.length) >>> 0) as Seq;
}

/**
 * An independent copy of a TCB: later steps on either one leave the other as it was. Only
 * the send buffer is written in place; everything else a step replaces rather than edits.
 */
export function snapshotConn(c: Conn): Conn {
  const copy = laidOut(c);
  copy.sndBuf = c.sndBuf.copy();
  return copy;
}
