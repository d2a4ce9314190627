import { describe, expect, it } from 'vitest';
import { profiles } from './profiles';
import { connectedProbe, describeSegment, Probe } from './testing/probe';
import type { SocketId } from './types';

function connecting(profile = profiles.linux): { p: Probe; s: SocketId } {
  const p = new Probe(profile);
  const s = p.connect();
  return { p, s };
}

function synTimes(p: Probe): number[] {
  return p
    .outputsOf('timer')
    .filter((t) => t.timer === 'retransmit' && t.action === 'set')
    .map((t) => t.at ?? -1);
}

describe('SYN-SENT', () => {
  it('connect() sends <SEQ=ISS><CTL=SYN> and enters SYN-SENT (RFC 9293 §3.10.1)', () => {
    const { p, s } = connecting();
    expect(p.sent().map(describeSegment)).toEqual(['S 0:0(0) win 64240']);
    expect(p.info(s)?.state).toBe('SYN-SENT');
  });

  it('a SYN,ACK acknowledging our SYN → ESTABLISHED and <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (§3.10.7.3)', () => {
    const { probe, socket } = connectedProbe();
    expect(probe.info(socket)?.state).toBe('ESTABLISHED');
    expect(probe.outputsOf('established')).toEqual([{ type: 'established', socket }]);
    const last = probe.log.filter((o) => o.type === 'packet').at(-1);
    expect(last?.type === 'packet' && describeSegment(last.packet.segment)).toBe(
      '. 1:1(0) ack 1 win 65535',
    );
  });

  it('a RST,ACK acknowledging our SYN → CLOSED with ECONNREFUSED (§3.10.7.3 second)', () => {
    const { p, s } = connecting();
    p.inject({ flags: 'R.', seq: 0, ack: 1 });
    expect(p.outputsOf('error')).toEqual([{ type: 'error', socket: s, errno: 'ECONNREFUSED' }]);
    expect(p.info(s)?.state).toBe('CLOSED');
    expect(p.call({ call: 'getError', socket: s }).error).toBe('ECONNREFUSED');
  });

  it('a RST without ACK is dropped', () => {
    const { p, s } = connecting();
    p.inject({ flags: 'R', seq: 0 });
    expect(p.info(s)?.state).toBe('SYN-SENT');
  });

  it('an ACK outside (ISS, SND.NXT] gets <SEQ=SEG.ACK><CTL=RST> (§3.10.7.3 first)', () => {
    const { p, s } = connecting();
    p.sent();
    p.inject({ flags: 'S.', seq: 0, ack: 5 });
    expect(p.sent().map(describeSegment)).toEqual(['R 5:5(0) win 0']);
    expect(p.info(s)?.state).toBe('SYN-SENT');
  });

  it('a bare SYN → SYN-RECEIVED with SYN,ACK <SEQ=ISS><ACK=RCV.NXT>: simultaneous open (rcv-syn-without-data-syn-sent)', () => {
    const { p, s } = connecting(profiles.freebsd);
    p.sent();
    p.inject({
      flags: 'S',
      seq: 0,
      win: 32767,
      options: [{ kind: 'mss', value: 1460 }, { kind: 'sackOK' }],
    });
    expect(p.sent().map(describeSegment)).toEqual(['S. 0:0(0) ack 1 win 65535']);
    expect(p.info(s)?.state).toBe('SYN-RECEIVED');
    p.inject({ flags: '.', seq: 1, ack: 1, win: 65535 });
    expect(p.info(s)?.state).toBe('ESTABLISHED');
    p.call({ call: 'close', socket: s });
    expect(p.sent().map(describeSegment)).toEqual(['F. 1:1(0) ack 1 win 65535']);
  });

  it('linux retransmits the SYN at 1, 3, 7, 15, 31, 63 s and fails with ETIMEDOUT at 127 s (PROFILES.md)', () => {
    const { p, s } = connecting();
    p.advance(200_000);
    const syns = p.outputsOf('packet').filter((o) => o.socket === s);
    expect(syns.map((o) => o.retransmit)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(synTimes(p)).toEqual([1000, 3000, 7000, 15000, 31000, 63000, 127000]);
    const err = p.outputsOf('error');
    expect(err).toEqual([{ type: 'error', socket: s, errno: 'ETIMEDOUT' }]);
    expect(p.outputsOf('state').at(-1)?.to).toBe('CLOSED');
  });

  it('with linear timeouts (Linux 6.5+, tcp_syn_linear_timeouts 4) SYNs leave at 0, 1, 2, 3, 4, 5, 7, 11 s', () => {
    const { p } = connecting({
      ...profiles.linux,
      synRetries: 7,
      synBackoff: [1, 1, 1, 1, 1, 2, 4, 8, 16, 32, 64, 128],
    });
    p.advance(100_000);
    expect(synTimes(p)).toEqual([1000, 2000, 3000, 4000, 5000, 7000, 11000, 19000]);
    expect(p.outputsOf('error').map((e) => e.errno)).toEqual(['ETIMEDOUT']);
  });

  it('with syn retries 1 it sends two SYNs and fails at 3 s (packet-timeout.pkt fails at a third SYN)', () => {
    const { p } = connecting({ ...profiles.linux, synRetries: 1 });
    p.advance(10_000);
    expect(p.sent()).toHaveLength(2);
    expect(synTimes(p)).toEqual([1000, 3000]);
    expect(p.outputsOf('error').map((e) => e.errno)).toEqual(['ETIMEDOUT']);
  });

  it('TCP_SYNCNT set while connecting overrides the profile: two SYNs, ETIMEDOUT at 3 s (Linux tcp_write_timeout() reads icsk_syn_retries)', () => {
    const { p, s } = connecting();
    expect(p.call({ call: 'setSynRetries', socket: s, retries: 1 }).result).toBe('ok');
    p.advance(10_000);
    expect(p.sent()).toHaveLength(2);
    expect(synTimes(p)).toEqual([1000, 3000]);
    expect(p.outputsOf('error').map((e) => e.errno)).toEqual(['ETIMEDOUT']);
  });

  it('TCP_SYNCNT given to connect() applies from the first SYN', () => {
    const p = new Probe(profiles.linux);
    const options = { synRetries: 2 };
    p.connect(options);
    p.advance(20_000);
    expect(synTimes(p)).toEqual([1000, 3000, 7000]);
    expect(p.outputsOf('error').map((e) => e.errno)).toEqual(['ETIMEDOUT']);
  });

  it('freebsd gives up at keepinit 75 s after SYNs at 0, 1, 3.2, 7.6, 16.4, 34, 69.2 s', () => {
    const { p } = connecting(profiles.freebsd);
    p.advance(100_000);
    expect(p.sent()).toHaveLength(7);
    expect(synTimes(p).map((t) => Math.round(t))).toEqual([
      1000, 3200, 7600, 16400, 34000, 69200, 75000,
    ]);
    expect(p.outputsOf('error').map((e) => e.errno)).toEqual(['ETIMEDOUT']);
  });

  it('close() in SYN-SENT sends nothing and deletes the TCB; a later SYN,ACK gets a RST (close-on-syn-sent)', () => {
    const { p, s } = connecting();
    p.sent();
    p.call({ call: 'close', socket: s });
    expect(p.sent()).toEqual([]);
    expect(p.info(s)).toBeUndefined();
    p.inject({ flags: 'S.', seq: 0, ack: 1 });
    expect(p.sent().map(describeSegment)).toEqual(['R 1:1(0) win 0']);
  });

  it('data sent during SYN-SENT rides on the third segment of the handshake', () => {
    const { p, s } = connecting(profiles.rfc);
    p.call({ call: 'send', socket: s, data: new Uint8Array(100) });
    p.sent();
    p.inject({ flags: 'S.', seq: 0, ack: 1, options: [{ kind: 'mss', value: 1460 }] });
    expect(p.sent().map(describeSegment)).toEqual(['P. 1:101(100) ack 1 win 65535']);
  });

  it('after a retransmitted SYN, data starts with a 3 s RTO (RFC 6298 §5.7)', () => {
    const { p, s } = connecting(profiles.rfc);
    p.advance(1000);
    p.inject({ flags: 'S.', seq: 0, ack: 1, options: [{ kind: 'mss', value: 1460 }] });
    expect(p.info(s)?.rto).toBe(3000);
    expect(p.info(s)?.srtt).toBeUndefined();
  });

  it('a SYN sent once gives the first RTT sample (RFC 6298 §2.2)', () => {
    const { p, s } = connecting(profiles.rfc);
    p.advance(100);
    p.inject({ flags: 'S.', seq: 0, ack: 1, options: [{ kind: 'mss', value: 1460 }] });
    expect(p.info(s)?.srtt).toBe(100);
    expect(p.info(s)?.rto).toBe(1000); // 100 + 4 × 50 = 300, raised to the 1 s minimum
  });
});

describe('SYN-SENT: a SYN,ACK echoing a timestamp we never sent (Linux tcp_rcv_synsent_state_process())', () => {
  const withTs = { ...profiles.linux, tsTickMs: 1 };
  const synAck = (ecr: number) => ({
    flags: 'S.',
    seq: 0,
    ack: 1,
    options: [{ kind: 'ts' as const, val: 5000, ecr }],
  });

  it('is answered with <SEQ=SEG.ACK><CTL=RST> and SYN-SENT goes on; a valid SYN,ACK then completes the handshake', () => {
    const { p, s } = connecting(withTs);
    const [syn] = p.sent();
    const sentVal = (syn?.options.find((o) => o.kind === 'ts') as { val: number }).val;
    p.advance(10);
    p.inject(synAck((sentVal + 9999) >>> 0));
    expect(p.sent().map(describeSegment)).toEqual(['R 1:1(0) win 0']);
    expect(p.info(s)?.state).toBe('SYN-SENT');
    p.inject(synAck(sentVal));
    expect(p.info(s)?.state).toBe('ESTABLISHED');
  });

  it('the rfc profile takes TSecr for RTT measurement only (RFC 7323 §3.2)', () => {
    const { p, s } = connecting({ ...profiles.rfc, timestamps: true });
    p.sent();
    p.inject(synAck(123456));
    expect(p.info(s)?.state).toBe('ESTABLISHED');
  });
});
