/**
 * Profiles: every number a real stack chooses, as plain data (DESIGN.md, "Engine rules").
 * A packetdrill runner may derive variants with a spread, e.g.
 * `{ ...profiles.linux, synRetries: 1 }`. Each field names its source; PROFILE_FIELDS
 * describes the fields in words for the docs table.
 */
import { DEFAULT_IP_TTL } from './ip-fields';

/** How a stack lays out options in a SYN or SYN-ACK (order and padding). */
export type OptionLayout = 'linux' | 'freebsd';

export interface Profile {
  readonly name: string;
  /** MSS we advertise in SYN / SYN-ACK. */
  readonly mss: number;
  /** MSS assumed when the peer's SYN carries none. */
  readonly defaultPeerMss: number;
  /**
   * Smallest send MSS a peer's MSS option may impose; smaller values are raised to it (the
   * stacks' answer to CVE-2019-11479). An option of 0 counts as no option.
   */
  readonly minSendMss: number;
  /** Window-scale shift we offer; null = do not offer. */
  readonly windowScale: number | null;
  readonly sackPermitted: boolean;
  readonly timestamps: boolean;
  /** Timestamp clock tick in milliseconds. */
  readonly tsTickMs: number;
  readonly optionLayout: OptionLayout;
  /** The raw window field of our SYN and SYN-ACK (never scaled). */
  readonly synWindow: number;
  /** Receive buffer: RCV.WND = receiveBuffer − unread bytes. */
  readonly receiveBuffer: number;
  /**
   * The window segments are checked against: 'advertised' (what the window field said) or
   * 'buffer' (all free buffer space, even beyond a 65535 field without window scaling).
   */
  readonly acceptanceWindow: 'advertised' | 'buffer';
  /** Round the receive buffer up to a multiple of the send MSS after the handshake. */
  readonly roundReceiveBufferToMss: boolean;
  /** Round a scaled window field up rather than down, so the window never shrinks. */
  readonly roundScaledWindowUp: boolean;
  /** Send buffer: how many unacknowledged plus unsent bytes send() accepts. */
  readonly sendBuffer: number;
  /** The initial congestion window, in segments (RFC 6928 IW; congestion.ts). */
  readonly initialWindowSegments: number;
  /**
   * How cwnd grows and is cut (congestion.ts): RFC 5681 as written ('rfc'), Linux Reno counting
   * packets ('linux', tcp_cong.c), FreeBSD NewReno with Appropriate Byte Counting ('freebsd',
   * cc_newreno.c, RFC 3465).
   */
  readonly congestionControl: 'rfc' | 'linux' | 'freebsd';
  readonly rtoInitialMs: number;
  readonly rtoMinMs: number;
  /**
   * What rtoMinMs bounds: the RTO itself (RFC 6298 §2.4, 'rto'), or the variance term added
   * to SRTT (Linux tcp_rtt_estimator() keeps rttvar at least tcp_rto_min, 'variance').
   */
  readonly rtoMinBounds: 'rto' | 'variance';
  /**
   * Added to every RTO computed from RTT samples before the bounds apply (FreeBSD
   * TCPT_RANGESET() adds net.inet.tcp.rexmit_slop, "to allow for CPU variance"); 0 elsewhere.
   */
  readonly rtoSlopMs: number;
  readonly rtoMaxMs: number;
  /** RTO for data once the SYN or SYN-ACK had to be retransmitted. */
  readonly rtoAfterSynRetransmitMs: number;
  /** Retransmissions of a SYN before connect() fails with ETIMEDOUT. */
  readonly synRetries: number;
  /** Retransmissions of a SYN-ACK before the embryonic connection is dropped. */
  readonly synAckRetries: number;
  /** Multipliers of rtoInitialMs for successive SYN waits (in SYN-SENT); the last repeats. */
  readonly synBackoff: readonly number[];
  /**
   * The same for SYN-ACK waits (in SYN-RECEIVED): apart from synBackoff because Linux's
   * tcp_syn_linear_timeouts holds back the SYN's backoff only (tcp_retransmit_timer() checks
   * TCP_SYN_SENT; ip-sysctl: "no effect on SYNACK at the passive TCP side").
   */
  readonly synAckBackoff: readonly number[];
  /** Overall limit on the connection attempt (ms), or null for none. */
  readonly connectTimeoutMs: number | null;
  /** Retransmissions of data or FIN before the connection fails with ETIMEDOUT. */
  readonly dataRetries: number;
  /**
   * Tail-loss probe (RFC 8985 §7, Linux tcp_early_retrans 3): before the RTO, probe the tail
   * of the flight with new data or its last segment after about two round trips.
   */
  readonly tailLossProbe: boolean;
  /**
   * A zero-window probe (RFC 9293 §3.8.6.1 allows either): one byte of new data beyond the
   * window ('data-byte', FreeBSD tcp_output() with t_force), which the retransmission timer
   * then covers, or a bare ACK <SEQ=SND.UNA−1> that acknowledges nothing ('old-ack', Linux
   * tcp_write_wakeup() → tcp_xmit_probe_skb()), which the probe timer repeats with backoff.
   */
  readonly zeroWindowProbe: 'data-byte' | 'old-ack';
  /**
   * The wait before data the host's own queue refused is tried again, without backoff (Linux
   * TCP_RESOURCE_PROBE_INTERVAL in tcp_send_probe0() and tcp_retransmit_timer()); null: the
   * refused data waits for the retransmission timeout, backed off, as if it had been lost.
   */
  readonly localRetryMs: number | null;
  /**
   * SACK loss detection (RFC 6675 §4 IsLost): when SACK blocks report more than 2 MSS delivered
   * beyond the first unacknowledged byte, its segment is resent at once (fast retransmit).
   */
  readonly sackRecovery: boolean;
  /** TIME-WAIT duration (2 × MSL). */
  readonly timeWaitMs: number;
  /** Lifetime of an orphaned FIN-WAIT-2 connection, or null to wait forever. */
  readonly finWait2TimeoutMs: number | null;
  /** Delayed-ACK timeout; 0 = acknowledge every segment at once. */
  readonly delayedAckMs: number;
  /** Data segments acknowledged at once after the handshake before delaying starts. */
  readonly quickAckSegments: number;
  /**
   * The delayed-ACK timeout: always delayedAckMs ('fixed'), or estimated per connection as
   * Linux does ('adaptive': ato from the arrival gaps and the RTT, quick-ack and pingpong
   * modes; delayed-ack.ts).
   */
  readonly ackTimeout: 'fixed' | 'adaptive';
  /** Whether the ACK of a FIN that moves us to CLOSE-WAIT is delayed. */
  readonly delayFinAck: boolean;
  /** Acknowledge at once when this many full-sized segments are unacknowledged. */
  readonly ackEveryFullSegments: number;
  /** Acknowledge every second data segment whatever its size (BSD DELAY_ACK). */
  readonly ackSecondSegment: boolean;
  /** What to do with an ACK for data not yet sent (SEG.ACK > SND.NXT). */
  readonly ackAboveSndNxt: 'ack' | 'drop';
  /** RFC 5961 challenge ACKs for in-window RSTs and SYNs in synchronized states. */
  readonly rfc5961: boolean;
  /** Answer to a retransmitted SYN in SYN-RECEIVED: an ACK (RFC) or the SYN-ACK again. */
  readonly duplicateSynInSynReceived: 'ack' | 'syn-ack';
  /** Whether an abort's RST also carries ACK (RST,ACK seq=SND.NXT ack=RCV.NXT). */
  readonly abortRstWithAck: boolean;
  /** Whether a pure ACK sent while our FIN is unacknowledged repeats the FIN (BSD). */
  readonly finInAcks: boolean;
  /**
   * The ACK field of a segment that lies wholly before RCV.NXT (an old duplicate): dropped
   * with the segment (RFC), still processed when the segment ends exactly at RCV.NXT
   * (Linux, a repeated FIN), or always processed (FreeBSD).
   */
  readonly oldSegmentAck: 'drop' | 'at-edge' | 'process';
  /** Whether a RST we send on a timestamp connection carries the TS option. */
  readonly timestampsOnRst: boolean;
  /**
   * Whether a RST in CLOSING or LAST-ACK leaves ECONNRESET for a socket still open (the RFC
   * only closes the connection there).
   */
  readonly resetErrorAfterFin: boolean;
  /**
   * Whether a connection reset while it waits in a listener's accept queue stays there, so
   * that accept() still returns it (closed, with its error and unread data), as Linux's
   * inet_csk_accept() takes the queue's head whatever its state; false removes it.
   */
  readonly resetChildStaysQueued: boolean;
  /**
   * In SYN-SENT, a SYN,ACK whose TS ecr is not a TS val we could have sent since our first
   * SYN is answered with a RST and ignored (Linux tcp_rcv_synsent_state_process(), "PAWS
   * active rejected"); RFC 7323 asks no such check.
   */
  readonly rejectSynAckBadEcr: boolean;
  /**
   * A packet of several segments (a TSO/GSO packet, which the packetdrill runner sees as the
   * engine's MSS-sized segments put together) carries PSH: Linux __tcp_transmit_skb() forces it
   * when tcp_skb_pcount(skb) > 1, to flush GRO at the receiver. Without it such a packet has
   * PSH only when its last segment empties the send queue (FreeBSD tcp_output()).
   */
  readonly pushMultiSegmentPackets: boolean;
  /**
   * What a connection in TIME-WAIT answers to a segment without SYN or RST: what RFC 9293
   * §3.10.7.4 says ('rfc'), or an ACK for every segment bearing ACK except a duplicate ACK,
   * dropping those without ACK ('ack-unless-duplicate', FreeBSD tcp_twcheck()).
   */
  readonly timeWaitReply: 'rfc' | 'ack-unless-duplicate';
  /** Drop segments with both SYN and FIN outright (FreeBSD net.inet.tcp.drop_synfin). */
  readonly dropSynFin: boolean;
  /**
   * Text on a SYN that turns SYN-SENT into SYN-RECEIVED (simultaneous open) is queued and
   * delivered once ESTABLISHED is reached, as RFC 9293 §3.10.7.3 asks; false drops it.
   */
  readonly queueSynTextInSynSent: boolean;
  /**
   * After this many SYN timeouts the SYN is resent with the MSS option only (FreeBSD
   * net.inet.tcp.rexmit_drop_options, tcp_timer_rexmt() at t_rxtshift 3); null = never.
   */
  readonly dropSynOptionsAfter: number | null;
  /**
   * ECN negotiation (RFC 3168 §6.1.1), as Linux's tcp_ecn and FreeBSD's ecn.enable number it:
   * 0 off, 1 request it in our SYNs and agree to it, 2 only agree when a peer's SYN asks.
   */
  readonly ecn: 0 | 1 | 2;
  /** Retransmitted SYNs that still ask for ECN before it is given up (ECN fallback). */
  readonly ecnSynRetries: number;
  /**
   * TCP Fast Open (RFC 7413) as the bits of Linux's net.ipv4.tcp_fastopen: 0x1 client,
   * 0x2 server (listeners with TCP_FASTOPEN), 0x4 client without cookie, 0x200 server
   * without cookie, 0x400 every listener (fastopen.ts FastOpenBits).
   */
  readonly fastOpen: number;
  /** The server's cookie key: the four 32-bit words of net.ipv4.tcp_fastopen_key. */
  readonly fastOpenKey: readonly [number, number, number, number];
  /** Whose Fast Open client cookie cache to follow (fastopen-client.ts). */
  readonly fastOpenClient: 'linux' | 'freebsd';
  /**
   * How ICMP errors act on a connection (icmp.ts): as RFC 9293 §3.9.2.2 classes them (soft
   * errors are reported, hard errors abort), as Linux tcp_v4_err()/tcp_v6_err() (any error
   * aborts an opening connection, none a synchronized one), or as FreeBSD tcp_notify().
   */
  readonly icmpErrors: 'rfc' | 'linux' | 'freebsd';
  /** TTL and IPv6 hop limit of packets from a socket without IP_TTL / IPV6_UNICAST_HOPS. */
  readonly ipTtl: number;
  /**
   * A SYN,ACK arriving at a listener: answered with <SEQ=SEG.ACK><CTL=RST> as RFC 9293
   * §3.10.7.2 asks for any ACK in LISTEN ('reset'), or dropped without a word ('drop').
   */
  readonly synAckInListen: 'reset' | 'drop';
  /**
   * How many entries each listen queue (SYN and accept) holds before it counts as full: the
   * listen() backlog ('backlog'), or one more ('backlog+1'), as Linux's sk_acceptq_is_full()
   * and inet_csk_reqsk_queue_is_full() compare with `>` rather than `>=`.
   */
  readonly listenQueueRoom: 'backlog' | 'backlog+1';
  /**
   * The UDP port TCP segments arrive on encapsulated in UDP, 0 for none (FreeBSD
   * net.inet.tcp.udp_tunneling_port; udp-tunnel.ts). Sockets may then send in UDP too.
   */
  readonly udpTunnelingPort: number;
  /** Bytes the MSS of a UDP-encapsulated connection gives up (net.inet.tcp.udp_tunneling_overhead). */
  readonly udpTunnelingOverhead: number;
}

