import { describe, expect, it } from 'vitest';
import { createHost } from './host';
import { profiles } from './profiles';
import { describeSegment, LOCAL, Probe } from './testing/probe';

describe('CLOSED (no TCB)', () => {
  it('answers a SYN with RST,ACK seq 0 ack SEG.SEQ+SEG.LEN win 0 (RFC 9293 §3.10.7.1)', () => {
    const p = new Probe(profiles.freebsd);
    p.inject({ flags: 'S', seq: 0 });
    expect(p.sent().map(describeSegment)).toEqual(['R. 0:0(0) ack 1 win 0']);
  });

  it('counts payload and FIN in the RST,ACK acknowledgment', () => {
    const p = new Probe();
    p.inject({ flags: 'FP', seq: 1000, payload: 10 });
    expect(p.sent().map(describeSegment)).toEqual(['R. 0:0(0) ack 1011 win 0']);
  });

  it('answers an ACK-bearing segment with RST seq=SEG.ACK and no ACK flag (RFC 9293 §3.10.7.1)', () => {
    const p = new Probe();
    p.inject({ flags: 'F.', seq: 1, ack: 2 });
    expect(p.sent().map(describeSegment)).toEqual(['R 2:2(0) win 0']);
  });

  it('never answers a RST with a RST', () => {
    const p = new Probe();
    p.inject({ flags: 'R', seq: 5 });
    p.inject({ flags: 'R.', seq: 5, ack: 9 });
    expect(p.sent()).toEqual([]);
  });

  it('ignores packets addressed to another host', async () => {
    const { handlePacket } = await import('./host');
    const p = new Probe();
    const segment = {
      srcPort: 1,
      dstPort: 2,
      seq: 0,
      ack: 0,
      flags: 2,
      window: 0,
      urgent: 0,
      options: [],
      payload: new Uint8Array(0),
    } as never;
    expect(handlePacket(p.host, { src: '1.1.1.1', dst: '9.9.9.9', segment }, 0)).toEqual([]);
    expect(p.host.sockets.size).toBe(0);
  });
});

describe('LISTEN', () => {
  it('ignores a RST (RFC 9293 §3.10.7.2 first)', () => {
    const p = new Probe();
    p.call({ call: 'listen', port: 8080 });
    p.inject({ flags: 'R', seq: 0 });
    expect(p.sent()).toEqual([]);
  });

  it('answers an ACK with <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.2 second; rcv-ack-listen)', () => {
    const p = new Probe(profiles.freebsd);
    p.call({ call: 'listen', port: 8080 });
    p.inject({ flags: '.', seq: 1, ack: 1 });
    expect(p.sent().map(describeSegment)).toEqual(['R 1:1(0) win 0']);
  });

  it('answers a SYN with SYN,ACK <SEQ=ISS><ACK=SEG.SEQ+1> and creates a SYN-RECEIVED child (§3.10.7.2 third)', () => {
    const p = new Probe();
    const l = p.call({ call: 'listen', port: 8080 }).socket;
    p.inject({ flags: 'S', seq: 1428932, win: 32792, options: [{ kind: 'mss', value: 1000 }] });
    expect(p.sent().map(describeSegment)).toEqual(['S. 0:0(0) ack 1428933 win 64240']);
    const states = p.outputsOf('state').map((s) => `${s.socket}:${s.from}→${s.to}`);
    expect(states).toEqual([`${l}:CLOSED→LISTEN`, `${(l ?? 0) + 1}:LISTEN→SYN-RECEIVED`]);
    expect(p.info(l ?? 0)?.synQueue).toBe(1);
  });

  it('accept() returns EAGAIN until the third segment of the handshake arrives', () => {
    const p = new Probe();
    const l = p.call({ call: 'listen', port: 8080 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0 });
    expect(p.call({ call: 'accept', socket: l }).result).toBe('EAGAIN');
    p.inject({ flags: '.', seq: 1, ack: 1 });
    expect(p.outputsOf('acceptable')).toHaveLength(1);
    const child = p.call({ call: 'accept', socket: l });
    expect(child.result).toBe('ok');
    expect(p.info(child.socket ?? -1)?.state).toBe('ESTABLISHED');
  });

  it('does not accept data on a SYN: the SYN-ACK acknowledges only the SYN (basic-non-tfo-listener.pkt)', () => {
    const p = new Probe();
    p.call({ call: 'listen', port: 8080 });
    p.inject({ flags: 'S', seq: 0, payload: 10 });
    expect(p.sent().map(describeSegment)).toEqual(['S. 0:0(0) ack 1 win 64240']);
  });

  it('listen() on a port already listening fails with EADDRINUSE', () => {
    const p = new Probe();
    p.call({ call: 'listen', port: 8080 });
    expect(p.call({ call: 'listen', port: 8080 }).result).toBe('EADDRINUSE');
  });
});

