/** Human-readable descriptions of every profile field, for the docs table and the UI. */
import type { Profile } from './profiles';

export const PROFILE_FIELDS: Readonly<Record<Exclude<keyof Profile, 'name'>, string>> = {
  mss: 'MSS advertised in our SYN and SYN-ACK (bytes)',
  defaultPeerMss: 'send MSS assumed when the peer sends no MSS option',
  minSendMss:
    'smallest send MSS a peer may impose; smaller MSS options are raised to it, 0 counts as none',
  windowScale: 'window-scale shift we offer (none = not offered)',
  sackPermitted: 'offer SACK-permitted (RFC 2018); held data is reported in SACK blocks',
  timestamps: 'offer the timestamps option (RFC 7323)',
  tsTickMs: 'timestamp clock tick (ms)',
  optionLayout: 'order and padding of SYN / SYN-ACK options',
  synWindow: 'raw window field of SYN and SYN-ACK (never scaled)',
  receiveBuffer: 'receive buffer; RCV.WND = buffer − unread bytes',
  acceptanceWindow:
    'window that arriving segments are checked against: advertised, or all free buffer',
  roundReceiveBufferToMss:
    'round the receive buffer up to a multiple of the MSS after the handshake',
  roundScaledWindowUp: 'round a scaled window field up rather than down (never shrinking it)',
  sendBuffer: 'send buffer; send() accepts at most this many unacknowledged bytes',
  initialWindowSegments: 'initial congestion window in segments (RFC 6928)',
  congestionControl:
    'how cwnd grows and is cut: RFC 5681 as written, Linux Reno in packets, FreeBSD NewReno with byte counting (RFC 3465)',
  rtoInitialMs: 'initial RTO (ms), RFC 6298 §2.1',
  rtoMinMs: 'lower bound of the RTO (ms)',
  rtoMinBounds:
    'what the lower bound bounds: the RTO (RFC 6298 §2.4), or the variance term added to SRTT (Linux)',
  rtoSlopMs: 'added to an RTO computed from RTT samples, before the bounds (ms)',
  rtoMaxMs: 'upper bound of the RTO and its backoff (ms)',
  rtoAfterSynRetransmitMs: 'RTO for data after a retransmitted SYN or SYN-ACK, RFC 6298 §5.7',
  synRetries: 'SYN retransmissions before connect() fails with ETIMEDOUT',
  synAckRetries: 'SYN-ACK retransmissions before the embryonic connection is dropped',
  synBackoff: 'multipliers of the initial RTO for successive SYN waits (last one repeats)',
  synAckBackoff: 'multipliers of the initial RTO for successive SYN-ACK waits (last one repeats)',
  connectTimeoutMs: 'overall limit on a connection attempt (ms)',
  dataRetries: 'data / FIN retransmissions before ETIMEDOUT',
  sackRecovery:
    'fast retransmit (RFC 6675 §4): resend the first unacknowledged segment at once when over 2 MSS beyond it is SACKed',
  tailLossProbe:
    'tail-loss probe (RFC 8985 §7): new data or the last segment again about two round trips after a send, before the RTO',
  zeroWindowProbe:
    'zero-window probe: one byte of new data beyond the window, or a bare ACK with SEQ = SND.UNA − 1 (RFC 9293 §3.8.6.1 allows either)',
  localRetryMs:
    "wait before data the host's own interface queue refused is tried again, without backoff (ms); none = at the backed-off RTO",
  timeWaitMs: 'TIME-WAIT duration, 2 × MSL (ms)',
  finWait2TimeoutMs: 'lifetime of an orphaned FIN-WAIT-2 connection (ms)',
  delayedAckMs: 'delayed-ACK timeout (ms); 0 = acknowledge at once',
  quickAckSegments: 'segments acknowledged at once after the handshake',
  ackTimeout:
    "delayed-ACK timeout: fixed, or Linux's ato (arrival gaps, RTT, quick-ack and pingpong modes)",
  delayFinAck: 'delay the ACK of a FIN that moves us to CLOSE-WAIT',
  ackEveryFullSegments: 'acknowledge at once after this many full-sized segments',
  ackSecondSegment: 'acknowledge every second data segment, whatever its size (BSD DELAY_ACK)',
  ackAboveSndNxt: 'reaction to SEG.ACK > SND.NXT: send an ACK or drop silently',
  rfc5961: 'challenge ACKs for in-window RSTs and for SYNs (RFC 5961)',
  duplicateSynInSynReceived: 'answer to a retransmitted SYN in SYN-RECEIVED',
  abortRstWithAck: 'abort sends RST,ACK rather than a bare RST',
  finInAcks: 'an ACK sent while our FIN is unacknowledged repeats the FIN (BSD)',
  oldSegmentAck:
    'ACK field of an old duplicate segment: dropped with it, processed if it ends at RCV.NXT, or always processed',
  timestampsOnRst: 'RSTs carry the timestamps option when it was agreed',
  resetErrorAfterFin: 'a RST in CLOSING or LAST-ACK reports ECONNRESET to a socket still open',
  rejectSynAckBadEcr:
    'SYN-SENT answers a SYN,ACK echoing a TS val we never sent with a RST and keeps waiting',
  pushMultiSegmentPackets:
    'a packet of several segments (TSO/GSO, as packetdrill sees it) carries PSH, not only one that empties the send queue',
  resetChildStaysQueued:
    'a connection reset in the accept queue stays there: accept() returns it, closed, with its error',
  dropSynOptionsAfter:
    'after this many SYN timeouts the SYN goes with the MSS option only (FreeBSD rexmit_drop_options)',
  ecn: 'ECN negotiation (RFC 3168): 0 off, 1 ask in our SYNs and agree, 2 agree when asked',
  ecnSynRetries: 'retransmitted SYNs that still ask for ECN before falling back',
  queueSynTextInSynSent:
    'text on the SYN of a simultaneous open is queued until ESTABLISHED (RFC 9293 §3.10.7.3), or dropped',
  dropSynFin: 'drop every segment carrying both SYN and FIN (FreeBSD drop_synfin)',
  timeWaitReply:
    'TIME-WAIT answers segments as the RFC says, or ACKs all but a duplicate ACK (FreeBSD tcp_twcheck())',
  fastOpen:
    'TCP Fast Open bits (Linux tcp_fastopen): 0x1 client, 0x2 server, 0x4 / 0x200 no cookie, 0x400 every listener',
  fastOpenKey: 'key of the server cookie (SipHash-2-4 of the addresses), as tcp_fastopen_key',
  fastOpenClient:
    "whose Fast Open client cookie cache: Linux's per server address, or FreeBSD's per path with disabling",
  icmpErrors:
    'how ICMP errors act on a connection: soft errors reported and hard ones abort (RFC), or as the stack does',
  ipTtl:
    'TTL and IPv6 hop limit of packets from a socket that sets none (IP_TTL, IPV6_UNICAST_HOPS)',
  synAckInListen: 'a SYN,ACK at a listener draws a RST (RFC 9293 §3.10.7.2) or is dropped',
  listenQueueRoom:
    'entries the SYN queue and the accept queue each hold: the listen() backlog, or one more (Linux)',
  udpTunnelingPort:
    'UDP port on which TCP segments arrive encapsulated in UDP, 0 for none (FreeBSD udp_tunneling_port)',
  udpTunnelingOverhead:
    'bytes an encapsulated connection takes off its MSS for the UDP header (FreeBSD udp_tunneling_overhead)',
};
