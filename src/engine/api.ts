/**
 * The host API's inputs and outputs (the calling order is in docs/engine.md). Every
 * value is plain data so the simulator can record it in the trace.
 */
import type { CongestionNote } from './congestion-state';
import type { IpOptions } from './ip-fields';
import type { KeepaliveSettings } from './keepalive';
import type { IsnConfig } from './isn';
import type { Negotiated } from './options';
import type { Profile } from './profiles';
import type { Errno, Packet, Seq, SocketId, TcpState, TimerName } from './types';

/**
 * When a listener answers a SYN with a SYN cookie (RFC 4987 §3.6) instead of a SYN queue entry:
 * never, only when the SYN queue is full, or for every SYN (Linux tcp_syncookies 0, 1, 2;
 * tcp_conn_request(): `syncookies == 2 || inet_csk_reqsk_queue_is_full(sk)`).
 */
export type SynCookies = 'never' | 'on-overflow' | 'always';

export interface HostConfig {
  /** Dotted-quad IPv4 address of the host. */
  readonly address: string;
  readonly profile: Profile;
  readonly isn: IsnConfig;
  /** When a listener answers a SYN with a SYN cookie (default 'never'). */
  readonly synCookies?: SynCookies;
  /**
   * The largest backlog listen() grants: a larger one is cut to it, as Linux's __sys_listen()
   * cuts it to net.core.somaxconn. Absent: the backlog asked for.
   */
  readonly maxBacklog?: number;
  /** First local port connect() picks when none is given (default 49152). */
  readonly firstEphemeralPort?: number;
}

/** Per-socket options a packetdrill runner sets before connect or listen. */
export interface SocketOptions {
  /** TCP_MAXSEG: clamp on the MSS we advertise and send. */
  readonly mss?: number;
  /** SO_RCVBUF: receive buffer in bytes. */
  readonly receiveBuffer?: number;
  /** TCP_NOOPT: SYN and SYN-ACK carry no options, so none is agreed (FreeBSD TF_NOOPT). */
  readonly noOptions?: boolean;
  /** TCP_FASTOPEN on a listener: take data from SYNs with a valid cookie (RFC 7413). */
  readonly fastOpen?: boolean;
  /**
   * TCP_SYNCNT: SYN retransmissions before connect() fails, in place of the profile's
   * synRetries (Linux icsk_syn_retries, read by tcp_write_timeout()).
   */
  readonly synRetries?: number;
  /**
   * TCP_USER_TIMEOUT (RFC 9293 §3.8.3 USER TIMEOUT; Linux icsk_user_timeout): how long, in ms,
   * data may stay unacknowledged before the connection fails with ETIMEDOUT, in place of the
   * profile's dataRetries; 0 = the profile's rule. Children of a listener inherit it.
   */
  readonly userTimeoutMs?: number;
  /**
   * SO_KEEPALIVE with TCP_KEEPIDLE, TCP_KEEPINTVL and TCP_KEEPCNT (RFC 9293 §3.8.4, RFC 1122
   * §4.2.3.6): probe a connection idle this long; children of a listener inherit it. Absent:
   * no keep-alives, the RFC's default (MUST-24).
   */
  readonly keepalive?: KeepaliveSettings;
  /**
   * IP_TTL / IPV6_UNICAST_HOPS and IP_TOS / IPV6_TCLASS: the IP fields of every packet the
   * socket sends; a listener's reach its SYN-ACKs and the connections it accepts (FreeBSD
   * syncache_add() copies inp_ip_ttl and inp_ip_tos into the syncache entry; Linux clones the
   * listener's inet_sock).
   */
  readonly ip?: IpOptions;
  /**
   * TCP_MD5SIG: sign every segment and accept only signed ones (RFC 2385), with the key of
   * the host's security association for the addresses (tcp-md5.ts); a listener's children
   * inherit it (FreeBSD syncache_add() copies TF_SIGNATURE).
   */
  readonly tcpMd5?: boolean;
  /**
   * TCP_REMOTE_UDP_ENCAPS_PORT before connect: the connection runs over UDP to this port of
   * the peer, from the profile's udpTunnelingPort (FreeBSD t_port; udp-tunnel.ts).
   */
  readonly udpEncapsPort?: number;
}

