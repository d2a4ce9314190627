import { describe, expect, it } from 'vitest';
import { ICMP_TYPES } from './icmp-meaning';
import { profiles, type Profile } from './profiles';
import { acceptedProbe, connectedProbe, describeSegment, Probe, REMOTE } from './testing/probe';
import type { Segment, SocketId } from './types';

const V4 = ICMP_TYPES[4];
const NET_UNREACHABLE = { type: V4.unreachable, code: 0 };
const HOST_UNREACHABLE = { type: V4.unreachable, code: 1 };
const PORT_UNREACHABLE = { type: V4.unreachable, code: 3 };
const fragNeeded = (mtu: number) => ({ type: V4.unreachable, code: 4, mtu });
const LINUX: Profile = { ...profiles.linux, timestamps: false };
const RFC = profiles.rfc;
const FREEBSD: Profile = { ...profiles.freebsd, timestamps: false };

function connecting(profile: Profile): { p: Probe; s: SocketId } {
  const p = new Probe(profile);
  const s = p.connect();
  p.sent();
  return { p, s };
}

/** An established connection (peer MSS 1000) with `bytes` sent and not yet acknowledged. */
function sending(profile: Profile, bytes: number): { p: Probe; s: SocketId } {
  const { probe: p, socket: s } = connectedProbe(profile);
  p.call({ call: 'send', socket: s, data: new Uint8Array(bytes) });
  return { p, s };
}

const shapes = (segments: readonly Segment[]) => segments.map(describeSegment);
const errorOf = (p: Probe, s: SocketId) => p.call({ call: 'getError', socket: s }).error;

