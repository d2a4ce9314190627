/**
 * The probe timer: data waits and nothing is in flight, because the peer's window is zero
 * (RFC 9293 §3.8.6.1) or because the host's own interface queue refuses packets (Linux
 * tcp_check_probe_timer(), tcp_probe_timer(), tcp_send_probe0(), tcp_write_wakeup()).
 * Grouped by state; the fixtures' RTO is 200 ms.
 */
import { describe, expect, it } from 'vitest';
import type { Output } from './api';
import { refuseTransmits } from './host';
import { profiles, type Profile } from './profiles';
import { acceptedProbe, describeSegment, Probe } from './testing/probe';
import type { SocketId } from './types';

function timerEvents(p: Probe, from: number, timer: string): string[] {
  return p.log
    .slice(from)
    .filter((o): o is Extract<Output, { type: 'timer' }> => o.type === 'timer')
    .filter((o) => o.timer === timer && o.action !== 'cancel')
    .map((o) => `${o.action}${o.at === undefined ? '' : ` ${o.at}`}`);
}

/** An accepted connection whose peer closed its window, with 100 bytes waiting. */
function zeroWindow(profile: Profile = profiles.linux) {
  const { probe: p, socket } = acceptedProbe(profile);
  p.inject({ flags: '.', seq: 1, ack: 1, win: 0 });
  p.call({ call: 'send', socket, data: new Uint8Array(100) });
  expect(p.sent()).toEqual([]);
  return { p, socket };
}

/** An accepted connection whose host queue refuses packets, with 24 bytes written then. */
function refusing(profile: Profile = profiles.linux, userTimeoutMs = 0) {
  const { probe: p, socket } = acceptedProbe(profile);
  if (userTimeoutMs > 0) p.call({ call: 'setUserTimeout', socket, ms: userTimeoutMs });
  refuseTransmits(p.host, true);
  const mark = p.log.length;
  expect(p.call({ call: 'send', socket, data: new Uint8Array(24) })).toMatchObject({ bytes: 24 });
  return { p, socket, mark };
}

function errors(p: Probe): string[] {
  return p.outputsOf('error').map((e) => e.errno);
}

describe('ESTABLISHED, zero window, linux: a bare ACK below the window (tcp_xmit_probe_skb())', () => {
  it('probes with <SEQ=SND.UNA−1><ACK=RCV.NXT><CTL=ACK> and keeps its data back', () => {
    const { p, socket } = zeroWindow();
    p.advance(200);
    expect(p.sent().map(describeSegment)).toEqual(['. 0:0(0) ack 1 win 65535']);
    expect(p.info(socket)?.sndNxt).toBe(1); // nothing beyond the window was sent
  });

  it('backs off while the probes go unanswered: 200, then 400, then 800 ms (tcp_probe0_when())', () => {
    const { p } = zeroWindow();
    const mark = p.log.length;
    p.advance(1400);
    expect(timerEvents(p, mark, 'persist')).toEqual([
      'fire',
      'set 600',
      'fire',
      'set 1400',
      'fire',
      'set 3000',
    ]);
    expect(p.sent()).toHaveLength(3);
  });

  it('an answer restarts the timer from the answer, and an open window sends the data (tcp_ack_probe())', () => {
    const { p, socket } = zeroWindow();
    p.advance(200);
    p.sent();
    p.advance(10);
    const mark = p.log.length;
    p.inject({ flags: '.', seq: 1, ack: 1, win: 0 });
    expect(timerEvents(p, mark, 'persist')).toEqual(['set 610']); // 210 + 200 << 1
    p.inject({ flags: '.', seq: 1, ack: 1, win: 1000 });
    expect(p.sent().map(describeSegment)).toEqual(['P. 1:101(100) ack 1 win 65535']);
    expect(p.info(socket)?.sndNxt).toBe(101);
  });

  it('fails with ETIMEDOUT when tcp_retries2 probes in a row go unanswered (tcp_probe_timer())', () => {
    const { p, socket } = zeroWindow({ ...profiles.linux, dataRetries: 3 });
    p.advance(2999); // probes at 200, 600 and 1400 ms
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    p.advance(1);
    expect(errors(p)).toEqual(['ETIMEDOUT']);
  });

  it('stays open as long as the probes are answered (RFC 9293 §3.8.6.1, MUST-38)', () => {
    const { p, socket } = zeroWindow({ ...profiles.linux, dataRetries: 3 });
    for (let t = 0; t < 60_000; t += 10) {
      p.advance(10);
      if (p.sent().length > 0) p.inject({ flags: '.', seq: 1, ack: 1, win: 0 });
    }
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
  });
});

describe('ESTABLISHED, zero window, freebsd: one byte of new data (tcp_output() with t_force)', () => {
  it('sends the first byte beyond the window, which the retransmission timer then covers', () => {
    const { p, socket } = zeroWindow(profiles.freebsd);
    p.advance(1000);
    expect(p.sent().map(describeSegment)[0]).toMatch(/^\. 1:2\(1\) ack 1/);
    expect(p.info(socket)?.sndNxt).toBe(2);
  });
});