export type AppCall =
  | {
      readonly call: 'listen';
      readonly port: number;
      readonly backlog?: number;
      readonly options?: SocketOptions;
    }
  | {
      readonly call: 'connect';
      readonly remote: string;
      readonly remotePort: number;
      readonly localPort?: number;
      readonly options?: SocketOptions;
      /**
       * sendto(MSG_FASTOPEN): data for the SYN (RFC 7413). With a cookie for the peer, the
       * SYN carries what fits and `bytes` says how much; without one, the SYN asks for a
       * cookie and `bytes` is 0 (sendto's EINPROGRESS).
       */
      readonly fastOpen?: Uint8Array;
    }
  | { readonly call: 'accept'; readonly socket: SocketId }
  | {
      readonly call: 'send';
      readonly socket: SocketId;
      readonly data: Uint8Array;
      /**
       * The caller never writes `data` again: the send buffer keeps it rather than a copy (a
       * zero-copy send). Without it the caller may reuse its array once the call returns.
       */
      readonly handOver?: boolean;
    }
  | { readonly call: 'receive'; readonly socket: SocketId; readonly max?: number }
  | { readonly call: 'close'; readonly socket: SocketId }
  | {
      readonly call: 'shutdown';
      readonly socket: SocketId;
      readonly how: 'write' | 'read' | 'both';
    }
  | { readonly call: 'abort'; readonly socket: SocketId }
  /** getsockopt(SO_ERROR): reports and clears the pending error. */
  | { readonly call: 'getError'; readonly socket: SocketId }
  /**
   * setsockopt(TCP_FASTOPEN) on a listener that already listens: later SYNs see it
   * (Linux fastopen_queue_tune(); FreeBSD allows it before or after listen()).
   */
  | { readonly call: 'setFastOpen'; readonly socket: SocketId; readonly enabled: boolean }
  /** setsockopt(TCP_SYNCNT) on a socket that is connecting: its next SYN timeout reads it. */
  | { readonly call: 'setSynRetries'; readonly socket: SocketId; readonly retries: number }
  | { readonly call: 'setUserTimeout'; readonly socket: SocketId; readonly ms: number }
  /** SO_KEEPALIVE / TCP_KEEP* on a socket or listener at any time; null turns keep-alives off. */
  | {
      readonly call: 'setKeepalive';
      readonly socket: SocketId;
      readonly keepalive: KeepaliveSettings | null;
    }
  /** setsockopt(IP_TTL, IP_TOS, ...) on a socket or listener: the packets it sends next. */
  | { readonly call: 'setIpOptions'; readonly socket: SocketId; readonly ip: IpOptions }
  /** setsockopt(TCP_MD5SIG) on a connection or listener at any time (FreeBSD TF_SIGNATURE). */
  | { readonly call: 'setTcpMd5'; readonly socket: SocketId; readonly enabled: boolean }
  /**
   * bind() of a socket that neither listens nor connects yet: a segment to its port is
   * answered by that socket, in CLOSED, with a RST carrying its IP options (FreeBSD
   * tcp_input() finds its inpcb and drops with reset; tcp_respond() uses inp_ip_ttl and
   * inp_ip_tos). listen() on the port, or unbind, ends it.
   */
  | { readonly call: 'bind'; readonly port: number; readonly ip: IpOptions }
  | { readonly call: 'unbind'; readonly port: number };

export interface CallResult {
  readonly result: 'ok' | Errno;
  readonly socket?: SocketId;
  readonly data?: Uint8Array;
  /** send(): how many bytes the send buffer took. */
  readonly bytes?: number;
  /** getError(): the pending error, or 'ok'. */
  readonly error?: 'ok' | Errno;
}

