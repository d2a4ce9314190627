/**
 * Keep-alives (RFC 9293 §3.8.4, RFC 1122 §4.2.3.6) as FreeBSD's tcp_timer_keep() sends them:
 * after the idle time a probe <SEQ=SND.UNA−1><ACK=RCV.NXT><CTL=ACK>, then one per interval,
 * and the connection is dropped once the probes' count of intervals passes unanswered.
 */
import { describe, expect, it } from 'vitest';
import type { KeepaliveSettings } from './keepalive';
import { profiles } from './profiles';
import { describeSegment, Probe } from './testing/probe';
import type { SocketId } from './types';

const KEEPALIVE: KeepaliveSettings = { idleMs: 1000, intervalMs: 500, probes: 3 };

/** A passive open whose listener asked for keep-alives (its children inherit them). */
function acceptedWithKeepalive(keepalive: KeepaliveSettings | null = KEEPALIVE) {
  const p = new Probe(profiles.freebsd);
  const options = keepalive === null ? {} : { keepalive };
  const listener = p.call({ call: 'listen', port: 8080, options }).socket as SocketId;
  p.inject({ flags: 'S', seq: 0, win: 65535, options: [{ kind: 'mss', value: 1000 }] });
  p.inject({ flags: '.', seq: 1, ack: 1, win: 65535 });
  const socket = p.call({ call: 'accept', socket: listener }).socket as SocketId;
  p.sent();
  return { p, socket };
}

describe('ESTABLISHED: keep-alive probes', () => {
  it('sends none unless the socket asks for them (MUST-24: default off)', () => {
    const { p } = acceptedWithKeepalive(null);
    p.advance(3_600_000);
    expect(p.sent()).toEqual([]);
  });

  it('probes an idle connection at SND.UNA − 1 after the idle time, then every interval', () => {
    const { p, socket } = acceptedWithKeepalive();
    p.call({ call: 'send', socket, data: new Uint8Array(100) });
    p.inject({ flags: '.', seq: 1, ack: 101, win: 65535 });
    p.sent();
    p.advance(999);
    expect(p.sent()).toEqual([]);
    p.advance(1);
    expect(p.sent().map(describeSegment)).toEqual(['. 100:100(0) ack 1 win 65535']);
    p.advance(500);
    expect(p.sent().map(describeSegment)).toEqual(['. 100:100(0) ack 1 win 65535']);
  });

  it('counts the idle time from the last segment that arrived (t_rcvtime)', () => {
    const { p } = acceptedWithKeepalive();
    p.advance(600);
    p.inject({ flags: '.', seq: 1, ack: 1, win: 65535 });
    p.advance(999);
    expect(p.sent()).toEqual([]);
    p.advance(1);
    expect(p.sent().map(describeSegment)).toEqual(['. 0:0(0) ack 1 win 65535']);
  });

  it('an answered probe keeps the connection; the next probe waits a whole idle time', () => {
    const { p, socket } = acceptedWithKeepalive();
    p.advance(1000);
    p.sent();
    p.inject({ flags: '.', seq: 1, ack: 1, win: 65535 });
    p.advance(999);
    expect(p.sent()).toEqual([]);
    p.advance(1);
    expect(p.sent()).toHaveLength(1);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
  });

  it('drops the connection with RST,ACK and ETIMEDOUT when the probes go unanswered', () => {
    const { p, socket } = acceptedWithKeepalive();
    p.advance(1000 + 2 * 500);
    expect(p.sent()).toHaveLength(3);
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    p.advance(500);
    expect(p.sent().map(describeSegment)).toEqual(['R. 1:1(0) ack 1 win 0']);
    expect(p.log).toContainEqual({ type: 'error', socket, errno: 'ETIMEDOUT' });
    expect(p.log.at(-1)).toEqual({ type: 'closed', socket });
  });

  it('setKeepalive on an open connection arms the timer for the idle time from then; null stops it', () => {
    const { p, socket } = acceptedWithKeepalive(null);
    p.advance(1200);
    p.call({ call: 'setKeepalive', socket, keepalive: KEEPALIVE });
    p.advance(999);
    expect(p.sent()).toEqual([]);
    p.advance(1);
    expect(p.sent().map(describeSegment)).toEqual(['. 0:0(0) ack 1 win 65535']);
    p.call({ call: 'setKeepalive', socket, keepalive: null });
    p.advance(10_000);
    expect(p.sent()).toEqual([]);
  });
});
