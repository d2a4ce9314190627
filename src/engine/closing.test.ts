import { describe, expect, it } from 'vitest';
import { profiles } from './profiles';
import { ADDRESS, Pair } from './testing/pair';
import type { SocketId } from './types';
import { acceptedProbe, connectedProbe, describeSegment } from './testing/probe';

describe('FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT (active close)', () => {
  it('follows close-local-close-then-remote-fin.pkt', () => {
    const { probe: p, socket } = connectedProbe();
    p.call({ call: 'send', socket, data: new Uint8Array(1000) });
    expect(p.sent().map(describeSegment)).toEqual(['P. 1:1001(1000) ack 1 win 65535']);
    p.inject({ flags: '.', seq: 1, ack: 1001 });
    p.call({ call: 'close', socket });
    expect(p.sent().map(describeSegment)).toEqual(['F. 1001:1001(0) ack 1 win 65535']);
    expect(p.info(socket)?.state).toBe('FIN-WAIT-1');
    p.inject({ flags: '.', seq: 1, ack: 1002 });
    expect(p.info(socket)?.state).toBe('FIN-WAIT-2');
    p.inject({ flags: 'F.', seq: 1, ack: 1002 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1002:1002(0) ack 2 win 65535']);
    expect(p.info(socket)?.state).toBe('TIME-WAIT');
  });

  it('TIME-WAIT lasts 2 MSL: 60 s on linux, 240 s on the rfc profile (RFC 9293 §3.4.2)', () => {
    for (const [profile, ms] of [
      [profiles.linux, 60_000],
      [profiles.rfc, 240_000],
    ] as const) {
      const { probe: p, socket } = connectedProbe(profile);
      p.call({ call: 'close', socket });
      p.inject({ flags: 'F.', seq: 1, ack: 2 });
      expect(p.info(socket)?.state).toBe('TIME-WAIT');
      p.advance(ms - 1);
      expect(p.info(socket)?.state).toBe('TIME-WAIT');
      p.advance(1);
      expect(p.info(socket)).toBeUndefined();
    }
  });

  it('a retransmitted FIN in TIME-WAIT is acknowledged again and restarts the 2 MSL timer (§3.10.7.4)', () => {
    const { probe: p, socket } = connectedProbe();
    p.call({ call: 'close', socket });
    p.inject({ flags: 'F.', seq: 1, ack: 2 });
    p.sent();
    p.advance(30_000);
    p.inject({ flags: 'F.', seq: 1, ack: 2 });
    expect(p.sent().map(describeSegment)).toEqual(['. 2:2(0) ack 2 win 65535']);
    p.advance(59_999);
    expect(p.info(socket)?.state).toBe('TIME-WAIT');
  });

  it('an orphaned FIN-WAIT-2 is closed after the linux fin timeout', () => {
    const { probe: p, socket } = connectedProbe();
    p.call({ call: 'close', socket });
    p.inject({ flags: '.', seq: 1, ack: 2 });
    expect(p.info(socket)?.state).toBe('FIN-WAIT-2');
    p.advance(60_000);
    expect(p.info(socket)).toBeUndefined();
  });

  it('retransmits an unacknowledged FIN', () => {
    const { probe: p, socket } = connectedProbe(profiles.rfc);
    p.call({ call: 'close', socket });
    p.sent();
    p.advance(1000);
    expect(p.sent().map(describeSegment)).toEqual(['F. 1:1(0) ack 1 win 65535']);
  });
});

describe('CLOSING (simultaneous close)', () => {
  it('the rfc profile acknowledges the crossing FIN with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>', () => {
    const { probe: p, socket } = connectedProbe(profiles.rfc);
    p.call({ call: 'close', socket });
    p.sent();
    p.inject({ flags: 'F.', seq: 1, ack: 1 });
    expect(p.sent().map(describeSegment)).toEqual(['. 2:2(0) ack 2 win 65535']);
    expect(p.info(socket)?.state).toBe('CLOSING');
  });

  it('FIN received before the ACK of our FIN → CLOSING, then TIME-WAIT (closing-ipv4.pkt)', () => {
    const { probe: p, socket } = connectedProbe(profiles.freebsd);
    p.call({ call: 'shutdown', socket, how: 'write' });
    expect(p.sent().map(describeSegment)).toEqual(['F. 1:1(0) ack 1 win 65535']);
    p.inject({ flags: 'F.', seq: 1, ack: 1 });
    // FreeBSD's ACK repeats its unacknowledged FIN (tcp_output): "> F. 1:1(0) ack 2".
    expect(p.sent().map(describeSegment)).toEqual(['F. 1:1(0) ack 2 win 65535']);
    expect(p.info(socket)?.state).toBe('CLOSING');
    p.inject({ flags: '.', seq: 2, ack: 2 });
    expect(p.info(socket)?.state).toBe('TIME-WAIT');
  });

  it('a repeated FIN that acknowledges ours: FreeBSD and Linux still take its ACK, the RFC drops it (§3.10.7.4)', () => {
    for (const [profile, state] of [
      [profiles.freebsd, 'TIME-WAIT'],
      [profiles.linux, 'TIME-WAIT'],
      [profiles.rfc, 'CLOSING'],
    ] as const) {
      const { probe: p, socket } = connectedProbe(profile);
      p.call({ call: 'shutdown', socket, how: 'write' });
      p.inject({ flags: 'F.', seq: 1, ack: 1 });
      expect(p.info(socket)?.state).toBe('CLOSING');
      p.sent();
      // The peer's FIN again (seq 1, now before RCV.NXT = 2), this time acknowledging ours.
      p.inject({ flags: 'F.', seq: 1, ack: 2 });
      expect(p.info(socket)?.state, profile.name).toBe(state);
      expect(p.sent().map(describeSegment), profile.name).toEqual(['. 2:2(0) ack 2 win 65535']);
    }
  });

  it('two FreeBSD ends closing at once, each repeating its FIN in every ACK, both reach TIME-WAIT', () => {
    const pair = new Pair({ profile: profiles.freebsd, jitter: (_p, _from, n) => (n * 37) % 60 });
    const listener = pair.call('B', { call: 'listen', port: 80 }).socket as SocketId;
    const client = pair.call('A', { call: 'connect', remote: ADDRESS.B, remotePort: 80 })
      .socket as SocketId;
    // Jitter makes the link reorder; at 174 ms the client has just been ESTABLISHED by the
    // SYN-ACK while the server, still in SYN-RECEIVED, is told to close (its FIN waits).
    pair.advance(174);
    const server = [...pair.hosts.B.sockets.keys()].find((id) => id !== listener) as SocketId;
    pair.call('A', { call: 'shutdown', socket: client, how: 'write' });
    pair.call('B', { call: 'close', socket: server });
    pair.run(1_000);
    expect(pair.info('A', client)?.state).toBe('TIME-WAIT');
    expect(pair.info('B', server)?.state).toBe('TIME-WAIT');
  });
});

describe('CLOSE-WAIT → LAST-ACK (passive close)', () => {
  it('acks the FIN 40 ms later on linux, then close() sends FIN (tcp_basic_server.pkt)', () => {
    const { probe: p, socket } = acceptedProbe();
    p.inject({ flags: 'P.', seq: 1, ack: 1, payload: 1000 });
    p.call({ call: 'receive', socket, max: 1000 });
    p.sent();
    p.inject({ flags: 'F.', seq: 1001, ack: 1 });
    expect(p.info(socket)?.state).toBe('CLOSE-WAIT');
    expect(p.outputsOf('eof')).toHaveLength(1);
    expect(p.sent()).toEqual([]);
    p.advance(40);
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 1002 win 65535']);
    expect(p.call({ call: 'receive', socket })).toEqual({ result: 'ok', data: new Uint8Array(0) });
    p.call({ call: 'close', socket });
    expect(p.sent().map(describeSegment)).toEqual(['F. 1:1(0) ack 1002 win 65535']);
    expect(p.info(socket)?.state).toBe('LAST-ACK');
    p.inject({ flags: '.', seq: 1002, ack: 2 });
    expect(p.info(socket)).toBeUndefined();
  });

  it('acks the FIN at once on the rfc profile', () => {
    const { probe: p } = acceptedProbe(profiles.rfc);
    p.inject({ flags: 'F.', seq: 1, ack: 1 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 2 win 65535']);
  });

  it('a retransmitted FIN carrying already-received data is acknowledged; close then sends FIN, not RST (tcp_close_no_rst.pkt)', () => {
    const { probe: p, socket } = acceptedProbe();
    p.inject({ flags: '.', seq: 1, ack: 1, payload: 1000 });
    p.call({ call: 'receive', socket, max: 1000 });
    p.sent();
    p.inject({ flags: 'F.', seq: 1, ack: 1, payload: 1000 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 1002 win 65535']);
    p.call({ call: 'close', socket });
    expect(p.sent().map(describeSegment)).toEqual(['F. 1:1(0) ack 1002 win 65535']);
  });
});

describe('half-close and shutdown', () => {
  it('shutdown(write): FIN, send → EPIPE, data still received and acked (shutdown-wr-close.pkt)', () => {
    const { probe: p, socket } = acceptedProbe();
    p.call({ call: 'shutdown', socket, how: 'write' });
    expect(p.sent().map(describeSegment)).toEqual(['F. 1:1(0) ack 1 win 65535']);
    p.inject({ flags: '.', seq: 1, ack: 2 });
    expect(p.call({ call: 'send', socket, data: new Uint8Array(1000) }).result).toBe('EPIPE');
    p.inject({ flags: '.', seq: 1, ack: 2, payload: 1000 });
    expect(p.sent().map(describeSegment)).toEqual(['. 2:2(0) ack 1001 win 65535']);
    expect(p.call({ call: 'receive', socket, max: 1000 }).data?.length).toBe(1000);
    p.call({ call: 'close', socket });
    p.inject({ flags: 'F.', seq: 1001, ack: 2 });
    expect(p.sent().map(describeSegment)).toEqual(['. 2:2(0) ack 1002 win 65535']);
    expect(p.info(socket)?.state).toBe('TIME-WAIT');
  });

  it('shutdown(read): read returns EOF at once, writing still works, close sends FIN (shutdown-rd-close.pkt)', () => {
    const { probe: p, socket } = acceptedProbe();
    p.call({ call: 'shutdown', socket, how: 'read' });
    expect(p.call({ call: 'receive', socket, max: 1000 })).toEqual({
      result: 'ok',
      data: new Uint8Array(0),
    });
    p.call({ call: 'send', socket, data: new Uint8Array(1000) });
    expect(p.sent().map(describeSegment)).toEqual(['P. 1:1001(1000) ack 1 win 65535']);
  });

  it('shutdown(both): FIN, read EOF, write EPIPE (shutdown-rdwr-close.pkt)', () => {
    const { probe: p, socket } = acceptedProbe();
    p.call({ call: 'shutdown', socket, how: 'both' });
    expect(p.sent().map(describeSegment)).toEqual(['F. 1:1(0) ack 1 win 65535']);
    expect(p.call({ call: 'receive', socket }).data?.length).toBe(0);
    expect(p.call({ call: 'send', socket, data: new Uint8Array(1) }).result).toBe('EPIPE');
  });
});

describe('close with unread data, and abort', () => {
  it('close() with unread data sends RST,ACK seq=SND.NXT ack=RCV.NXT with TS on linux (SHLD-3; reset_tsval.pkt)', () => {
    const { probe: p, socket } = acceptedProbe(profiles.linux, [
      { kind: 'mss', value: 1000 },
      { kind: 'sackOK' },
      { kind: 'ts', val: 100, ecr: 0 },
    ]);
    p.inject({
      flags: '.',
      seq: 1,
      ack: 1,
      payload: 1000,
      options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'ts', val: 201, ecr: 0 }],
    });
    p.sent();
    p.call({ call: 'close', socket });
    const [rst] = p.sent();
    expect(rst && describeSegment(rst)).toBe('R. 1:1(0) ack 1001 win 0');
    expect(rst?.options.at(-1)).toMatchObject({ kind: 'ts', ecr: 201 });
    expect(p.info(socket)).toBeUndefined();
  });

  it('abort() sends <SEQ=SND.NXT><CTL=RST> on the rfc profile and deletes the TCB (§3.10.5)', () => {
    const { probe: p, socket } = acceptedProbe(profiles.rfc);
    p.call({ call: 'abort', socket });
    expect(p.sent().map(describeSegment)).toEqual(['R 1:1(0) win 0']);
    expect(p.info(socket)).toBeUndefined();
  });

  it('the peer resetting a connection whose user still holds it leaves a CLOSED socket until close()', () => {
    const { probe: p, socket } = acceptedProbe();
    p.inject({ flags: 'R', seq: 1 });
    expect(p.info(socket)?.state).toBe('CLOSED');
    expect(p.call({ call: 'send', socket, data: new Uint8Array(1) }).result).toBe('ECONNRESET');
    expect(p.call({ call: 'send', socket, data: new Uint8Array(1) }).result).toBe('EPIPE');
    p.call({ call: 'close', socket });
    expect(p.info(socket)).toBeUndefined();
  });
});