describe('SYN-SENT', () => {
  it('Linux gives up at any error about its SYN: connect() fails with it (tcp_v4_err() → tcp_done_with_error())', () => {
    const { p, s } = connecting(LINUX);
    p.icmp(HOST_UNREACHABLE, 0);
    expect(p.info(s)?.state).toBe('CLOSED');
    expect(p.outputsOf('error')).toEqual([{ type: 'error', socket: s, errno: 'EHOSTUNREACH' }]);
    expect(p.outputsOf('state').at(-1)?.cause).toBe(
      'ICMP host unreachable for our segment (EHOSTUNREACH): an opening connection gives up (Linux tcp_done_with_error())',
    );
  });

  it('RFC: a soft error does not abort (MUST-56); SO_ERROR reports it once (SHLD-25)', () => {
    const { p, s } = connecting(RFC);
    p.icmp(NET_UNREACHABLE, 0);
    expect(p.info(s)?.state).toBe('SYN-SENT');
    expect(errorOf(p, s)).toBe('ENETUNREACH');
    expect(errorOf(p, s)).toBe('ok');
  });

  it('RFC: connect() that times out after a soft error fails with that error, not ETIMEDOUT (§3.9.2.2 SHLD-25)', () => {
    const { p, s } = connecting({ ...RFC, synRetries: 1 });
    p.icmp(HOST_UNREACHABLE, 0);
    p.advance(10_000);
    expect(p.info(s)?.state).toBe('CLOSED');
    expect(p.outputsOf('error')).toEqual([{ type: 'error', socket: s, errno: 'EHOSTUNREACH' }]);
  });

  it('RFC: port unreachable is a hard error and aborts (SHLD-26)', () => {
    const { p, s } = connecting(RFC);
    p.icmp(PORT_UNREACHABLE, 0);
    expect(p.info(s)?.state).toBe('CLOSED');
    expect(p.outputsOf('error')).toEqual([{ type: 'error', socket: s, errno: 'ECONNREFUSED' }]);
  });

  it('FreeBSD keeps trying after net unreachable but drops the SYN on port unreachable (tcp_notify())', () => {
    const soft = connecting(FREEBSD);
    soft.p.icmp(NET_UNREACHABLE, 0);
    expect(soft.p.info(soft.s)?.state).toBe('SYN-SENT');
    // t_softerror is not so_error: SO_ERROR stays 0, the error waits for a timeout.
    expect(errorOf(soft.p, soft.s)).toBe('ok');
    const hard = connecting(FREEBSD);
    hard.p.icmp(PORT_UNREACHABLE, 0);
    expect(hard.p.info(hard.s)?.state).toBe('CLOSED');
  });

  it('FreeBSD also drops a SYN-SENT connection over time exceeded (icmp_may_rst → tcp_drop_syn_sent())', () => {
    const { p, s } = connecting(FREEBSD);
    p.icmp({ type: V4.timeExceeded, code: 0 }, 0);
    expect(p.info(s)?.state).toBe('CLOSED');
    expect(p.outputsOf('error')).toEqual([{ type: 'error', socket: s, errno: 'EHOSTUNREACH' }]);
  });

  it('an error quoting a sequence number the connection has not sent is not believed (RFC 5927 §4.1)', () => {
    const { p, s } = connecting(LINUX);
    p.icmp(HOST_UNREACHABLE, 5000);
    expect(p.info(s)?.state).toBe('SYN-SENT');
    expect(p.outputsOf('error')).toEqual([]);
  });

  it('an error naming another connection, or a Source Quench, changes nothing (MUST-54, MUST-55)', () => {
    const { p, s } = connecting(LINUX);
    p.remotePort = 9999;
    p.icmp(HOST_UNREACHABLE, 0);
    p.remotePort = 8080;
    p.icmp({ type: V4.sourceQuench, code: 0 }, 0);
    expect(p.info(s)?.state).toBe('SYN-SENT');
  });

  it('fragmentation needed for a Fast Open SYN with data: the SYN goes again at once, bare, advertising the path MTU less 40 (tcp_simple_retransmit(), tcp_advertise_mss())', () => {
    const p = new Probe({ ...LINUX, fastOpen: 0x5 });
    const s =
      p.call({ call: 'connect', remote: REMOTE, remotePort: 8080, fastOpen: new Uint8Array(1000) })
        .socket ?? -1;
    const [syn] = p.sent();
    p.localPort = (syn as Segment).srcPort;
    p.remotePort = 8080;
    expect(describeSegment(syn as Segment)).toBe('S 0:1000(1000) win 64240');
    p.icmp(fragNeeded(800), 0);
    const [again] = p.sent();
    expect(describeSegment(again as Segment)).toBe('S 0:0(0) win 64240');
    expect((again as Segment).options[0]).toEqual({ kind: 'mss', value: 760 });
    // The SYN-ACK acknowledges the SYN alone: the data goes in segments the path carries.
    p.inject({ flags: 'S.', seq: 0, ack: 1, options: [{ kind: 'mss', value: 1040 }] });
    expect(shapes(p.sent())).toEqual([
      '. 1:761(760) ack 1 win 65535',
      'P. 761:1001(240) ack 1 win 65535',
    ]);
    expect(p.info(s)?.state).toBe('ESTABLISHED');
  });

  it('a bare SYN fits any path: fragmentation needed does not resend it before its timer', () => {
    const { p } = connecting(LINUX);
    p.icmp(fragNeeded(800), 0);
    expect(p.sent()).toEqual([]);
    p.advance(1000);
    expect((p.sent()[0] as Segment).options[0]).toEqual({ kind: 'mss', value: 760 });
  });
});

