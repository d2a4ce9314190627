/**
 * Fast retransmit from SACK blocks (RFC 6675 §4 IsLost): on the linux profile as Linux's RACK
 * does once 3 segments are SACKed beyond a hole (tcp_rack_mark_lost(), tcp_rack_reo_wnd()), on
 * the freebsd profile as tcp_input() enters SACK recovery (more than (tcprexmtthresh − 1)
 * segments SACKed, or the third duplicate ACK).
 */
import { describe, expect, it } from 'vitest';
import type { Output } from './api';
import { profiles, type Profile } from './profiles';
import { seq } from './seq';
import { describeSegment, Probe } from './testing/probe';
import type { SocketId } from './types';

/**
 * A passive open with SACK agreed, MSS 1000, SRTT 10 ms (so an RTO of 210 ms, SRTT + tcp_rto_min:
 * tcp_rtt_estimator()); then 4000 bytes sent (4 segments).
 */
function fourSegmentsOut(profile: Profile = profiles.linux) {
  const p = new Probe(profile);
  const listener = p.call({ call: 'listen', port: 8080 }).socket as SocketId;
  p.inject({
    flags: 'S',
    seq: 0,
    win: 65535,
    options: [{ kind: 'mss', value: 1000 }, { kind: 'sackOK' }],
  });
  p.advance(10);
  p.inject({ flags: '.', seq: 1, ack: 1, win: 65535 });
  const socket = p.call({ call: 'accept', socket: listener }).socket as SocketId;
  p.sent();
  p.call({ call: 'send', socket, data: new Uint8Array(4000) });
  expect(p.sent()).toHaveLength(4);
  p.advance(10);
  return { p, socket };
}

/** The peer's duplicate ACK of byte 1 reporting [left, right) in a SACK block. */
function sackedDupAck(p: Probe, left: number, right: number): void {
  p.inject({
    flags: '.',
    seq: 1,
    ack: 1,
    win: 65535,
    options: [{ kind: 'sack', blocks: [[seq(left), seq(right)]] }],
  });
}

function sentSince(p: Probe, from: number): string[] {
  return p.log
    .slice(from)
    .filter((o): o is Extract<Output, { type: 'packet' }> => o.type === 'packet')
    .map((o) => `${describeSegment(o.packet.segment)} rtx ${o.retransmit}`);
}

describe('ESTABLISHED: a hole below SACKed data (linux)', () => {
  it('resends the hole at once when more than 2 MSS beyond it were SACKed, and restarts the RTO', () => {
    const { p } = fourSegmentsOut();
    const mark = p.log.length;
    sackedDupAck(p, 1001, 4001);
    expect(sentSince(p, mark)).toEqual(['. 1:1001(1000) ack 1 win 65535 rtx 1']);
    const timers = p.log.slice(mark).filter((o) => o.type === 'timer');
    expect(timers).toEqual([
      { type: 'timer', socket: 2, timer: 'loss-probe', action: 'cancel' },
      { type: 'timer', socket: 2, timer: 'retransmit', action: 'set', at: p.now + 210 },
    ]);
  });

  it('leaves 2 MSS or less SACKed to the RTO, which keeps its time', () => {
    const { p } = fourSegmentsOut();
    const mark = p.log.length;
    sackedDupAck(p, 2001, 4001);
    expect(sentSince(p, mark)).toEqual([]);
    p.advance(199);
    expect(sentSince(p, mark)).toEqual([]);
    p.advance(1); // the RTO, 210 ms after the data left at 10 ms
    expect(sentSince(p, mark)).toEqual(['. 1:1001(1000) ack 1 win 65535 rtx 1']);
  });

  it('resends once per recovery: more SACK blocks do not resend the hole again', () => {
    const { p } = fourSegmentsOut();
    sackedDupAck(p, 1001, 4001);
    const mark = p.log.length;
    sackedDupAck(p, 1001, 4001);
    expect(sentSince(p, mark)).toEqual([]);
  });

  it('SACK blocks that grow over several duplicate ACKs resend the hole once they pass 2 MSS', () => {
    const { p } = fourSegmentsOut();
    const mark = p.log.length;
    sackedDupAck(p, 1001, 2001);
    sackedDupAck(p, 1001, 3001);
    expect(sentSince(p, mark)).toEqual([]);
    sackedDupAck(p, 1001, 4001);
    expect(sentSince(p, mark)).toEqual(['. 1:1001(1000) ack 1 win 65535 rtx 1']);
  });
});

describe('ESTABLISHED: a hole below SACKed data (freebsd)', () => {
  it('resends the hole at the duplicate ACK that SACKs more than 2 MSS beyond it', () => {
    const { p } = fourSegmentsOut(profiles.freebsd);
    const mark = p.log.length;
    sackedDupAck(p, 1001, 2001);
    sackedDupAck(p, 1001, 3001);
    expect(sentSince(p, mark).filter((s) => s.endsWith('rtx 1'))).toEqual([]);
    sackedDupAck(p, 1001, 4001);
    expect(sentSince(p, mark).filter((s) => s.endsWith('rtx 1'))).toEqual([
      '. 1:1001(1000) ack 1 win 65535 rtx 1',
    ]);
  });
});