describe("ESTABLISHED, the host's own queue refuses packets (Linux qdisc NET_XMIT_DROP)", () => {
  it('keeps written data unsent: nothing leaves and SND.NXT stays', () => {
    const { p, socket } = refusing();
    expect(p.sent()).toEqual([]);
    expect(p.info(socket)).toMatchObject({ sndNxt: 1, unacknowledged: 24 });
  });

  it('retries every 500 ms without backoff once the probe timer has first fired at the RTO (TCP_RESOURCE_PROBE_INTERVAL)', () => {
    const { p, mark } = refusing();
    p.advance(1700);
    expect(timerEvents(p, mark, 'persist')).toEqual([
      'set 200', // tcp_check_probe_timer(): tcp_probe0_base(), the RTO
      'fire',
      'set 700',
      'fire',
      'set 1200',
      'fire',
      'set 1700',
      'fire',
      'set 2200',
    ]);
    expect(p.sent()).toEqual([]);
  });

  it('sends the data at the next retry once the queue takes packets again', () => {
    const { p, socket } = refusing();
    p.advance(700);
    refuseTransmits(p.host, false);
    p.advance(499);
    expect(p.sent()).toEqual([]);
    p.advance(1);
    expect(p.sent().map(describeSegment)).toEqual(['P. 1:25(24) ack 1 win 65535']);
    expect(p.info(socket)?.sndNxt).toBe(25);
  });

  it('tries a refused FIN again, as Linux keeps it in the write queue (tcp_send_fin())', () => {
    const { probe: p, socket } = acceptedProbe();
    refuseTransmits(p.host, true);
    p.call({ call: 'shutdown', socket, how: 'write' });
    expect(p.info(socket)).toMatchObject({ state: 'FIN-WAIT-1', sndNxt: 1 });
    refuseTransmits(p.host, false);
    p.advance(200);
    expect(p.sent().map(describeSegment)).toEqual(['F. 1:1(0) ack 1 win 65535']);
  });

  it('with TCP_USER_TIMEOUT fails the user timeout after the first retry: 3 s, six retries (tcp_probe_timer())', () => {
    const { p, socket, mark } = refusing(profiles.linux, 3000);
    p.advance(3199); // the first retry at 200 ms, the sixth at 2700 ms
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    expect(timerEvents(p, mark, 'persist').filter((t) => t === 'fire')).toHaveLength(6);
    p.advance(1);
    expect(errors(p)).toEqual(['ETIMEDOUT']);
  });

  it('without a user timeout fails after tcp_retries2 refused retries', () => {
    const { p, socket } = refusing({ ...profiles.linux, dataRetries: 4 });
    p.advance(1699); // retries at 200, 700, 1200, 1700 − 1 ms
    expect(p.info(socket)?.state).toBe('ESTABLISHED');
    p.advance(501);
    expect(errors(p)).toEqual(['ETIMEDOUT']);
  });

  it('retries a retransmission it refused after 500 ms, not backed off (tcp_retransmit_timer())', () => {
    const { probe: p, socket } = acceptedProbe();
    p.call({ call: 'send', socket, data: new Uint8Array(24) });
    expect(p.sent()).toHaveLength(1);
    refuseTransmits(p.host, true);
    const mark = p.log.length;
    p.advance(700);
    expect(timerEvents(p, mark, 'retransmit')).toEqual(['fire', 'set 700', 'fire', 'set 1200']);
    refuseTransmits(p.host, false);
    p.advance(500);
    expect(p.sent().map(describeSegment)).toEqual(['P. 1:25(24) ack 1 win 65535']);
  });

  it('freebsd waits the backed-off RTO instead: tcp_output() leaves ENOBUFS to the retransmission timer', () => {
    const { p, mark } = refusing(profiles.freebsd);
    p.advance(10_000);
    const sets = timerEvents(p, mark, 'persist').filter((t) => t.startsWith('set'));
    const waits = sets.map(
      (t, i) => Number(t.slice(4)) - (i === 0 ? 0 : Number(sets[i - 1]!.slice(4))),
    );
    expect(waits.slice(1, 4)).toEqual([waits[0]! * 2, waits[0]! * 4, waits[0]! * 8]);
  });
});

describe("LISTEN, the host's own queue refuses packets", () => {
  it('sends no SYN-ACK while it refuses; the SYN-ACK timer sends it once the queue takes packets', () => {
    const p = new Probe();
    const listener = p.call({ call: 'listen', port: 8080 }).socket as SocketId;
    refuseTransmits(p.host, true);
    p.inject({ flags: 'S', seq: 0, win: 65535 });
    expect(p.sent()).toEqual([]);
    expect(p.info(listener)?.synQueue).toBe(1);
    refuseTransmits(p.host, false);
    p.advance(1000);
    expect(p.sent().map(describeSegment)[0]).toMatch(/^S\. 0:0\(0\) ack 1/);
  });
});
