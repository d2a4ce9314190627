import { describe, expect, it } from 'vitest';
import {
  deriveTraceFacts,
  relativeSeq,
  segmentAccessibleName,
  segmentLabel,
} from './segment-label';
import { ACK, DATA, FIN, HANDSHAKE, SYN, SYN_ACK, send } from './testing/handshake-trace';

const absolute = deriveTraceFacts(HANDSHAKE, 'absolute');
const relative = deriveTraceFacts(HANDSHAKE, 'relative');

describe('segmentLabel, absolute numbers', () => {
  it('names the handshake as textbooks do', () => {
    expect(segmentLabel(SYN, absolute)).toBe('SYN seq=700');
    expect(segmentLabel(SYN_ACK, absolute)).toBe('SYN-ACK seq=200 ack=701');
    expect(segmentLabel(ACK, absolute)).toBe('ACK seq=701 ack=201');
  });

  it('gives data its length and closes with FIN-ACK', () => {
    expect(segmentLabel(DATA, absolute)).toBe('PSH-ACK seq=701 ack=201 len=18');
    expect(segmentLabel(FIN, absolute)).toBe('FIN-ACK seq=719 ack=201');
  });

  it('leaves out ack when the ACK bit is clear (RFC 9293 §3.1: the field is then unused)', () => {
    expect(segmentLabel(send(9, 'server', ['RST'], 0, 12345), absolute)).toBe('RST seq=0');
    expect(segmentLabel(send(9, 'server', ['RST', 'ACK'], 0, 701), absolute)).toBe(
      'RST-ACK seq=0 ack=701',
    );
  });

  it('names FIN with data, ECN bits and a segment with no flags', () => {
    const finData = send(9, 'client', ['FIN', 'PSH', 'ACK'], 701, 201, { len: 3 });
    expect(segmentLabel(finData, absolute)).toBe('FIN-PSH-ACK seq=701 ack=201 len=3');
    expect(segmentLabel(send(9, 'client', ['SYN', 'ECE', 'CWR'], 700, 0), absolute)).toBe(
      'SYN-ECE-CWR seq=700',
    );
    expect(segmentLabel(send(9, 'client', [], 700, 0), absolute)).toBe('no flags seq=700');
  });
});

describe('segmentLabel, relative numbers (seq from the sender ISN, ack from the receiver ISN)', () => {
  it('counts from zero on each side, as Wireshark does', () => {
    expect(segmentLabel(SYN, relative)).toBe('SYN seq=0');
    expect(segmentLabel(SYN_ACK, relative)).toBe('SYN-ACK seq=0 ack=1');
    expect(segmentLabel(ACK, relative)).toBe('ACK seq=1 ack=1');
    expect(segmentLabel(DATA, relative)).toBe('PSH-ACK seq=1 ack=1 len=18');
    expect(segmentLabel(FIN, relative)).toBe('FIN-ACK seq=19 ack=1');
  });

  it('shows absolute numbers for an endpoint that never sent a SYN (a refused connection)', () => {
    const syn = send(1, 'client', ['SYN'], 700, 0);
    const rst = send(2, 'server', ['RST', 'ACK'], 0, 701);
    const facts = deriveTraceFacts([syn, rst], 'relative');
    expect(segmentLabel(rst, facts)).toBe('RST-ACK seq=0 ack=1');
    expect(facts.isn).toEqual({ client: 700 });
  });

  it('wraps modulo 2^32: an ISN of 2^32 − 2 reads like any other (RFC 9293 §3.4)', () => {
    const isn = 2 ** 32 - 2;
    const syn = send(1, 'client', ['SYN'], isn, 0);
    const data = send(2, 'client', ['PSH', 'ACK'], (isn + 1) >>> 0, 201, { len: 5 });
    const later = send(3, 'client', ['ACK'], (isn + 6) >>> 0, 201);
    const facts = deriveTraceFacts([syn, SYN_ACK, data, later], 'relative');
    expect(segmentLabel(data, facts)).toBe('PSH-ACK seq=1 ack=1 len=5');
    expect(segmentLabel(later, facts)).toBe('ACK seq=6 ack=1');
  });
});

describe('relativeSeq', () => {
  it('is the distance from the ISN modulo 2^32', () => {
    expect(relativeSeq(701, 700)).toBe(1);
    expect(relativeSeq(3, 2 ** 32 - 2)).toBe(5);
    expect(relativeSeq(700, 700)).toBe(0);
  });
});

describe('deriveTraceFacts', () => {
  it('takes each ISN from the first SYN that endpoint sent, and each address', () => {
    const retransmittedLater = send(20, 'client', ['SYN'], 9999, 0);
    const facts = deriveTraceFacts([...HANDSHAKE, retransmittedLater]);
    expect(facts.isn).toEqual({ client: 700, server: 200 });
    expect(facts.address).toEqual({ client: '10.0.0.1:49152', server: '10.0.0.2:80' });
    expect(facts.numbering).toBe('absolute');
  });
});

describe('segmentAccessibleName', () => {
  it('adds the direction in words', () => {
    expect(segmentAccessibleName(SYN, absolute)).toBe('SYN seq=700 client to server');
    expect(segmentAccessibleName(SYN_ACK, relative)).toBe('SYN-ACK seq=0 ack=1 server to client');
  });
});
