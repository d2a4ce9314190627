/**
 * TCP_USER_TIMEOUT: RFC 9293 §3.8.3 lets the application set how long data may go
 * unacknowledged ("USER TIMEOUT ... the connection is closed"); Linux applies it in
 * tcp_write_timeout() → retransmits_timed_out() in place of tcp_retries2, and ends the wait
 * on time by clamping the RTO to it (tcp_clamp_rto_to_user_timeout()).
 */
import { describe, expect, it } from 'vitest';
import { profiles } from './profiles';
import { acceptedProbe } from './testing/probe';

/** An accepted Linux connection with `ms` of user timeout and 100 bytes just sent, unanswered. */
function unanswered(ms: number) {
  const { probe: p, socket } = acceptedProbe();
  expect(p.call({ call: 'setUserTimeout', socket, ms })).toEqual({ result: 'ok' });
  p.call({ call: 'send', socket, data: new Uint8Array(100) });
  p.sent();
  return { p, socket };
}

function failedAt(p: ReturnType<typeof unanswered>['p']): number | undefined {
  const closed = p.outputsOf('state').find((s) => s.to === 'CLOSED');
  return closed === undefined ? undefined : p.log.indexOf(closed);
}

describe('ESTABLISHED: data unacknowledged for the user timeout', () => {
  it('fails the connection with ETIMEDOUT when the user timeout has passed since the data was sent', () => {
    const { p, socket } = unanswered(3000);
    p.advance(2999);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    expect(p.sent().length).toBeGreaterThan(1); // retransmissions at the RTO, doubling
    p.advance(1);
    expect(failedAt(p)).toBeDefined();
    expect(p.outputsOf('error').map((e) => e.errno)).toEqual(['ETIMEDOUT']);
    expect(p.call({ call: 'send', socket, data: new Uint8Array(1) }).result).toBe('ETIMEDOUT');
  });

  it('keeps retransmitting past tcp_retries2 while the user timeout lasts', () => {
    const { p, socket } = unanswered(2_000_000);
    p.advance(1_500_000);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    expect(p.info(socket)?.retransmitCount).toBeGreaterThan(profiles.linux.dataRetries);
  });

  it('restarts the wait when an ACK acknowledges new data', () => {
    const { p, socket } = unanswered(3000);
    p.advance(2000);
    p.inject({ flags: '.', seq: 1, ack: 51 }); // half of it arrived
    p.advance(2999);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    p.advance(1);
    expect(p.outputsOf('error').map((e) => e.errno)).toEqual(['ETIMEDOUT']);
  });

  it('0 restores the retry count of the profile (tcp_retries2)', () => {
    const { p, socket } = unanswered(3000);
    p.call({ call: 'setUserTimeout', socket, ms: 0 });
    p.advance(10_000);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
  });
});

describe('LISTEN: the user timeout of a listener', () => {
  it('is inherited by the connections it accepts (sk_clone_lock())', () => {
    const { probe: p } = acceptedProbe(profiles.linux);
    const listener = p.call({ call: 'listen', port: 9090 }).socket as number;
    expect(p.call({ call: 'setUserTimeout', socket: listener, ms: 500 })).toEqual({
      result: 'ok',
    });
    p.inject({ flags: 'S', seq: 0, dstPort: 9090, srcPort: 41000, win: 65535 });
    p.inject({ flags: '.', seq: 1, ack: 1, dstPort: 9090, srcPort: 41000, win: 65535 });
    const child = p.call({ call: 'accept', socket: listener }).socket as number;
    p.call({ call: 'send', socket: child, data: new Uint8Array(10) });
    p.advance(600);
    expect(p.info(child)?.state).toBe('CLOSED');
    expect(p.outputsOf('error').map((e) => e.errno)).toEqual(['ETIMEDOUT']);
  });
});

describe('ESTABLISHED, zero window: probing under a user timeout (Linux tcp_probe_timer())', () => {
  /** An accepted Linux connection whose peer closed its window, with 100 bytes waiting. */
  function probing(ms: number) {
    const { probe: p, socket } = acceptedProbe();
    p.inject({ flags: '.', seq: 1, ack: 1, win: 0 });
    if (ms > 0) p.call({ call: 'setUserTimeout', socket, ms });
    p.call({ call: 'send', socket, data: new Uint8Array(100) });
    expect(p.sent()).toEqual([]);
    return { p, socket };
  }

  /** Moves time on in 10 ms steps; the peer answers every probe, its window still zero. */
  function answerProbes(p: ReturnType<typeof probing>['p'], until: number) {
    while (p.now < until) {
      p.advance(10);
      if (p.sent().length > 0) p.inject({ flags: '.', seq: 1, ack: 1, win: 0 });
    }
  }

  it('fails with ETIMEDOUT the user timeout after the first probe, though every probe is answered', () => {
    const { p, socket } = probing(3000);
    answerProbes(p, 200); // the persist timer's first probe, at the RTO (200 ms)
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    answerProbes(p, 3190);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    const before = p.log.length;
    // The probes' timeout is clamped to end at 200 + 3000 ms, and then no other probe goes.
    answerProbes(p, 3200);
    expect(p.outputsOf('error').map((e) => e.errno)).toEqual(['ETIMEDOUT']);
    expect(p.log.slice(before).filter((o) => o.type === 'packet')).toHaveLength(0);
    expect(p.call({ call: 'send', socket, data: new Uint8Array(1) }).result).toBe('ETIMEDOUT');
  });

  it('without a user timeout it probes as long as the peer answers (RFC 9293 §3.8.6.1, MUST-38)', () => {
    const { p, socket } = probing(0);
    answerProbes(p, 300_000);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    expect(p.outputsOf('error')).toEqual([]);
  });

  it('a window that opens ends the probing: a later zero window counts from its own first probe', () => {
    const { p, socket } = probing(3000);
    answerProbes(p, 2500);
    p.inject({ flags: '.', seq: 1, ack: 1, win: 65535 }); // the window opens: the data goes
    p.inject({ flags: '.', seq: 1, ack: 101, win: 0 }); // acknowledged, the window shut again
    p.call({ call: 'send', socket, data: new Uint8Array(100) });
    answerProbes(p, 5000);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
  });
});
