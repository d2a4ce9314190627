/**
 * The tail-loss probe (RFC 8985 §7) of the linux profile, after Linux's
 * tcp_schedule_loss_probe() and tcp_send_loss_probe(): about two round trips after new data
 * leaves, with no ACK back, the sender probes with new data or its last segment, before the
 * RTO. Grouped by the state the sender is in.
 */
import { describe, expect, it } from 'vitest';
import type { Output } from './api';
import { profiles, type Profile } from './profiles';
import { describeSegment, Probe } from './testing/probe';
import type { SocketId, TcpOption } from './types';

const SACK_OK: TcpOption = { kind: 'sackOK' };

/**
 * A passive open whose SYN-ACK is answered 10 ms later, so SRTT is 10 ms (the RTT sample of
 * the SYN-ACK) and the RTO 210 ms, SRTT + tcp_rto_min (tcp_rtt_estimator() keeps the variance
 * term at least the minimum); SACK agreed unless told otherwise.
 */
function established(profile: Profile = profiles.linux, sack = true) {
  const p = new Probe(profile);
  const listener = p.call({ call: 'listen', port: 8080 }).socket as SocketId;
  const options: TcpOption[] = [{ kind: 'mss', value: 1000 }, ...(sack ? [SACK_OK] : [])];
  p.inject({ flags: 'S', seq: 0, win: 65535, options });
  p.advance(10);
  p.inject({ flags: '.', seq: 1, ack: 1, win: 65535 });
  const socket = p.call({ call: 'accept', socket: listener }).socket as SocketId;
  p.sent();
  return { p, socket };
}

/** Packets sent since the last call, with their retransmission count. */
function sentWithCount(p: Probe, from: number): string[] {
  return p.log
    .slice(from)
    .filter((o): o is Extract<Output, { type: 'packet' }> => o.type === 'packet')
    .map((o) => `${describeSegment(o.packet.segment)} rtx ${o.retransmit}`);
}

function timerEvents(p: Probe, from: number): string[] {
  return p.log
    .slice(from)
    .filter((o): o is Extract<Output, { type: 'timer' }> => o.type === 'timer')
    .map((o) => `${o.timer} ${o.action}${o.at === undefined ? '' : ` ${o.at}`}`);
}