describe('SYN-RECEIVED', () => {
  function pending(profile: Profile): { p: Probe; l: SocketId } {
    const p = new Probe(profile);
    const l = p.call({ call: 'listen', port: 8080 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, options: [{ kind: 'mss', value: 1000 }] });
    p.sent();
    return { p, l };
  }

  it('Linux drops a pending request over host unreachable for its SYN-ACK; the third ACK then finds no connection (tcp_req_err())', () => {
    const { p, l } = pending(LINUX);
    p.icmp(HOST_UNREACHABLE, 0);
    expect(p.info(l)?.synQueue).toBe(0);
    p.inject({ flags: '.', seq: 1, ack: 1 });
    expect(shapes(p.sent())).toEqual(['R 1:1(0) win 0']);
  });

  it('Linux believes only an error quoting the ISS, and does not drop a request over port unreachable (tcp_req_err())', () => {
    const { p, l } = pending(LINUX);
    p.icmp(HOST_UNREACHABLE, 1);
    p.icmp(PORT_UNREACHABLE, 0);
    expect(p.info(l)?.synQueue).toBe(1);
  });

  it('Linux: a Fast Open child not yet accepted is closed with the error and stays to be accepted; read returns the data, then the error, then write fails (tcp_v4_err())', () => {
    const p = new Probe({ ...LINUX, fastOpen: 0x602 });
    const l = p.call({ call: 'listen', port: 8080 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, payload: 10, options: [{ kind: 'mss', value: 1460 }] });
    p.sent();
    p.icmp(HOST_UNREACHABLE, 0);
    const child = p.call({ call: 'accept', socket: l }).socket ?? -1;
    expect(p.info(child)?.state).toBe('CLOSED');
    expect(p.call({ call: 'receive', socket: child }).data?.length).toBe(10);
    expect(p.call({ call: 'receive', socket: child }).result).toBe('EHOSTUNREACH');
    expect(p.call({ call: 'send', socket: child, data: new Uint8Array(100) }).result).toBe('EPIPE');
  });

  it('RFC: a hard error returns a passive open to LISTEN (SHLD-26, MUST-11); a soft one leaves it waiting', () => {
    const soft = pending(RFC);
    soft.p.icmp(HOST_UNREACHABLE, 0);
    expect(soft.p.info(soft.l)?.synQueue).toBe(1);
    const hard = pending(RFC);
    hard.p.icmp(PORT_UNREACHABLE, 0);
    expect(hard.p.info(hard.l)?.synQueue).toBe(0);
  });
});

