import { describe, expect, it } from 'vitest';
import { profiles } from './profiles';
import { describeSegment, Probe } from './testing/probe';
import type { SocketId } from './types';

/** A listener with one embryonic child: SYN received, SYN-ACK sent. */
function embryonic(profile = profiles.linux): { p: Probe; l: SocketId; child: SocketId } {
  const p = new Probe(profile);
  const l = p.call({ call: 'listen', port: 8080, backlog: 4 }).socket ?? -1;
  p.inject({ flags: 'S', seq: 0, options: [{ kind: 'mss', value: 1000 }] });
  p.sent();
  return { p, l, child: l + 1 };
}

describe('SYN-RECEIVED (passive open)', () => {
  it('an ACK of our SYN,ACK → ESTABLISHED and the connection waits in the accept queue (§3.10.7.4 fifth)', () => {
    const { p, l, child } = embryonic();
    p.inject({ flags: '.', seq: 1, ack: 1 });
    expect(p.info(child)?.state).toBe('ESTABLISHED');
    expect(p.info(l)).toMatchObject({ acceptQueue: 1, synQueue: 0 });
  });

  it('an unacceptable ACK gets <SEQ=SEG.ACK><CTL=RST> (§3.10.7.4 fifth)', () => {
    const { p, child } = embryonic();
    p.inject({ flags: '.', seq: 1, ack: 7 });
    expect(p.sent().map(describeSegment)).toEqual(['R 7:7(0) win 0']);
    expect(p.info(child)?.state).toBe('SYN-RECEIVED');
  });

  it('a RST returns the connection to LISTEN without telling the user (MUST-11, §3.10.7.4 second)', () => {
    const { p, l, child } = embryonic();
    p.inject({ flags: 'R', seq: 1 });
    expect(p.info(child)).toBeUndefined();
    expect(p.outputsOf('state').at(-1)).toMatchObject({ from: 'SYN-RECEIVED', to: 'LISTEN' });
    expect(p.outputsOf('error')).toEqual([]);
    expect(p.info(l)?.synQueue).toBe(0);
  });

  it('a retransmitted SYN gets the SYN,ACK again on linux (tcp_check_req)', () => {
    const { p } = embryonic();
    p.inject({ flags: 'S', seq: 0, options: [{ kind: 'mss', value: 1000 }] });
    const again = p.outputsOf('packet').at(-1);
    expect(again?.retransmit).toBe(1);
    expect(p.sent().map(describeSegment)).toEqual(['S. 0:0(0) ack 1 win 64240']);
  });

  it('a retransmitted SYN gets only <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> on the rfc profile (§3.10.7.4 first)', () => {
    const { p } = embryonic(profiles.rfc);
    p.inject({ flags: 'S', seq: 0 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 1 win 65535']);
  });

  it('a new SYN in the window returns the connection to LISTEN (§3.10.7.4 fourth)', () => {
    const { p, child } = embryonic();
    p.inject({ flags: 'S', seq: 100 });
    expect(p.info(child)).toBeUndefined();
  });

  it('retransmits the SYN,ACK 5 times on linux (0, 1, 3, 7, 15, 31 s) and then drops the child', () => {
    const { p, l, child } = embryonic();
    p.advance(100_000);
    expect(p.sent()).toHaveLength(5);
    expect(p.info(child)).toBeUndefined();
    expect(p.info(l)?.synQueue).toBe(0);
    expect(p.outputsOf('error')).toEqual([]);
  });

  it('the SYN,ACK waits double even when the SYN waits are linear (Linux tcp_syn_linear_timeouts is for SYN-SENT only)', () => {
    const linear = { ...profiles.linux, synBackoff: [1, 1, 1, 1, 1, 2, 4, 8, 16, 32, 64, 128] };
    const { p, child } = embryonic(linear);
    p.advance(100_000);
    const timers = p
      .outputsOf('timer')
      .filter((t) => t.socket === child && t.timer === 'retransmit' && t.action === 'set');
    expect(timers.map((t) => t.at)).toEqual([1000, 3000, 7000, 15000, 31000, 63000]);
  });

  it('answers a SYN with an ACK flag in LISTEN with a RST, not a child', () => {
    const p = new Probe();
    p.call({ call: 'listen', port: 8080 });
    p.inject({ flags: 'S.', seq: 0, ack: 99 });
    expect(p.sent().map(describeSegment)).toEqual(['R 99:99(0) win 0']);
  });
});

describe('SYN-RECEIVED (active open, reached from SYN-SENT)', () => {
  function simultaneous(): { p: Probe; s: SocketId } {
    const p = new Probe(profiles.rfc);
    const s = p.connect();
    p.inject({ flags: 'S', seq: 300 });
    p.sent();
    return { p, s };
  }

  it('a RST means the connection was refused: ECONNREFUSED and CLOSED (MUST-11, §3.10.7.4 second)', () => {
    const { p, s } = simultaneous();
    p.inject({ flags: 'R', seq: 301 });
    expect(p.outputsOf('error').map((e) => e.errno)).toEqual(['ECONNREFUSED']);
    expect(p.info(s)?.state).toBe('CLOSED');
  });

  it("the peer's SYN,ACK completes the open: its old SYN is trimmed and the ACK accepted", () => {
    const { p, s } = simultaneous();
    p.inject({ flags: 'S.', seq: 300, ack: 1 });
    expect(p.info(s)?.state).toBe('ESTABLISHED');
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 301 win 65535']);
  });
});