export type Output =
  | {
      readonly type: 'packet';
      readonly socket: SocketId | null;
      readonly packet: Packet;
      /** 0 for a first transmission, n for the n-th retransmission of that sequence space. */
      readonly retransmit: number;
      /** On a segment carrying data or a FIN: the congestion window it left under (congestion.ts). */
      readonly congestion?: CongestionNote;
    }
  | {
      readonly type: 'timer';
      readonly socket: SocketId;
      readonly timer: TimerName;
      /** `fire`: handleTimeout ran it (the outputs after it are what it caused). */
      readonly action: 'set' | 'cancel' | 'fire';
      readonly at?: number;
    }
  | {
      readonly type: 'state';
      readonly socket: SocketId;
      readonly from: TcpState;
      readonly to: TcpState;
      readonly cause: string;
    }
  /** `bytes`: how many bytes now wait in the receive buffer. */
  | { readonly type: 'readable'; readonly socket: SocketId; readonly bytes: number }
  /**
   * A send() that found the send buffer full (EAGAIN, or took part of its data) may go on: an
   * acknowledgment freed a third of the buffer (epoll's EPOLLOUT; said once per full buffer).
   */
  | { readonly type: 'writable'; readonly socket: SocketId }
  | { readonly type: 'established'; readonly socket: SocketId }
  | { readonly type: 'acceptable'; readonly listener: SocketId; readonly socket: SocketId }
  | { readonly type: 'eof'; readonly socket: SocketId }
  | { readonly type: 'error'; readonly socket: SocketId; readonly errno: Errno }
  | { readonly type: 'closed'; readonly socket: SocketId }
  /**
   * The listener refused the segment that just arrived because a queue is full: a SYN when its
   * SYN queue (without SYN cookies) or its accept queue is, dropped as if it never came (Linux
   * tcp_conn_request, which looks at the SYN queue first); the handshake's last ACK when its
   * accept queue is, ignored while the child stays in SYN-RECEIVED (Linux tcp_check_req), or
   * dropped when it carries a SYN cookie (Linux cookie_v4_check()).
   */
  | { readonly type: 'refused'; readonly listener: SocketId; readonly queue: 'syn' | 'accept' }
  /**
   * The listener's SYN queue or accept queue changed (socketInfo's synQueue and acceptQueue),
   * or the listener came or went: a caller that draws the queues reads them again only then.
   */
  | { readonly type: 'queues'; readonly listener: SocketId };

export interface SocketInfo {
  readonly state: TcpState;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly iss: Seq;
  readonly irs: Seq;
  readonly sndUna: Seq;
  readonly sndNxt: Seq;
  readonly sndWnd: number;
  readonly rcvNxt: Seq;
  readonly rcvWnd: number;
  readonly rto: number;
  readonly srtt?: number;
  readonly negotiated: Negotiated;
  readonly retransmitCount: number;
  /** Congestion window in bytes (RFC 5681), once data was sent. */
  readonly cwnd?: number;
  /** Slow-start threshold in bytes, once a loss set it (RFC 5681 §3.1). */
  readonly ssthresh?: number;
  /** Bytes waiting to be read. */
  readonly unread: number;
  /** Bytes given to send() and not yet acknowledged. */
  readonly unacknowledged: number;
  /**
   * Probes sent since the peer last answered (zero-window probes, retries of data the host's
   * queue refused) and the current timeout backoff: Linux tcp_info's tcpi_probes
   * (icsk_probes_out) and tcpi_backoff (icsk_backoff). Absent for a listener.
   */
  readonly probes?: number;
  readonly backoff?: number;
  /** For a listener: connections waiting in accept() and in the SYN queue. */
  readonly acceptQueue?: number;
  readonly synQueue?: number;
}