describe('ESTABLISHED', () => {
  it('Linux never aborts a synchronized connection: even port unreachable is a soft error SO_ERROR reports (tcp_v4_err(): sk_err_soft)', () => {
    const { p, s } = sending(LINUX, 100);
    p.icmp(PORT_UNREACHABLE, 1);
    expect(p.info(s)?.state).toBe('ESTABLISHED');
    expect(p.outputsOf('error')).toEqual([]);
    expect(errorOf(p, s)).toBe('ECONNREFUSED');
    expect(errorOf(p, s)).toBe('ok');
  });

  it('RFC: port unreachable aborts (SHLD-26): read reports ECONNREFUSED', () => {
    const { p, s } = sending(RFC, 100);
    p.icmp(PORT_UNREACHABLE, 1);
    expect(p.info(s)?.state).toBe('CLOSED');
    expect(p.call({ call: 'receive', socket: s }).result).toBe('ECONNREFUSED');
  });

  it('FreeBSD ignores host unreachable once ESTABLISHED, and keeps other errors for a timeout to report (tcp_notify(), tcp_timer_rexmt())', () => {
    const ignored = sending({ ...FREEBSD, dataRetries: 2 }, 100);
    ignored.p.icmp(HOST_UNREACHABLE, 1);
    ignored.p.advance(60_000);
    expect(ignored.p.outputsOf('error').map((e) => e.errno)).toEqual(['ETIMEDOUT']);
    const kept = sending({ ...FREEBSD, dataRetries: 2 }, 100);
    kept.p.icmp(PORT_UNREACHABLE, 1);
    expect(errorOf(kept.p, kept.s)).toBe('ok');
    kept.p.advance(60_000);
    expect(kept.p.outputsOf('error').map((e) => e.errno)).toEqual(['ECONNREFUSED']);
  });

  it('an error after the data it quotes was acknowledged is not believed (RFC 5927 §4.1)', () => {
    const { p, s } = sending(RFC, 100);
    p.inject({ flags: '.', seq: 1, ack: 101 });
    p.icmp(PORT_UNREACHABLE, 1);
    expect(p.info(s)?.state).toBe('ESTABLISHED');
  });

  it('retransmissions exhausted after a soft error fail with that error, not ETIMEDOUT (Linux tcp_write_err())', () => {
    const { p, s } = sending({ ...LINUX, dataRetries: 2 }, 100);
    p.icmp(HOST_UNREACHABLE, 1);
    p.advance(60_000);
    expect(p.info(s)?.state).toBe('CLOSED');
    expect(p.outputsOf('error')).toEqual([{ type: 'error', socket: s, errno: 'EHOSTUNREACH' }]);
  });

  it('host unreachable for the segment at SND.UNA undoes one RTO backoff (RFC 6069, tcp_ld_RTO_revert())', () => {
    const { p, s } = sending(LINUX, 100);
    p.sent();
    // RTO 200 ms after the handshake's sample: timeouts at 200 and 600 ms back it off to 800.
    p.advance(700);
    expect(shapes(p.sent())).toHaveLength(2);
    expect(p.outputsOf('timer').at(-1)).toMatchObject({ action: 'set', at: 1400 });
    p.icmp(HOST_UNREACHABLE, 1);
    // The last retransmission left at 600 ms; with one doubling undone it is due 400 ms later.
    expect(p.outputsOf('timer').at(-1)).toMatchObject({ action: 'set', at: 1000 });
    p.advance(300);
    expect(shapes(p.sent())).toEqual(['P. 1:101(100) ack 1 win 65535']);
    expect(p.info(s)?.state).toBe('ESTABLISHED');
  });

  it('fragmentation needed: the data in flight goes again at once in segments the path carries (RFC 1191, tcp_simple_retransmit())', () => {
    const { p } = sending(LINUX, 2000);
    expect(shapes(p.sent())).toEqual([
      '. 1:1001(1000) ack 1 win 65535',
      'P. 1001:2001(1000) ack 1 win 65535',
    ]);
    p.icmp(fragNeeded(576), 1);
    expect(shapes(p.sent())).toEqual([
      '. 1:537(536) ack 1 win 65535',
      '. 537:1073(536) ack 1 win 65535',
      '. 1073:1609(536) ack 1 win 65535',
      'P. 1609:2001(392) ack 1 win 65535',
    ]);
  });

  it('an MTU no smaller than the path has is ignored, and Linux raises a tiny one to 552 (RFC 1191 §6.3, ip_rt_min_pmtu)', () => {
    const { p } = sending(LINUX, 2000);
    p.sent();
    p.icmp(fragNeeded(1500), 1);
    expect(p.sent()).toEqual([]);
    p.icmp(fragNeeded(100), 1);
    expect(shapes(p.sent())[0]).toBe('. 1:513(512) ack 1 win 65535');
  });

  it('ICMPv6 packet too big below 1280 is ignored (RFC 8201 §4, tcp_v6_err())', () => {
    const { p } = sending(LINUX, 2000);
    p.sent();
    p.icmp({ version: 6, type: ICMP_TYPES[6].packetTooBig, code: 0, mtu: 1000 }, 1);
    expect(p.sent()).toEqual([]);
  });
});

describe('TIME-WAIT', () => {
  it('an error about a connection in TIME-WAIT changes nothing (tcp_v4_err())', () => {
    const { probe: p, socket: s } = acceptedProbe(LINUX);
    p.call({ call: 'close', socket: s });
    p.inject({ flags: 'F.', seq: 1, ack: 2 });
    expect(p.info(s)?.state).toBe('TIME-WAIT');
    p.icmp(PORT_UNREACHABLE, 2);
    expect(p.info(s)?.state).toBe('TIME-WAIT');
  });
});
