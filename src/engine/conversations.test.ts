/**
 * Golden traces of whole conversations between two hosts over a link with a fixed 50 ms
 * delay. They read like a packet capture and pin the engine's visible behaviour.
 */
import { describe, expect, it } from 'vitest';
import { profiles } from './profiles';
import { ADDRESS, establishedPair, Pair } from './testing/pair';

const text = (s: string) => new TextEncoder().encode(s);

describe('conversations (golden traces)', () => {
  it('textbook: handshake, one request and reply, active close by A (rfc profile, ISNs 700/200)', () => {
    const { pair, a, b } = establishedPair();
    pair.call('A', { call: 'send', socket: a, data: text('GET /') });
    pair.settle();
    pair.call('B', { call: 'receive', socket: b });
    pair.call('B', { call: 'send', socket: b, data: text('200 OK') });
    pair.settle();
    pair.call('A', { call: 'receive', socket: a });
    pair.call('A', { call: 'close', socket: a });
    pair.settle();
    pair.call('B', { call: 'close', socket: b });
    pair.run();
    expect(pair.trace).toMatchInlineSnapshot(`
      [
        "t=0 B#1 CLOSED → LISTEN",
        "t=0 A#1 CLOSED → SYN-SENT",
        "t=0 A→B SYN seq=700 win=65535 <mss 1460>",
        "t=50 B#2 LISTEN → SYN-RECEIVED",
        "t=50 B→A SYN,ACK seq=200 ack=701 win=65535 <mss 1460>",
        "t=100 A#1 SYN-SENT → ESTABLISHED",
        "t=100 A→B ACK seq=701 ack=201 win=65535",
        "t=150 B#2 SYN-RECEIVED → ESTABLISHED",
        "t=150 A→B PSH,ACK seq=701 ack=201 win=65535 len=5",
        "t=200 B→A PSH,ACK seq=201 ack=706 win=65535 len=6",
        "t=250 A#1 ESTABLISHED → FIN-WAIT-1",
        "t=250 A→B FIN,ACK seq=706 ack=207 win=65535",
        "t=300 B#2 ESTABLISHED → CLOSE-WAIT",
        "t=300 B→A ACK seq=207 ack=707 win=65535",
        "t=350 A#1 FIN-WAIT-1 → FIN-WAIT-2",
        "t=350 B#2 CLOSE-WAIT → LAST-ACK",
        "t=350 B→A FIN,ACK seq=207 ack=707 win=65535",
        "t=400 A#1 FIN-WAIT-2 → TIME-WAIT",
        "t=400 A→B ACK seq=707 ack=208 win=65535",
        "t=450 B#2 LAST-ACK → CLOSED",
        "t=240400 A#1 TIME-WAIT → CLOSED",
      ]
    `);
  });

  it('simultaneous open (RFC 9293 §3.5 Figure 8)', () => {
    const pair = new Pair();
    pair.call('A', { call: 'connect', remote: ADDRESS.B, remotePort: 1000, localPort: 2000 });
    pair.call('B', { call: 'connect', remote: ADDRESS.A, remotePort: 2000, localPort: 1000 });
    pair.settle();
    expect(pair.trace).toMatchInlineSnapshot(`
      [
        "t=0 A#1 CLOSED → SYN-SENT",
        "t=0 A→B SYN seq=700 win=65535 <mss 1460>",
        "t=0 B#1 CLOSED → SYN-SENT",
        "t=0 B→A SYN seq=200 win=65535 <mss 1460>",
        "t=50 B#1 SYN-SENT → SYN-RECEIVED",
        "t=50 B→A SYN,ACK seq=200 ack=701 win=65535 <mss 1460>",
        "t=50 A#1 SYN-SENT → SYN-RECEIVED",
        "t=50 A→B SYN,ACK seq=700 ack=201 win=65535 <mss 1460>",
        "t=100 A#1 SYN-RECEIVED → ESTABLISHED",
        "t=100 A→B ACK seq=701 ack=201 win=65535",
        "t=100 B#1 SYN-RECEIVED → ESTABLISHED",
        "t=100 B→A ACK seq=201 ack=701 win=65535",
      ]
    `);
  });

  it('simultaneous close through CLOSING (RFC 9293 §3.6 Figure 13)', () => {
    const { pair, a, b } = establishedPair();
    pair.call('A', { call: 'close', socket: a });
    pair.call('B', { call: 'close', socket: b });
    pair.run();
    expect(pair.trace.slice(8)).toMatchInlineSnapshot(`
      [
        "t=150 A#1 ESTABLISHED → FIN-WAIT-1",
        "t=150 A→B FIN,ACK seq=701 ack=201 win=65535",
        "t=150 B#2 ESTABLISHED → FIN-WAIT-1",
        "t=150 B→A FIN,ACK seq=201 ack=701 win=65535",
        "t=200 B#2 FIN-WAIT-1 → CLOSING",
        "t=200 B→A ACK seq=202 ack=702 win=65535",
        "t=200 A#1 FIN-WAIT-1 → CLOSING",
        "t=200 A→B ACK seq=702 ack=202 win=65535",
        "t=250 A#1 CLOSING → TIME-WAIT",
        "t=250 B#2 CLOSING → TIME-WAIT",
        "t=240250 A#1 TIME-WAIT → CLOSED",
        "t=240250 B#2 TIME-WAIT → CLOSED",
      ]
    `);
  });

  it('a lost SYN is retransmitted after the initial RTO of 1 s (RFC 6298 §2.1)', () => {
    const pair = new Pair({ drop: (_p, from, n) => from === 'A' && n === 1 });
    pair.call('B', { call: 'listen', port: 80 });
    pair.call('A', { call: 'connect', remote: ADDRESS.B, remotePort: 80 });
    pair.run(3000);
    expect(pair.trace).toMatchInlineSnapshot(`
      [
        "t=0 B#1 CLOSED → LISTEN",
        "t=0 A#1 CLOSED → SYN-SENT",
        "t=0 A→B SYN seq=700 win=65535 <mss 1460> LOST",
        "t=1000 A→B SYN seq=700 win=65535 <mss 1460> (rtx 1)",
        "t=1050 B#2 LISTEN → SYN-RECEIVED",
        "t=1050 B→A SYN,ACK seq=200 ack=701 win=65535 <mss 1460>",
        "t=1100 A#1 SYN-SENT → ESTABLISHED",
        "t=1100 A→B ACK seq=701 ack=201 win=65535",
        "t=1150 B#2 SYN-RECEIVED → ESTABLISHED",
      ]
    `);
  });

  it('a lost data segment is resent at the RTO; the later one was held and is not resent (linux)', () => {
    let lost = 0;
    const { pair, a } = establishedPair({
      profile: profiles.linux,
      drop: (p, from) => from === 'A' && p.segment.payload.length > 0 && lost++ === 0,
    });
    pair.call('A', { call: 'send', socket: a, data: new Uint8Array(2000) });
    pair.run(3000);
    expect(pair.trace.slice(8)).toMatchInlineSnapshot(`
      [
        "t=150 A→B ACK seq=701 ack=201 win=1024 len=1448 <nop,nop,TS val 150 ecr 50> LOST",
        "t=150 A→B PSH,ACK seq=2149 ack=201 win=1024 len=552 <nop,nop,TS val 150 ecr 50>",
        "t=200 B→A ACK seq=201 ack=701 win=1024 <nop,nop,TS val 200 ecr 100,nop,nop,sack 2149:2701>",
        "t=450 A→B ACK seq=701 ack=201 win=1024 len=1448 <nop,nop,TS val 450 ecr 200> (rtx 1)",
        "t=500 B→A ACK seq=201 ack=2701 win=1008 <nop,nop,TS val 500 ecr 450>",
      ]
    `);
  });

  it('connecting to a port nobody listens on is refused', () => {
    const pair = new Pair();
    pair.call('A', { call: 'connect', remote: ADDRESS.B, remotePort: 9 });
    pair.settle();
    expect(pair.trace).toMatchInlineSnapshot(`
      [
        "t=0 A#1 CLOSED → SYN-SENT",
        "t=0 A→B SYN seq=700 win=65535 <mss 1460>",
        "t=50 B→A RST,ACK seq=0 ack=701 win=0",
        "t=100 A#1 error ECONNREFUSED",
        "t=100 A#1 SYN-SENT → CLOSED",
      ]
    `);
  });
});
