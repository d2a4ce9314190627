import { describe, expect, it } from 'vitest';
import { establishedPair } from './testing/pair';
import { profiles } from './profiles';

describe('handshake', () => {
  it('three-way handshake with textbook ISNs 700 and 200 (RFC 9293 §3.5 Figure 6)', () => {
    const { pair, a, b } = establishedPair();
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
      ]
    `);
    expect(pair.info('A', a)?.state).toBe('ESTABLISHED');
    expect(pair.info('B', b)?.state).toBe('ESTABLISHED');
  });
  it('linux profile options', () => {
    const { pair } = establishedPair({ profile: profiles.linux });
    expect(pair.trace).toMatchInlineSnapshot(`
      [
        "t=0 B#1 CLOSED → LISTEN",
        "t=0 A#1 CLOSED → SYN-SENT",
        "t=0 A→B SYN seq=700 win=64240 <mss 1460,sackOK,TS val 0 ecr 0,nop,wscale 7>",
        "t=50 B#2 LISTEN → SYN-RECEIVED",
        "t=50 B→A SYN,ACK seq=200 ack=701 win=64240 <mss 1460,sackOK,TS val 50 ecr 0,nop,wscale 7>",
        "t=100 A#1 SYN-SENT → ESTABLISHED",
        "t=100 A→B ACK seq=701 ack=201 win=1024 <nop,nop,TS val 100 ecr 50>",
        "t=150 B#2 SYN-RECEIVED → ESTABLISHED",
      ]
    `);
  });
});
