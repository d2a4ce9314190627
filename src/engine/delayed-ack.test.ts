/**
 * When Linux acknowledges (profile ackTimeout 'adaptive', delayed-ack.ts). RFC 9293 §3.8.6.3
 * lets an ACK be delayed under 0.5 s (SHLD-18) and asks for one every second full segment
 * (SHLD-19); within that, Linux estimates the delay per connection from how data arrives
 * (tcp_event_data_recv()), acknowledges at once in quick-ack mode, and delays its ACKs on an
 * interactive connection so that the reply carries them (pingpong mode).
 */
import { describe, expect, it } from 'vitest';
import { profiles } from './profiles';
import { acceptedProbe, describeSegment, Probe } from './testing/probe';

/** Active open whose SYN,ACK arrives after `rtt` ms, with the given data already written. */
function clientWithRtt(rtt: number, written = 0) {
  const probe = new Probe(profiles.linux);
  const socket = probe.connect();
  if (written > 0) probe.call({ call: 'send', socket, data: new Uint8Array(written) });
  probe.advance(rtt);
  probe.sent();
  probe.inject({ flags: 'S.', seq: 0, ack: 1, options: [{ kind: 'mss', value: 1000 }] });
  return { probe, socket };
}

describe('SYN-SENT: the ACK of the SYN,ACK (tcp_rcv_synsent_state_process())', () => {
  it('goes at once when no data waits to be sent', () => {
    const { probe: p } = clientWithRtt(50);
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 1 win 65535']);
  });

  it('rides on the data a writer queued during the handshake, which makes the connection interactive', () => {
    const { probe: p } = clientWithRtt(50, 100);
    // "Save one ACK. Data will be ready after several ticks": the data carries it.
    expect(p.sent().map(describeSegment)).toEqual(['P. 1:101(100) ack 1 win 65535']);
    // Data sent within ato of the SYN,ACK: pingpong mode, so the reply's ACK waits (40 ms).
    p.inject({ flags: 'P.', seq: 1, ack: 101, payload: 500 });
    expect(p.sent()).toEqual([]);
    p.advance(39);
    expect(p.sent()).toEqual([]);
    p.advance(1);
    expect(p.sent().map(describeSegment)).toEqual(['. 101:101(0) ack 501 win 65535']);
  });
});

describe('ESTABLISHED: quick-ack and pingpong modes (tcp_in_quickack_mode())', () => {
  it('acknowledges the first data segments at once (quick-ack, tcp_event_data_recv())', () => {
    const { probe: p } = acceptedProbe();
    p.inject({ flags: 'P.', seq: 1, ack: 1, payload: 100 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 101 win 65535']);
    p.advance(100);
    p.inject({ flags: 'P.', seq: 101, ack: 1, payload: 100 });
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 201 win 65535']);
  });

  it('delays the ACK once it answered within ato (pingpong), so that its next reply carries it', () => {
    const { probe: p, socket } = acceptedProbe();
    p.inject({ flags: 'P.', seq: 1, ack: 1, payload: 100 });
    p.call({ call: 'send', socket, data: new Uint8Array(10) }); // the reply, at once
    p.sent();
    p.advance(100);
    p.inject({ flags: 'P.', seq: 101, ack: 11, payload: 100 });
    expect(p.sent()).toEqual([]);
    p.advance(10);
    p.call({ call: 'send', socket, data: new Uint8Array(10) });
    expect(p.sent().map(describeSegment)).toEqual(['P. 11:21(10) ack 201 win 65535']);
  });

  it('leaves pingpong mode when a delayed ACK had to go alone, and acknowledges at once again', () => {
    const { probe: p, socket } = acceptedProbe();
    p.inject({ flags: 'P.', seq: 1, ack: 1, payload: 100 });
    p.call({ call: 'send', socket, data: new Uint8Array(10) });
    p.advance(100);
    p.inject({ flags: 'P.', seq: 101, ack: 11, payload: 100 });
    p.sent();
    p.advance(40); // tcp_delack_timer_handler(): "leave pingpong mode and deflate ATO"
    expect(p.sent().map(describeSegment)).toEqual(['. 11:11(0) ack 201 win 65535']);
    p.advance(100);
    p.inject({ flags: 'P.', seq: 201, ack: 11, payload: 100 });
    expect(p.sent().map(describeSegment)).toEqual(['. 11:11(0) ack 301 win 65535']);
  });

  it('bounds a grown ACK timeout by the smoothed RTT (tcp_send_delayed_ack())', () => {
    const { probe: p } = clientWithRtt(60);
    p.sent();
    // Sixteen quick ACKs, one per segment (TCP_MAX_QUICKACKS), then the ACKs are delayed.
    let seq = 1;
    for (let i = 0; i < 16; i++) {
      p.advance(100);
      p.inject({ flags: 'P.', seq, ack: 1, payload: 10 });
      seq += 10;
      expect(p.sent()).toHaveLength(1);
    }
    p.advance(100);
    p.inject({ flags: 'P.', seq, ack: 1, payload: 10 });
    seq += 10;
    p.advance(39);
    expect(p.sent()).toEqual([]);
    p.advance(1); // ato 40 ms; the ACK that went alone doubles it to 80 ms
    expect(p.sent()).toHaveLength(1);
    p.advance(100);
    p.inject({ flags: 'P.', seq, ack: 1, payload: 10 });
    // 80 ms, bounded by the 60 ms smoothed RTT.
    p.advance(59);
    expect(p.sent()).toEqual([]);
    p.advance(1);
    expect(p.sent()).toHaveLength(1);
  });
});

describe('CLOSE-WAIT: the ACK of the FIN (tcp_fin() enters pingpong mode)', () => {
  it('waits ato after data, so a close() within it carries the ACK on its FIN (tcp_basic_server.pkt)', () => {
    const { probe: p, socket } = acceptedProbe();
    p.inject({ flags: 'P.', seq: 1, ack: 1, payload: 100 });
    p.sent();
    p.inject({ flags: 'F.', seq: 101, ack: 1 });
    expect(p.sent()).toEqual([]);
    p.advance(20);
    p.call({ call: 'receive', socket }); // all read: close() sends a FIN, not a RST
    p.call({ call: 'close', socket });
    expect(p.sent().map(describeSegment)).toEqual(['F. 1:1(0) ack 102 win 65535']);
  });

  it('goes at the next tick when no data ever arrived (ato still 0; fin-close-socket.pkt)', () => {
    const { probe: p } = acceptedProbe();
    p.inject({ flags: 'F.', seq: 1, ack: 1 });
    p.advance(0);
    expect(p.sent().map(describeSegment)).toEqual(['. 1:1(0) ack 2 win 65535']);
  });

  it('is immediate on the rfc profile and 40 ms fixed on freebsd, whatever came before', () => {
    const rfc = acceptedProbe(profiles.rfc);
    rfc.probe.inject({ flags: 'F.', seq: 1, ack: 1 });
    expect(rfc.probe.sent()).toHaveLength(1);
    const bsd = acceptedProbe(profiles.freebsd);
    bsd.probe.inject({ flags: 'P.', seq: 1, ack: 1, payload: 100 });
    bsd.probe.advance(40);
    expect(bsd.probe.sent()).toHaveLength(1);
    bsd.probe.inject({ flags: 'P.', seq: 101, ack: 1, payload: 100 });
    bsd.probe.advance(39);
    expect(bsd.probe.sent()).toEqual([]);
    bsd.probe.advance(1);
    expect(bsd.probe.sent()).toHaveLength(1);
  });
});
