import { describe, expect, it } from 'vitest';
import { profiles } from './profiles';
import { acceptedProbe, connectedProbe, describeSegment } from './testing/probe';

describe('ESTABLISHED: data and acknowledgments', () => {
  it('acknowledges data at once during quick-ack (tcp_basic_server.pkt: "> . 1:1(0) ack 1001")', () => {
    const { probe: p, socket } = acceptedProbe();
    p.inject({ flags: 'P.', seq: 1, ack: 1, payload: 1000 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 1001 win 65535']);
    expect(p.call({ call: 'receive', socket, max: 1000 }).data?.length).toBe(1000);
  });

  it('delays the ACK of a lone segment on the rfc profile, and acks every second full segment (SHLD-18, SHLD-19)', () => {
    const { probe: p } = acceptedProbe(profiles.rfc, [{ kind: 'mss', value: 1460 }]);
    p.inject({ flags: '.', seq: 1, ack: 1, payload: 1460 });
    expect(p.sent()).toEqual([]);
    p.inject({ flags: '.', seq: 1461, ack: 1, payload: 1460 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 2921 win 62615']);
    p.inject({ flags: 'P.', seq: 2921, ack: 1, payload: 10 });
    p.advance(199);
    expect(p.sent()).toEqual([]);
    p.advance(1);
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 2931 win 62605']);
  });

  it('segments a 2000-byte write at the peer MSS 1000, PSH on the last (blocking-accept.pkt)', () => {
    const { probe: p, socket } = acceptedProbe(profiles.linux, [
      { kind: 'mss', value: 1000 },
      { kind: 'nop' },
      { kind: 'wscale', shift: 7 },
    ]);
    expect(p.call({ call: 'send', socket, data: new Uint8Array(2000) })).toEqual({
      result: 'ok',
      bytes: 2000,
    });
    expect(p.sent().map(describeSegment)).toEqual([
      '. 1:1001(1000) ack 1 win 1024',
      'P. 1001:2001(1000) ack 1 win 1024',
    ]);
  });

  it('reports the send MSS as the peer advertised it (mss-getsockopt-tcp_maxseg-server.pkt)', () => {
    const { probe: p, socket } = acceptedProbe(profiles.linux, [{ kind: 'mss', value: 1100 }]);
    expect(p.info(socket)?.negotiated.sendMss).toBe(1100);
  });

  it('drops a segment without the ACK bit (§3.10.7.4 fifth; validate-established-no-flags.pkt)', () => {
    const { probe: p, socket } = acceptedProbe();
    p.inject({ flags: '-', seq: 1, payload: 1000 });
    expect(p.info(socket)?.unread).toBe(0);
    p.inject({ flags: '.', seq: 1, ack: 1, payload: 1000 });
    expect(p.info(socket)?.unread).toBe(1000);
  });

  it('answers an unacceptable segment with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (§3.10.7.4 first)', () => {
    const { probe: p } = acceptedProbe();
    p.inject({ flags: '.', seq: 900000, ack: 1, payload: 10 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 1 win 65535']);
  });

  it('acknowledges an out-of-order segment at once with a duplicate ACK and does not deliver it', () => {
    const { probe: p, socket } = acceptedProbe();
    p.inject({ flags: '.', seq: 1001, ack: 1, payload: 100 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 1 win 65535']);
    expect(p.info(socket)?.unread).toBe(0);
  });

  it('trims a segment straddling RCV.NXT and delivers only the new bytes', () => {
    const { probe: p, socket } = acceptedProbe();
    p.inject({ flags: '.', seq: 1, ack: 1, payload: 100 });
    p.inject({ flags: '.', seq: 51, ack: 1, payload: 100 });
    expect(p.info(socket)?.rcvNxt).toBe(151);
    expect(p.info(socket)?.unread).toBe(150);
  });

  it('silently drops an ACK above SND.NXT on linux; the rfc profile answers with an ACK (§3.10.7.4 fifth)', () => {
    const linux = acceptedProbe();
    linux.probe.inject({ flags: '.', seq: 1, ack: 500 });
    expect(linux.probe.sent()).toEqual([]);
    const rfc = acceptedProbe(profiles.rfc);
    rfc.probe.inject({ flags: '.', seq: 1, ack: 500 });
    expect(rfc.probe.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 1 win 65535']);
  });
});

describe('ESTABLISHED: a writer blocked on a full send buffer', () => {
  // A 3,000-byte send buffer with the peer's MSS 1000: three segments fill it.
  const small = { ...profiles.linux, sendBuffer: 3000 };

  it('says writable once a third of the buffer is acknowledged, as epoll reports EPOLLOUT (Linux sk_stream_write_space)', () => {
    const { probe: p, socket } = acceptedProbe(small);
    expect(p.call({ call: 'send', socket, data: new Uint8Array(4000) })).toEqual({
      result: 'ok',
      bytes: 3000,
    });
    p.inject({ flags: '.', seq: 1, ack: 501 });
    expect(p.outputsOf('writable')).toEqual([]);
    p.inject({ flags: '.', seq: 1, ack: 1001 });
    expect(p.outputsOf('writable')).toEqual([{ type: 'writable', socket }]);
    p.inject({ flags: '.', seq: 1, ack: 2001 });
    expect(p.outputsOf('writable')).toHaveLength(1); // once per full buffer
  });

  it('says writable after a send() that met a full buffer with EAGAIN, and never for a writer that was not blocked', () => {
    const { probe: p, socket } = acceptedProbe(small);
    p.call({ call: 'send', socket, data: new Uint8Array(3000) });
    p.inject({ flags: '.', seq: 1, ack: 3001 });
    expect(p.outputsOf('writable')).toEqual([]);
    p.call({ call: 'send', socket, data: new Uint8Array(3000) });
    expect(p.call({ call: 'send', socket, data: new Uint8Array(10) }).result).toBe('EAGAIN');
    p.inject({ flags: '.', seq: 1, ack: 4001 });
    expect(p.outputsOf('writable')).toEqual([{ type: 'writable', socket }]);
  });
});

describe('ESTABLISHED: RST and SYN (RFC 5961)', () => {
  it('RST with SEG.SEQ = RCV.NXT resets: ECONNRESET, CLOSED (rcv-rst-established-left-edge-secure)', () => {
    const { probe: p, socket } = acceptedProbe(profiles.freebsd);
    p.inject({ flags: 'R', seq: 1 });
    expect(p.outputsOf('error').map((e) => e.errno)).toEqual(['ECONNRESET']);
    expect(p.info(socket)?.state).toBe('CLOSED');
    expect(p.sent()).toEqual([]);
    expect(p.call({ call: 'receive', socket }).result).toBe('ECONNRESET');
  });

  it('an in-window RST with SEG.SEQ ≠ RCV.NXT gets a challenge ACK (RFC 5961 §3.2; right-edge-secure)', () => {
    const { probe: p, socket } = acceptedProbe(profiles.freebsd);
    p.inject({ flags: 'R', seq: 60000 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 1 win 65535']);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
  });

  it('a RST outside the window is dropped silently', () => {
    const { probe: p, socket } = acceptedProbe(profiles.freebsd);
    p.inject({ flags: 'R', seq: 900000 });
    expect(p.sent()).toEqual([]);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
  });

  it('a SYN gets a challenge ACK (RFC 5961 §4.2; rcv-syn-established-right-edge-secure)', () => {
    const { probe: p, socket } = acceptedProbe(profiles.freebsd);
    p.inject({ flags: 'S', seq: 60000 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 1 win 65535']);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
  });

  it('without RFC 5961 a SYN in the window resets the connection (RFC 793 behaviour)', () => {
    const { probe: p, socket } = acceptedProbe({ ...profiles.rfc, rfc5961: false });
    p.inject({ flags: 'S', seq: 100 });
    expect(p.sent().map(describeSegment)).toEqual(['R 1:1(0) win 0']);
    expect(p.info(socket)?.state).toBe('CLOSED');
  });
});

describe('ESTABLISHED: retransmission (RFC 6298)', () => {
  it('retransmits the earliest unacknowledged segment after the RTO and doubles it', () => {
    const { probe: p, socket } = connectedProbe(profiles.rfc);
    p.call({ call: 'send', socket, data: new Uint8Array(100) });
    p.sent();
    p.advance(1000);
    expect(p.sent().map(describeSegment)).toEqual(['P. 1:101(100) ack 1 win 65535']);
    expect(p.outputsOf('packet').at(-1)?.retransmit).toBe(1);
    p.advance(1999);
    expect(p.sent()).toEqual([]);
    p.advance(1);
    expect(p.outputsOf('packet').at(-1)?.retransmit).toBe(2);
    p.inject({ flags: '.', seq: 1, ack: 101 });
    expect(p.info(socket)?.sndUna).toBe(101);
    expect(p.outputsOf('timer').at(-1)).toMatchObject({ timer: 'retransmit', action: 'cancel' });
  });

  it('gives up with ETIMEDOUT after the data retry limit', () => {
    const { probe: p, socket } = connectedProbe({ ...profiles.linux, dataRetries: 3 });
    p.call({ call: 'send', socket, data: new Uint8Array(10) });
    p.advance(600_000);
    expect(p.outputsOf('error').map((e) => e.errno)).toEqual(['ETIMEDOUT']);
    expect(p.outputsOf('packet').filter((o) => o.retransmit > 0)).toHaveLength(3);
  });

  it('the retransmission restarts from SND.UNA and resends the rest after the first is acknowledged', () => {
    const { probe: p, socket } = connectedProbe(profiles.rfc);
    p.call({ call: 'send', socket, data: new Uint8Array(3000) });
    expect(p.sent()).toHaveLength(3);
    p.advance(1000);
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1001(1000) ack 1 win 65535']);
    p.inject({ flags: '.', seq: 1, ack: 1001 });
    expect(p.sent().map(describeSegment)).toEqual([
      '. 1001:2001(1000) ack 1 win 65535',
      'P. 2001:3001(1000) ack 1 win 65535',
    ]);
  });

  it('probes a zero window with one byte when the persist timer fires (RFC 9293 §3.8.6.1)', () => {
    const { probe: p, socket } = connectedProbe(profiles.rfc);
    p.inject({ flags: '.', seq: 1, ack: 1, win: 0 });
    p.call({ call: 'send', socket, data: new Uint8Array(10) });
    expect(p.sent()).toEqual([]);
    p.advance(1000);
    expect(p.sent().map(describeSegment)).toEqual(['. 1:2(1) ack 1 win 65535']);
    p.inject({ flags: '.', seq: 1, ack: 2, win: 1000 });
    expect(p.sent().map(describeSegment)).toEqual(['P. 2:11(9) ack 1 win 65535']);
  });
});