/** packetdrill's defaults.sh key (a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4); kernels pick one at boot. */
const PACKETDRILL_TFO_KEY = [0xa1a1a1a1, 0xb2b2b2b2, 0xc3c3c3c3, 0xd4d4d4d4] as const;

export type ProfileName = 'rfc' | 'linux' | 'freebsd';

export const profiles: Readonly<Record<ProfileName, Profile>> = {
  rfc: {
    name: 'rfc',
    mss: 1460, // Ethernet MTU 1500 − 40 (RFC 9293 §3.7.1)
    defaultPeerMss: 536, // RFC 9293 §3.7.1 MUST-15: 536 when no MSS option was received
    minSendMss: 28, // RFC 791's 68-octet datagram every module forwards, less 40 (RFC 9293 §3.7.1)
    windowScale: null, // RFC 7323 is optional; the RFC profile keeps the RFC 9293 baseline
    sackPermitted: false, // RFC 2018 is optional
    timestamps: false, // RFC 7323 is optional
    tsTickMs: 1, // RFC 7323 §5.4 allows 1 ms to 1 s; 1 ms if a variant turns TS on
    optionLayout: 'linux', // only MSS is sent; the layout matters if a variant adds options
    synWindow: 65535, // largest unscaled window (RFC 9293 §3.1)
    receiveBuffer: 65535, // one unscaled window
    acceptanceWindow: 'advertised', // RFC 9293 §3.10.7.4: RCV.WND as advertised
    roundReceiveBufferToMss: false, // not an RFC notion
    roundScaledWindowUp: false, // RFC 7323 §2.3: the field is the window shifted right
    sendBuffer: 262144, // a buffer size, not an RFC number
    initialWindowSegments: 10, // RFC 6928
    congestionControl: 'rfc', // RFC 5681 §3.1–3.2 with RFC 6582 NewReno and RFC 3042
    rtoInitialMs: 1000, // RFC 6298 §2.1
    rtoMinMs: 1000, // RFC 6298 §2.4 ("SHOULD be rounded up to 1 second")
    rtoMinBounds: 'rto', // RFC 6298 §2.4: the RTO itself is rounded up to the minimum
    rtoSlopMs: 0, // RFC 6298 §2.3: RTO = SRTT + max(G, K·RTTVAR)
    rtoMaxMs: 60000, // RFC 6298 §2.5 ("at least 60 seconds")
    rtoAfterSynRetransmitMs: 3000, // RFC 6298 §5.7
    synRetries: 7, // RFC 9293 MUST-23: retry a SYN for at least 3 minutes (gives up at 247 s)
    synAckRetries: 7, // same rule for the passive side
    synBackoff: [1, 2, 4, 8, 16, 32, 64, 128], // RFC 6298 §5.5 doubling, capped by rtoMaxMs
    synAckBackoff: [1, 2, 4, 8, 16, 32, 64, 128], // RFC 6298 §5.5 doubling, as for the SYN
    connectTimeoutMs: null, // RFC 9293 §3.8.3: R2 for a SYN is at least 3 minutes, set by synRetries
    dataRetries: 15, // RFC 9293 §3.8.3 R2 ≥ 100 s; 15 doublings as Linux
    tailLossProbe: false, // RFC 8985 is not part of the RFC 9293 baseline
    zeroWindowProbe: 'data-byte', // RFC 9293 §3.8.6.1: "send at least one octet of new data"
    localRetryMs: null, // RFC 9293 has no local queue: a refused segment is as good as lost
    sackRecovery: false, // RFC 6675 is not part of the RFC 9293 baseline
    timeWaitMs: 240000, // RFC 9293 §3.4.2: 2 × MSL, MSL = 2 minutes
    finWait2TimeoutMs: null, // RFC 9293 has no FIN-WAIT-2 timeout
    delayedAckMs: 200, // RFC 9293 §3.8.6.3 SHLD-18: under 0.5 s; 200 ms is the classic value
    quickAckSegments: 0, // RFC 9293 §3.8.6.3 has no quick-ack phase
    ackTimeout: 'fixed', // RFC 9293 §3.8.6.3 SHLD-18 only bounds the delay
    delayFinAck: false, // the FIN is acknowledged as soon as it is processed (§3.10.7.4)
    ackEveryFullSegments: 2, // RFC 9293 §3.8.6.3 SHLD-19: every second full-sized segment
    ackSecondSegment: false, // SHLD-19 counts full-sized segments
    ackAboveSndNxt: 'ack', // RFC 9293 §3.10.7.4: "send an ACK, drop the segment"
    rfc5961: true, // RFC 9293 §3.10.7.4 recommends RFC 5961
    duplicateSynInSynReceived: 'ack', // the sequence check of §3.10.7.4 answers with an ACK
    abortRstWithAck: false, // RFC 9293 §3.10.5 ABORT: <SEQ=SND.NXT><CTL=RST>
    timestampsOnRst: false, // RFC 7323 §4.2: RSTs need not carry TS
    resetErrorAfterFin: false, // RFC 9293 §3.10.7.4: CLOSING, LAST-ACK: "enter the CLOSED state"
    resetChildStaysQueued: false, // RFC 9293 §3.10.7.4: a reset connection is deleted
    rejectSynAckBadEcr: false, // RFC 7323 §3.2: TSecr is only used for RTTM
    pushMultiSegmentPackets: false, // RFC 9293 §3.9.1: PSH when the sender pushes its data
    timeWaitReply: 'rfc', // RFC 9293 §3.10.7.4: only an unacceptable segment or a FIN is acknowledged
    dropSynFin: false, // RFC 9293 §3.10.7 processes SYN and FIN each in its turn
    queueSynTextInSynSent: true, // §3.10.7.3: "queue them for processing after ... ESTABLISHED"
    dropSynOptionsAfter: null, // a retransmitted SYN is the SYN again (RFC 9293 §3.8.1)
    ecn: 0, // RFC 3168 is optional; the RFC profile keeps the RFC 9293 baseline
    ecnSynRetries: 0, // nothing to fall back from
    finInAcks: false, // RFC 9293 §3.10.7.4: the ACK is <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
    oldSegmentAck: 'drop', // RFC 9293 §3.10.7.4: "send an acknowledgment ... drop the unacceptable segment"
    fastOpen: 0, // RFC 7413 is Experimental, not part of the RFC 9293 baseline
    fastOpenKey: [0, 0, 0, 0], // no server cookies without Fast Open
    fastOpenClient: 'linux', // RFC 7413 §4.1.3: a cookie per server IP address, as Linux keeps it
    icmpErrors: 'rfc', // RFC 9293 §3.9.2.2: soft errors MUST NOT abort (MUST-56), hard SHOULD (SHLD-26)
    ipTtl: DEFAULT_IP_TTL, // RFC 1700: the recommended default TTL
    synAckInListen: 'reset', // RFC 9293 §3.10.7.2: "Any acknowledgment is bad"
    listenQueueRoom: 'backlog', // RFC 9293 §3.10.1 leaves the queue to the implementation; listen(2) "maximum length"
    udpTunnelingPort: 0, // TCP over UDP is not an RFC 9293 transport
    udpTunnelingOverhead: 8, // the UDP header (RFC 768)
  },
  linux: {
    name: 'linux',
    mss: 1460, // MTU 1500 − 40 (PROFILES.md, tcp.h)
    defaultPeerMss: 536, // TCP_MSS_DEFAULT (PROFILES.md)
    minSendMss: 48, // net.ipv4.tcp_min_snd_mss = TCP_MIN_SND_MSS (tcp.h), applied in __tcp_mtu_to_mss()
    windowScale: 7, // tcp_rmem[2] 6 MiB → shift 7 (PROFILES.md; packetdrill's defaults.sh gives 8)
    sackPermitted: true, // tcp_sack = 1
    timestamps: true, // tcp_timestamps = 1
    tsTickMs: 1, // 1 ms TS clock (PROFILES.md)
    optionLayout: 'linux', // tcp_options_write(): mss,sackOK,TS,nop,wscale (PROFILES.md)
    synWindow: 64240, // 44 × 1460 as seen on the wire (PROFILES.md)
    receiveBuffer: 131072, // tcp_rmem[1] default (ip-sysctl)
    acceptanceWindow: 'advertised', // tcp_sequence() checks against tcp_receive_window()
    roundReceiveBufferToMss: false, // Linux sizes by tcp_rmem, not by MSS
    roundScaledWindowUp: false, // tcp_select_window(): new_win >>= tp->rx_opt.rcv_wscale
    sendBuffer: 16384 * 16, // tcp_wmem[1] 256 KiB as in defaults.sh
    initialWindowSegments: 10, // TCP_INIT_CWND 10 (RFC 6928); no sysctl sets it
    // net.ipv4.tcp_congestion_control defaults to cubic; slow start and the cuts are Reno's
    // (tcp_slow_start(), tcp_reno_ssthresh()), CUBIC's growth in avoidance is not modelled.
    congestionControl: 'linux',
    rtoInitialMs: 1000, // TCP_TIMEOUT_INIT (tcp.h)
    rtoMinMs: 200, // TCP_RTO_MIN (tcp.h)
    rtoMinBounds: 'variance', // tcp_rtt_estimator(): mdev_max_us starts each RTT at tcp_rto_min
    rtoSlopMs: 0, // tcp_set_rto(): __tcp_set_rto() adds nothing
    rtoMaxMs: 120000, // TCP_RTO_MAX (tcp.h)
    rtoAfterSynRetransmitMs: 3000, // TCP_TIMEOUT_FALLBACK (tcp.h)
    synRetries: 6, // TCP_SYN_RETRIES: SYNs at 0,1,3,7,15,31,63 s, ETIMEDOUT at 127 s
    synAckRetries: 5, // tcp_synack_retries: SYN-ACKs at 0,1,3,7,15,31 s
    synBackoff: [1, 2, 4, 8, 16, 32, 64, 128], // classic exponential backoff (linear timeouts off)
    synAckBackoff: [1, 2, 4, 8, 16, 32, 64, 128], // reqsk_timer_handler(): timeout << num_timeout
    connectTimeoutMs: null, // Linux limits the attempt by tcp_syn_retries alone (ip-sysctl)
    dataRetries: 15, // tcp_retries2 = 15 (ip-sysctl)
    tailLossProbe: true, // tcp_early_retrans = 3: TLP on (tcp_schedule_loss_probe())
    zeroWindowProbe: 'old-ack', // tcp_write_wakeup() → tcp_xmit_probe_skb(): SEQ = SND.UNA − 1
    localRetryMs: 500, // TCP_RESOURCE_PROBE_INTERVAL (HZ / 2)
    sackRecovery: true, // tcp_recovery = 1: RACK, no reordering window past 3 SACKed segments
    timeWaitMs: 60000, // TCP_TIMEWAIT_LEN (tcp.h)
    finWait2TimeoutMs: 60000, // tcp_fin_timeout (ip-sysctl)
    delayedAckMs: 40, // TCP_DELACK_MIN (tcp.h); +.04 in tcp_basic_server.pkt
    quickAckSegments: 16, // TCP_MAX_QUICKACKS (tcp.h)
    ackTimeout: 'adaptive', // icsk_ack.ato: tcp_event_data_recv(), tcp_send_delayed_ack()
    delayFinAck: true, // tcp_fin() enters pingpong mode: the ACK waits ato (delayed-ack.ts)
    ackEveryFullSegments: 2, // __tcp_ack_snd_check: more than one full frame received
    ackSecondSegment: false, // Linux measures rcv_mss instead (tcp_measure_rcv_mss)
    ackAboveSndNxt: 'drop', // silently dropped (PROFILES.md, ts_recent/invalid_ack.pkt)
    rfc5961: true, // since 2012, commit 282f23c6 (PROFILES.md)
    duplicateSynInSynReceived: 'syn-ack', // tcp_check_req() re-sends the SYN-ACK (PROFILES.md)
    abortRstWithAck: true, // tcp_send_active_reset() sets ACK|RST
    timestampsOnRst: true, // reset_tsval.pkt: R. with <nop,nop,TS ...>
    resetErrorAfterFin: true, // tcp_reset(): sk_err = ECONNRESET in every state but SYN-SENT, CLOSE-WAIT
    resetChildStaysQueued: true, // inet_csk_accept() dequeues the head; only inet_csk_listen_stop() frees children
    rejectSynAckBadEcr: true, // tcp_rcv_synsent_state_process(): between(rcv_tsecr, retrans_stamp, now)
    pushMultiSegmentPackets: true, // __tcp_transmit_skb(): PSH when tcp_skb_pcount(skb) > 1
    timeWaitReply: 'rfc', // tcp_timewait_state_process() is not modelled apart from the RFC's rules
    dropSynFin: false, // no such sysctl
    queueSynTextInSynSent: false, // tcp_rcv_synsent_state_process(): "we could accept data ... not done"
    dropSynOptionsAfter: null, // tcp_retransmit_skb() resends the SYN as built
    ecn: 2, // net.ipv4.tcp_ecn = 2: ECN when the peer's SYN asks (ip-sysctl)
    ecnSynRetries: 0, // tcp_ecn_fallback = 1: tcp_ecn_clear_syn() strips ECE,CWR from a resent SYN
    finInAcks: false, // tcp_basic_client.pkt: plain ACKs after our FIN
    oldSegmentAck: 'at-edge', // tcp_sequence(): acceptable while end_seq is not before rcv_wup
    fastOpen: 0x1, // tcp_fastopen default 1: client only (ip-sysctl, PROFILES.md)
    fastOpenKey: PACKETDRILL_TFO_KEY, // random at boot; a lab shows a fixed one (defaults.sh)
    fastOpenClient: 'linux', // tcp_fastopen_cache_set(): cookie, MSS, try_exp per server address
    icmpErrors: 'linux', // tcp_v4_err(): tcp_done_with_error() in SYN-SENT/SYN-RECV, else sk_err_soft
    ipTtl: DEFAULT_IP_TTL, // net.ipv4.ip_default_ttl, net.ipv6.conf.*.hop_limit
    synAckInListen: 'reset', // tcp_rcv_state_process(): an ACK in LISTEN returns 1, tcp_v4_send_reset()
    // sock.h sk_acceptq_is_full(): sk_ack_backlog > sk_max_ack_backlog (commit 64a146513f8f kept
    // the `>`); inet_csk_reqsk_queue_is_full(): `>` too since commit 3479c7549fb1 (Jan 2025)
    listenQueueRoom: 'backlog+1',
    udpTunnelingPort: 0, // Linux has no TCP over UDP
    udpTunnelingOverhead: 8, // the UDP header (RFC 768)
  },
  freebsd: {
    name: 'freebsd',
    mss: 1460, // tcp_mssdflt on Ethernet; scripts show mss 1460
    defaultPeerMss: 536, // tcp_mssdflt (tcp_var.h)
    minSendMss: 216, // net.inet.tcp.minmss = TCP_MINMSS (tcp.h), applied in tcp_mss_update()
    windowScale: 6, // recvspace 65536 → shift 6 with maxsockbuf 2 MiB (scripts: wscale 6)
    sackPermitted: true, // net.inet.tcp.sack.enable = 1
    timestamps: true, // net.inet.tcp.rfc1323 = 1
    tsTickMs: 1, // TS val 100 → 1100 over 1 s in snd-syn-rtx-max-number-ipv4.pkt
    optionLayout: 'freebsd', // tcp_addoptions(): mss,nop,wscale,sackOK,TS; EOL padding
    synWindow: 65535, // scripts: "> S 0:0(0) win 65535"
    receiveBuffer: 65536, // net.inet.tcp.recvspace
    acceptanceWindow: 'buffer', // tcp_input() uses rcv_wnd = sbspace (right-edge-secure.pkt: 65700)
    roundReceiveBufferToMss: true, // tcp_mss() → sbreserve(roundup(recvspace, mss)): 65700
    roundScaledWindowUp: true, // tcp_output(): roundup2(recwin, 1 << rcv_scale) (65700 → 1027 << 6)
    sendBuffer: 32768, // net.inet.tcp.sendspace
    initialWindowSegments: 10, // net.inet.tcp.initcwnd_segments = 10
    congestionControl: 'freebsd', // net.inet.tcp.cc.algorithm = newreno, abc_l_var = 2
    rtoInitialMs: 1000, // net.inet.tcp.rexmit_initial = 1000 (TCPTV_RTOBASE)
    rtoMinMs: 30, // net.inet.tcp.rexmit_min = 30 ms
    rtoMinBounds: 'rto', // tcp_xmit_timer(): TCPT_RANGESET(t_rxtcur, ..., max(t_rttmin, rtt + 2), ...)
    rtoSlopMs: 200, // net.inet.tcp.rexmit_slop = 200 ms (TCPTV_CPU_VAR), tcp_timer.h TCPT_RANGESET()
    rtoMaxMs: 64000, // TCPTV_REXMTMAX = 64 s
    rtoAfterSynRetransmitMs: 3000, // RFC 6298 §5.7
    synRetries: 12, // TCP_MAXRXTSHIFT (snd-syn-rtx-max-number-ipv4.pkt comment)
    synAckRetries: 3, // syncache: SYNCACHE_MAXREXMTS 3
    // snd-syn-rtx-max-number-ipv4.pkt: SYNs at +1.0 and +2.2 s, then doubling up to 64 s
    synBackoff: [1, 2.2, 4.4, 8.8, 17.6, 35.2, 64],
    synAckBackoff: [1, 2.2, 4.4, 8.8, 17.6, 35.2, 64], // not checked apart from the SYN's
    connectTimeoutMs: 75000, // net.inet.tcp.keepinit = 75 s ends the attempt
    dataRetries: 12, // TCP_MAXRXTSHIFT
    tailLossProbe: false, // the default stack has none (TLP is in the RACK stack, tcp_rack.c)
    zeroWindowProbe: 'data-byte', // tcp_timer_persist() → tcp_output() with t_force: one byte
    localRetryMs: null, // tcp_output() on ENOBUFS leaves the retransmission timer to retry
    // tcp_input(): with SACK, recovery starts when more than (tcprexmtthresh − 1) × maxseg is
    // SACKed beyond SND.UNA (net.inet.tcp.sack.revised = 1, sackhint.sacked_bytes) or at the
    // third duplicate ACK, and tcp_sack_output() resends the first hole at once.
    sackRecovery: true,
    timeWaitMs: 60000, // 2 × MSL, net.inet.tcp.msl = 30 s
    finWait2TimeoutMs: 60000, // net.inet.tcp.finwait2_timeout = 60 s
    delayedAckMs: 40, // net.inet.tcp.delacktime = 40 ms (TCPTV_DELACK hz/25)
    quickAckSegments: 0, // FreeBSD delays from the start (tcp_input.c DELAY_ACK)
    ackTimeout: 'fixed', // tcp_delack_timer at net.inet.tcp.delacktime, whatever the traffic
    delayFinAck: false, // closing-ipv4.pkt and last-ack-ipv4.pkt show immediate FIN ACKs
    ackEveryFullSegments: 2, // RFC 9293 SHLD-19
    ackSecondSegment: true, // tcp_input() DELAY_ACK: ACK now when a delayed ACK is pending
    ackAboveSndNxt: 'ack', // tcp_input(): SEQ_GT(th_ack, snd_max) → dropafterack
    rfc5961: true, // net.inet.tcp.insecure_rst = 0, insecure_syn = 0 (the -secure scripts)
    duplicateSynInSynReceived: 'syn-ack', // syncache re-sends the SYN-ACK for a duplicate SYN
    abortRstWithAck: true, // tcp_drop() → tcp_respond(..., TH_RST|TH_ACK)
    timestampsOnRst: false, // tcp_respond() builds RSTs without options
    resetErrorAfterFin: true, // tcp_input(): so_error = ECONNRESET through CLOSING and LAST-ACK
    resetChildStaysQueued: false, // not checked against FreeBSD; the RFC's deletion is kept
    rejectSynAckBadEcr: false, // tcp_do_segment() takes TSecr of a SYN,ACK for RTTM only
    pushMultiSegmentPackets: false, // tcp_output(): TH_PUSH when the packet empties so_snd
    timeWaitReply: 'ack-unless-duplicate', // tcp_twcheck() (rcv-*-time-wait-using-shutdown-*.pkt)
    dropSynFin: false, // net.inet.tcp.drop_synfin = 0 (tcp_input.c)
    queueSynTextInSynSent: true, // tcp_do_segment(): tcp_reass() queues it, tcp_reass(tp, NULL) delivers
    dropSynOptionsAfter: null, // net.inet.tcp.rexmit_drop_options = 0 (tcp_timer.c)
    ecn: 2, // net.inet.tcp.ecn.enable = 2: ECN when the peer's SYN asks (tcp_ecn.c)
    ecnSynRetries: 1, // net.inet.tcp.ecn.maxretries = 1 (snd-syn-with-ecn-ipv4.pkt: SEW, SEW, S)
    finInAcks: true, // tcp_output(): snd_nxt-- to resend the FIN (closing-ipv4.pkt: > F. 1:1(0) ack 2)
    oldSegmentAck: 'process', // tcp_input(): a wholly old segment is trimmed, "keep on processing for RST or ACK"
    fastOpen: 0x1, // net.inet.tcp.fastopen.client_enable = 1, server_enable = 0 (tcp_fastopen.c)
    fastOpenKey: [0, 0, 0, 0], // no server cookies without Fast Open
    fastOpenClient: 'freebsd', // tcp_fastopen_ccache: cookie or disabled path per {client, server, port}
    icmpErrors: 'freebsd', // tcp_notify(): t_softerror; unreachable ignored once ESTABLISHED
    ipTtl: DEFAULT_IP_TTL, // net.inet.ip.ttl (IPDEFTTL), net.inet6.ip6.hlim (IPV6_DEFHLIM)
    // tcp-testsuite state-event-engine/rcv-syn-ack-listen: a SYN,ACK at a listener is dropped
    // and draws no RST (a pure ACK still does, rcv-ack-listen); docs/engine.md says more.
    synAckInListen: 'drop',
    listenQueueRoom: 'backlog', // not checked against FreeBSD's sonewconn() (3 × qlimit / 2); kept
    udpTunnelingPort: 0, // net.inet.tcp.udp_tunneling_port: off until set (tcp_subr.c)
    udpTunnelingOverhead: 8, // TCP_TUNNELING_OVERHEAD_DEFAULT: the UDP header
  },
};
