import { describe, expect, it } from 'vitest';
import {
  handleCall,
  handlePacket,
  handleTimeout,
  nextDeadline,
  snapshotHost,
  socketInfo,
} from './host';
import { profiles } from './profiles';
import { ADDRESS, establishedPair, Pair } from './testing/pair';
import { describeSegment, Probe } from './testing/probe';

describe('host: many sockets', () => {
  it('one listener serves two clients on different ephemeral ports', () => {
    const pair = new Pair({ profile: profiles.linux });
    const l = pair.call('B', { call: 'listen', port: 80 }).socket ?? -1;
    const c1 = pair.call('A', { call: 'connect', remote: ADDRESS.B, remotePort: 80 }).socket ?? -1;
    const c2 = pair.call('A', { call: 'connect', remote: ADDRESS.B, remotePort: 80 }).socket ?? -1;
    pair.settle();
    expect([pair.info('A', c1)?.localPort, pair.info('A', c2)?.localPort]).toEqual([49152, 49153]);
    const s1 = pair.call('B', { call: 'accept', socket: l }).socket ?? -1;
    const s2 = pair.call('B', { call: 'accept', socket: l }).socket ?? -1;
    expect(pair.call('B', { call: 'accept', socket: l }).result).toBe('EAGAIN');
    pair.call('A', { call: 'send', socket: c2, data: new TextEncoder().encode('two') });
    pair.call('A', { call: 'send', socket: c1, data: new TextEncoder().encode('one') });
    pair.settle();
    const text = (s: number) =>
      new TextDecoder().decode(pair.call('B', { call: 'receive', socket: s }).data);
    expect([text(s1), text(s2)]).toEqual(['one', 'two']);
  });

  it('a full SYN queue drops further SYNs when SYN cookies are off: Linux holds backlog + 1 (inet_csk_reqsk_queue_is_full(): qlen > backlog)', () => {
    const p = new Probe();
    const l = p.call({ call: 'listen', port: 8080, backlog: 1 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, srcPort: 1001 });
    p.inject({ flags: 'S', seq: 0, srcPort: 1002 });
    p.inject({ flags: 'S', seq: 0, srcPort: 1003 });
    expect(p.sent()).toHaveLength(2);
    expect(p.info(l)?.synQueue).toBe(2);
    expect(p.outputsOf('refused')).toEqual([{ type: 'refused', listener: l, queue: 'syn' }]);
  });

  it('the RFC profile holds exactly the backlog in its SYN queue', () => {
    const p = new Probe(profiles.rfc);
    const l = p.call({ call: 'listen', port: 8080, backlog: 1 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, srcPort: 1001 });
    p.inject({ flags: 'S', seq: 0, srcPort: 1002 });
    expect(p.sent()).toHaveLength(1);
    expect(p.info(l)?.synQueue).toBe(1);
  });

  it('Linux listen(fd, 0) still admits one connection: its queues are full only above the backlog (sk_acceptq_is_full())', () => {
    const p = new Probe();
    const l = p.call({ call: 'listen', port: 8080, backlog: 0 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, srcPort: 1001 });
    p.inject({ flags: '.', seq: 1, ack: 1, srcPort: 1001 });
    expect(p.info(l)).toMatchObject({ acceptQueue: 1, synQueue: 0 });
    p.sent();
    p.inject({ flags: 'S', seq: 0, srcPort: 1002 });
    expect(p.sent()).toEqual([]);
    expect(p.outputsOf('refused')).toEqual([{ type: 'refused', listener: l, queue: 'accept' }]);
  });

  it('with SYN cookies a full queue answers statelessly and a valid returning ACK creates the connection', () => {
    const p = new Probe(profiles.linux, { mode: 'rfc', key: 1234 }, true);
    // Backlog 0: Linux's SYN queue holds one (qlen > backlog is full).
    const l = p.call({ call: 'listen', port: 8080, backlog: 0 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, srcPort: 1001 });
    p.sent();
    p.inject({
      flags: 'S',
      seq: 5000,
      srcPort: 1002,
      options: [
        { kind: 'mss', value: 1460 },
        { kind: 'wscale', shift: 7 },
      ],
    });
    const [cookie] = p.sent();
    expect(cookie?.options).toEqual([{ kind: 'mss', value: 1460 }]);
    expect(p.info(l)?.synQueue).toBe(1);
    const socketsBefore = p.host.sockets.size;
    p.inject({
      flags: '.',
      seq: 5001,
      ack: ((cookie?.seq ?? 0) + 1) >>> 0,
      srcPort: 1002,
      payload: 5,
    });
    expect(p.host.sockets.size).toBe(socketsBefore + 1);
    expect(p.info(l)?.acceptQueue).toBe(1);
    const s = p.call({ call: 'accept', socket: l }).socket ?? -1;
    expect(p.info(s)).toMatchObject({ state: 'ESTABLISHED', unread: 5 });
    expect(p.info(s)?.negotiated).toMatchObject({ sendMss: 1460, wscale: null, timestamps: false });
  });

  it('an ACK with a forged cookie gets a RST', () => {
    const p = new Probe(profiles.linux, { mode: 'rfc', key: 1234 }, true);
    p.call({ call: 'listen', port: 8080, backlog: 1 });
    p.inject({ flags: '.', seq: 5001, ack: 77777 });
    expect(p.sent().map(describeSegment)).toEqual(['R 77777:77777(0) win 0']);
  });

  it('the accept queue bounds the backlog: the third ACK waits while accept() lags', () => {
    const p = new Probe(profiles.rfc);
    const l = p.call({ call: 'listen', port: 8080, backlog: 1 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, srcPort: 1001 });
    p.inject({ flags: '.', seq: 1, ack: 1, srcPort: 1001 });
    p.inject({ flags: 'S', seq: 0, srcPort: 1002 });
    expect(p.info(l)).toMatchObject({ acceptQueue: 1, synQueue: 0 });
  });

  it('an ACK that finds the accept queue full is refused and ignored: the child stays in SYN-RECEIVED', () => {
    const p = new Probe();
    // Backlog 1: Linux's accept queue holds two (sk_ack_backlog > backlog is full).
    const l = p.call({ call: 'listen', port: 8080, backlog: 1 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0, srcPort: 1001 });
    p.inject({ flags: 'S', seq: 0, srcPort: 1002 });
    p.inject({ flags: '.', seq: 1, ack: 1, srcPort: 1001 });
    p.inject({ flags: 'S', seq: 0, srcPort: 1003 });
    p.inject({ flags: '.', seq: 1, ack: 1, srcPort: 1002 });
    expect(p.outputsOf('refused')).toEqual([]);
    p.inject({ flags: '.', seq: 1, ack: 1, srcPort: 1003 });
    expect(p.outputsOf('refused')).toEqual([{ type: 'refused', listener: l, queue: 'accept' }]);
    expect(p.info(l)).toMatchObject({ acceptQueue: 2, synQueue: 1 });
  });

  it('closing a listener resets connections nobody accepted', () => {
    const p = new Probe();
    const l = p.call({ call: 'listen', port: 8080 }).socket ?? -1;
    p.inject({ flags: 'S', seq: 0 });
    p.inject({ flags: '.', seq: 1, ack: 1 });
    p.sent();
    p.call({ call: 'close', socket: l });
    expect(p.sent().map(describeSegment)).toEqual(['R. 1:1(0) ack 1 win 0']);
    expect(p.host.sockets.size).toBe(0);
  });

  it('has nothing to do before its next deadline, and a timeout before it changes nothing', () => {
    const { pair, a } = establishedPair();
    const host = pair.hosts.A;
    expect(nextDeadline(host)).toBeNull(); // everything acknowledged: no timer pending
    handleCall(host, { call: 'send', socket: a, data: new Uint8Array(10) }, pair.now);
    const due = nextDeadline(host);
    expect(due).toBe(pair.now + (socketInfo(host, a)?.rto ?? 0));
    const info = JSON.stringify(socketInfo(host, a));
    expect(handleTimeout(host, (due ?? 0) - 1)).toEqual([]);
    expect(JSON.stringify(socketInfo(host, a))).toBe(info);
    const fired = handleTimeout(host, due ?? 0);
    expect(fired[0]).toEqual({ type: 'timer', socket: a, timer: 'retransmit', action: 'fire' });
    expect(fired.some((o) => o.type === 'packet' && o.retransmit === 1)).toBe(true);
  });

  it('a cancelled timer is no deadline: acknowledged data leaves nothing to fire', () => {
    const { pair, a } = establishedPair();
    pair.call('A', { call: 'send', socket: a, data: new Uint8Array(10) });
    pair.advance(1000); // the peer's delayed ACK comes and is taken
    expect(nextDeadline(pair.hosts.A)).toBeNull();
    expect(handleTimeout(pair.hosts.A, pair.now + 60_000)).toEqual([]);
  });

  it('a snapshot is independent: steps on the host leave it, and replaying on it gives the same outputs', () => {
    // DESIGN.md: checkpoints and forks restore a snapshot and replay from it.
    const { pair, a } = establishedPair();
    const host = pair.hosts.A;
    const copy = snapshotHost(host);
    const info0 = JSON.stringify(socketInfo(copy, a));
    const sent = handleCall(
      host,
      { call: 'send', socket: a, data: new Uint8Array(3000) },
      pair.now,
    );
    const packet = sent.outputs.find((o) => o.type === 'packet');
    if (packet?.type !== 'packet') throw new Error('send made no segment');
    const ack = handlePacket(pair.hosts.B, packet.packet, pair.now + 1).find(
      (o) => o.type === 'packet',
    );
    if (ack?.type === 'packet') handlePacket(host, ack.packet, pair.now + 2);
    handleCall(host, { call: 'send', socket: a, data: new Uint8Array(10) }, pair.now + 2);
    expect(JSON.stringify(socketInfo(copy, a))).toBe(info0);
    expect(socketInfo(host, a)?.sndNxt).not.toBe(socketInfo(copy, a)?.sndNxt);
    const again = handleCall(
      copy,
      { call: 'send', socket: a, data: new Uint8Array(3000) },
      pair.now,
    );
    expect(again.outputs).toEqual(sent.outputs);
  });

  it("a call's outputs stay the caller's: later calls on either host leave them as they were", () => {
    // docs/engine.md, calling order: drivers read a call's outputs while they make further calls.
    const { pair, a } = establishedPair();
    const sent = handleCall(
      pair.hosts.A,
      { call: 'send', socket: a, data: new Uint8Array(3000) },
      pair.now,
    ).outputs;
    const before = JSON.stringify(sent);
    expect(sent.filter((o) => o.type === 'packet').length).toBeGreaterThan(1);
    for (const o of sent) {
      if (o.type === 'packet') handlePacket(pair.hosts.B, o.packet, pair.now + 1);
    }
    handleCall(pair.hosts.A, { call: 'send', socket: a, data: new Uint8Array(10) }, pair.now + 2);
    handleTimeout(pair.hosts.A, pair.now + 60_000);
    expect(JSON.stringify(sent)).toBe(before);
  });

  it('a snapshot keeps its timers while the host fires and re-arms its own', () => {
    // DESIGN.md: a fork restores a snapshot; its pending timers are its own to fire.
    const { pair, a } = establishedPair();
    const host = pair.hosts.A;
    handleCall(host, { call: 'send', socket: a, data: new Uint8Array(10) }, pair.now);
    const copy = snapshotHost(host);
    const due = nextDeadline(host) ?? 0;
    const first = handleTimeout(host, due); // fires the retransmission timer and arms it again
    for (let t = due; nextDeadline(host) !== null && t < due + 120_000; t += 1000) {
      handleTimeout(host, t);
    }
    expect(nextDeadline(copy)).toBe(due);
    expect(handleTimeout(copy, due)).toEqual(first);
  });

  it('a snapshot lists its fields in the order a fresh host and TCB have them', () => {
    // One order, one hidden class: a copy laid out otherwise deoptimizes the code a run optimized.
    const { pair, a } = establishedPair();
    const host = pair.hosts.A;
    const copy = snapshotHost(host);
    expect(Object.keys(copy)).toEqual(Object.keys(host));
    expect(Object.keys(copy.sockets.get(a) ?? {})).toEqual(Object.keys(host.sockets.get(a) ?? {}));
  });

  it('calls on an unknown socket report EBADF', () => {
    const p = new Probe();
    expect(p.call({ call: 'send', socket: 99, data: new Uint8Array(1) }).result).toBe('EBADF');
  });
});