describe('ESTABLISHED: the probe timeout (RFC 8985 §7.2, tcp_schedule_loss_probe())', () => {
  it('probes a flight of several segments 2·SRTT + 2 ms after it left, with its last segment', () => {
    const { p, socket } = established();
    const mark = p.log.length;
    p.call({ call: 'send', socket, data: new Uint8Array(3000) });
    expect(timerEvents(p, mark)).toEqual(['loss-probe set 32']); // 10 + 2·10 + 2
    p.advance(21);
    expect(p.sent()).toHaveLength(3);
    const fired = p.log.length;
    p.advance(1);
    expect(sentWithCount(p, fired)).toEqual(['P. 2001:3001(1000) ack 1 win 65535 rtx 1']);
    // After the probe the RTO runs again, from now (tcp_rearm_rto()).
    expect(timerEvents(p, fired)).toEqual(['loss-probe fire', 'retransmit set 242']);
  });

  it('waits for a delayed ACK of a lone segment, and never beyond the RTO: the probe goes at the RTO', () => {
    const { p, socket } = established();
    const mark = p.log.length;
    p.call({ call: 'send', socket, data: new Uint8Array(100) });
    // 2·SRTT + 200 ms (the minimum RTO, for the receiver's delayed ACK) is 220 ms; the RTO,
    // 210 ms, comes first, so the probe takes the RTO's time.
    expect(timerEvents(p, mark)).toEqual(['loss-probe set 220']);
    p.advance(210);
    // The probe does not back the RTO off; the RTO that follows does (RFC 6298 §5.5).
    expect(sentWithCount(p, mark)).toEqual([
      'P. 1:101(100) ack 1 win 65535 rtx 0',
      'P. 1:101(100) ack 1 win 65535 rtx 1',
    ]);
    const probed = p.log.length;
    p.advance(210);
    expect(timerEvents(p, probed)).toEqual(['retransmit fire', 'retransmit set 850']);
  });

  it('an ACK of part of the flight schedules the probe again from the ACK', () => {
    const { p, socket } = established();
    p.call({ call: 'send', socket, data: new Uint8Array(3000) });
    p.advance(5);
    const mark = p.log.length;
    p.inject({ flags: '.', seq: 1, ack: 1001, win: 65535 });
    // The ACK's 5 ms sample makes SRTT 9.375 ms (RFC 6298 §2.3): 15 + 2·9.375 + 2.
    expect(timerEvents(p, mark)).toEqual(['loss-probe set 35.75']);
  });

  it('probes with new data when the peer’s window has room the fixed window of 10 segments has not', () => {
    const { p, socket } = established();
    p.call({ call: 'send', socket, data: new Uint8Array(12_000) });
    expect(p.sent()).toHaveLength(10);
    const mark = p.log.length;
    p.advance(22);
    // tcp_write_xmit() with push_one 2 ignores the congestion window for the probe.
    expect(sentWithCount(p, mark)).toEqual(['. 10001:11001(1000) ack 1 win 65535 rtx 0']);
  });

  it('sends one probe per episode: with no ACK the RTO resends next, backing off', () => {
    const { p, socket } = established();
    p.call({ call: 'send', socket, data: new Uint8Array(3000) });
    p.advance(22);
    const mark = p.log.length;
    p.advance(210);
    expect(timerEvents(p, mark)[0]).toBe('retransmit fire');
    expect(sentWithCount(p, mark)).toEqual(['. 1:1001(1000) ack 1 win 65535 rtx 1']);
  });

  it('after a timeout, no probe until everything sent before it is acknowledged (TCP_CA_Loss)', () => {
    const { p, socket } = established();
    p.call({ call: 'send', socket, data: new Uint8Array(3000) });
    p.advance(232); // probe at 32, RTO at 242
    p.advance(10);
    const mark = p.log.length;
    p.inject({ flags: '.', seq: 1, ack: 1001, win: 65535 });
    expect(timerEvents(p, mark).filter((t) => t.startsWith('loss-probe'))).toEqual([]);
    p.inject({ flags: '.', seq: 1, ack: 3001, win: 65535 });
    const open = p.log.length;
    p.call({ call: 'send', socket, data: new Uint8Array(1000) });
    expect(timerEvents(p, open)).toEqual([`loss-probe set ${p.now + 210}`]);
  });

  it('SACK blocks above the ACK give the timer back to the RTO at its own time (TCP_CA_Disorder)', () => {
    const { p, socket } = established();
    p.call({ call: 'send', socket, data: new Uint8Array(3000) });
    p.advance(12);
    const mark = p.log.length;
    p.inject({
      flags: '.',
      seq: 1,
      ack: 1,
      win: 65535,
      options: [{ kind: 'sack', blocks: [[2001, 3001]] as never }],
    });
    expect(timerEvents(p, mark)).toEqual(['loss-probe cancel', 'retransmit set 220']);
  });

  it('no probe without SACK (tcp_is_sack()): the RTO alone', () => {
    const { p, socket } = established(profiles.linux, false);
    const mark = p.log.length;
    p.call({ call: 'send', socket, data: new Uint8Array(3000) });
    expect(timerEvents(p, mark)).toEqual(['retransmit set 220']);
  });

  it('the rfc and freebsd profiles have no probe (RFC 9293 baseline; FreeBSD’s default stack)', () => {
    for (const profile of [profiles.rfc, profiles.freebsd]) {
      const { p, socket } = established(profile);
      const mark = p.log.length;
      p.call({ call: 'send', socket, data: new Uint8Array(3000) });
      expect(timerEvents(p, mark).some((t) => t.startsWith('loss-probe'))).toBe(false);
    }
  });
});

describe('FIN-WAIT-1: a FIN at the tail is probed (shutdown-rdwr-write-queue-close.pkt)', () => {
  it('resends the FIN alone when it went after the data, 2·SRTT + 2 ms after it left', () => {
    const { p, socket } = established();
    p.call({ call: 'send', socket, data: new Uint8Array(10_000) });
    p.advance(10);
    p.call({ call: 'shutdown', socket, how: 'both' });
    p.call({ call: 'close', socket });
    expect(p.sent().map(describeSegment).at(-1)).toBe('F. 10001:10001(0) ack 1 win 65535');
    const mark = p.log.length;
    p.advance(22);
    expect(sentWithCount(p, mark)).toEqual(['F. 10001:10001(0) ack 1 win 65535 rtx 1']);
    expect(p.info(socket)?.state).toBe('FIN-WAIT-1');
  });

  it('resends the last data segment with the FIN it carried', () => {
    const { p, socket } = established();
    p.call({ call: 'send', socket, data: new Uint8Array(12_000) }); // 10 segments leave
    p.call({ call: 'close', socket }); // the FIN waits behind 2000 bytes
    p.advance(5);
    p.inject({ flags: '.', seq: 1, ack: 2001, win: 65535 });
    expect(p.sent().map(describeSegment).at(-1)).toBe('FP. 11001:12001(1000) ack 1 win 65535');
    const mark = p.log.length;
    p.advance(22);
    expect(sentWithCount(p, mark)).toEqual(['FP. 11001:12001(1000) ack 1 win 65535 rtx 1']);
  });
});
