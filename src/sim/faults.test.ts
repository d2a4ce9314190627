import { describe, expect, it } from 'vitest';
import { seq } from '../engine';
import { Flag, type Packet, type Segment } from '../engine';
import { FaultBook, matchesKind } from './faults';
import { firewallVerdict, forgedReset } from './firewall';

function segment(flags: number, payload = 0): Segment {
  return {
    srcPort: 49152,
    dstPort: 80,
    seq: seq(700),
    ack: seq(flags & Flag.ACK ? 201 : 0),
    flags,
    window: 64240,
    urgent: 0,
    options: [],
    payload: new Uint8Array(payload),
  };
}

const packet = (s: Segment): Packet => ({ src: '10.0.0.1', dst: '10.0.0.2', segment: s });

describe('segment kinds', () => {
  it('tells a SYN from a SYN-ACK, a bare ACK from data', () => {
    expect(matchesKind(segment(Flag.SYN), 'SYN')).toBe(true);
    expect(matchesKind(segment(Flag.SYN | Flag.ACK), 'SYN')).toBe(false);
    expect(matchesKind(segment(Flag.SYN | Flag.ACK), 'SYN-ACK')).toBe(true);
    expect(matchesKind(segment(Flag.ACK), 'ACK')).toBe(true);
    expect(matchesKind(segment(Flag.ACK | Flag.PSH, 10), 'ACK')).toBe(false);
    expect(matchesKind(segment(Flag.ACK | Flag.PSH, 10), 'DATA')).toBe(true);
    expect(matchesKind(segment(Flag.FIN | Flag.ACK), 'FIN')).toBe(true);
    expect(matchesKind(segment(Flag.RST), 'RST')).toBe(true);
  });
});

describe('targeted faults', () => {
  it('drops only the n-th matching segment in its direction', () => {
    const book = new FaultBook([{ direction: 'c2s', match: 'SYN', nth: 2, action: 'drop', by: 0 }]);
    const syn = segment(Flag.SYN);
    expect(book.apply('s2c', syn).drop).toBe(false);
    expect(book.apply('c2s', syn).drop).toBe(false);
    expect(book.apply('c2s', segment(Flag.ACK)).drop).toBe(false);
    expect(book.apply('c2s', syn).drop).toBe(true);
    expect(book.apply('c2s', syn).drop).toBe(false);
  });

  it('drops every matching segment with nth "every", and delays or duplicates on request', () => {
    const book = new FaultBook([
      { direction: 'c2s', match: 'SYN', nth: 'every', action: 'drop', by: 0 },
      { direction: 's2c', match: 'FIN', nth: 1, action: 'delay', by: 500 },
      { direction: 's2c', match: 'DATA', nth: 1, action: 'duplicate', by: 3 },
    ]);
    expect([1, 2, 3].map(() => book.apply('c2s', segment(Flag.SYN)).drop)).toEqual([
      true,
      true,
      true,
    ]);
    expect(book.apply('s2c', segment(Flag.FIN | Flag.ACK))).toEqual({ drop: false, delay: 500 });
    expect(book.apply('s2c', segment(Flag.ACK, 5))).toEqual({
      drop: false,
      delay: 0,
      duplicateBy: 3,
    });
  });
});

describe('firewall', () => {
  it('matches by direction, port and kind', () => {
    const rules = [
      { direction: 'c2s' as const, port: 80, match: 'SYN' as const, action: 'drop' as const },
    ];
    expect(firewallVerdict(rules, 'c2s', packet(segment(Flag.SYN)))).toBe(rules[0]);
    expect(firewallVerdict(rules, 's2c', packet(segment(Flag.SYN)))).toBeUndefined();
    expect(firewallVerdict(rules, 'c2s', packet(segment(Flag.ACK)))).toBeUndefined();
  });

  it('forges the reset a Linux host sends for a SYN to a closed port: RST,ACK seq 0 ack SEG.SEQ+1 win 0', () => {
    const reset = forgedReset(packet(segment(Flag.SYN)));
    expect(reset).toMatchObject({ src: '10.0.0.2', dst: '10.0.0.1' });
    expect(reset?.segment).toMatchObject({
      srcPort: 80,
      dstPort: 49152,
      seq: 0,
      ack: 701,
      flags: Flag.RST | Flag.ACK,
      window: 0,
    });
  });

  it('answers an ACK-bearing segment with RST seq=SEG.ACK and never answers a reset', () => {
    expect(forgedReset(packet(segment(Flag.ACK)))?.segment).toMatchObject({
      seq: 201,
      flags: Flag.RST,
    });
    expect(forgedReset(packet(segment(Flag.RST)))).toBeUndefined();
  });
});