describe('LISTEN, as the host limits it (Linux tcp_syncookies, net.core.somaxconn)', () => {
  it('with SYN cookies always, every SYN gets a stateless cookie SYN,ACK and no child (tcp_conn_request(): syncookies == 2)', () => {
    const p = new Probe(profiles.linux, { mode: 'fixed', value: 0 }, 'always');
    const l = p.call({ call: 'listen', port: 8080, backlog: 4 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, options: [{ kind: 'mss', value: 1000 }] });
    const [synAck] = p.sent();
    expect(synAck && describeSegment(synAck)).toMatch(/^S\. \d+:\d+\(0\) ack 1 win 64240/);
    expect(synAck?.options).toEqual([{ kind: 'mss', value: 1460 }]);
    expect(p.info(l)?.synQueue).toBe(0);
    // The returning ACK carries the cookie: the connection is rebuilt and waits in accept().
    p.inject({ flags: '.', seq: 1, ack: (synAck?.seq ?? 0) + 1 });
    expect(p.info(l)?.acceptQueue).toBe(1);
  });

  it('with SYN cookies on overflow, a SYN that finds room in the SYN queue makes a child', () => {
    const p = new Probe(profiles.linux, { mode: 'fixed', value: 0 }, 'on-overflow');
    const l = p.call({ call: 'listen', port: 8080, backlog: 4 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0 });
    expect(p.info(l)?.synQueue).toBe(1);
  });

  it("cuts listen()'s backlog to the host's largest (Linux __sys_listen(): at most somaxconn)", () => {
    const p = new Probe();
    p.host = createHost({
      address: LOCAL,
      profile: profiles.linux,
      isn: { mode: 'fixed', value: 0 },
      maxBacklog: 1,
    });
    const l = p.call({ call: 'listen', port: 8080, backlog: 128 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, srcPort: 40001 });
    p.inject({ flags: 'S', seq: 0, srcPort: 40002 });
    p.inject({ flags: 'S', seq: 0, srcPort: 40003 });
    // Backlog 1 after the cut; Linux's SYN queue is full only above it.
    expect(p.info(l)?.synQueue).toBe(2);
    expect(p.outputsOf('refused')).toEqual([{ type: 'refused', listener: l, queue: 'syn' }]);
  });

  it('a SYN that finds both queues full is refused by the SYN queue, which Linux looks at first (tcp_conn_request())', () => {
    const p = new Probe();
    const l = p.call({ call: 'listen', port: 8080, backlog: 1 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, srcPort: 1001 });
    p.inject({ flags: 'S', seq: 0, srcPort: 1002 });
    p.inject({ flags: '.', seq: 1, ack: 1, srcPort: 1001 });
    p.inject({ flags: 'S', seq: 0, srcPort: 1003 });
    expect(p.info(l)).toMatchObject({ acceptQueue: 1, synQueue: 2 });
    // A smaller backlog now fills both queues (Linux's listen() on a listening socket does
    // this; the engine's listen() makes new listeners only, so the test sets the room).
    const listener = p.host.sockets.get(l);
    if (listener?.kind === 'listener') (listener as { room: number }).room = 1;
    p.sent();
    p.inject({ flags: 'S', seq: 0, srcPort: 1004 });
    expect(p.sent()).toEqual([]);
    expect(p.outputsOf('refused')).toEqual([{ type: 'refused', listener: l, queue: 'syn' }]);
  });

  it('an ACK with a valid cookie that finds the accept queue full is dropped without a RST (cookie_v4_check(), tcp_abort_on_overflow 0)', () => {
    const p = new Probe(profiles.linux, { mode: 'rfc', key: 1234 }, 'always');
    const l = p.call({ call: 'listen', port: 8080, backlog: 0 }).socket ?? -1;
    const cookieFor = (srcPort: number) => {
      p.inject({ flags: 'S', seq: 0, srcPort });
      return ((p.sent()[0]?.seq ?? 0) + 1) >>> 0;
    };
    const first = cookieFor(1001);
    const second = cookieFor(1002);
    p.inject({ flags: '.', seq: 1, ack: first, srcPort: 1001 });
    expect(p.info(l)?.acceptQueue).toBe(1);
    const socketsBefore = p.host.sockets.size;
    p.inject({ flags: '.', seq: 1, ack: second, srcPort: 1002 });
    expect(p.sent()).toEqual([]);
    expect(p.host.sockets.size).toBe(socketsBefore);
    expect(p.outputsOf('refused')).toEqual([{ type: 'refused', listener: l, queue: 'accept' }]);
    // Once accept() makes room, the peer's next ACK with the same cookie is taken.
    p.call({ call: 'accept', socket: l });
    p.inject({ flags: '.', seq: 1, ack: second, srcPort: 1002 });
    expect(p.info(l)?.acceptQueue).toBe(1);
  });
});
