import { describe, expect, it } from 'vitest';
import { summarizeEvent } from './event-summary';
import { deriveTraceFacts } from './trace-facts';
import { HANDSHAKE, SYN } from './testing/handshake-trace';
import { LOST_SYN_ACK, RESENT_SYN_ACK } from './testing/lost-syn-ack-trace';

const facts = deriveTraceFacts(LOST_SYN_ACK);

describe('summarizeEvent: the event log row of each event', () => {
  it('gives a segment its direction and label, and marks a retransmission', () => {
    expect(summarizeEvent(SYN, facts)).toEqual({
      who: 'client → server',
      what: 'send',
      details: 'SYN seq=700',
      segmentId: 1,
    });
    expect(summarizeEvent(RESENT_SYN_ACK, facts)).toMatchObject({
      what: 'retransmit',
      details: 'SYN-ACK seq=200 ack=701 (again #2)',
    });
  });

  it('names what the link did with a segment, and which segment', () => {
    expect(summarizeEvent({ type: 'drop', t: 27, id: 2, reason: 'loss' }, facts)).toEqual({
      who: 'link → client',
      what: 'lost',
      details: '#2 SYN-ACK seq=200 ack=701: loss',
      segmentId: 2,
    });
    expect(summarizeEvent({ type: 'deliver', t: 15, id: 1 }, facts).what).toBe('arrive');
  });

  it('writes states, timers, calls and data briefly', () => {
    const state = LOST_SYN_ACK.find((e) => e.type === 'state');
    expect(state && summarizeEvent(state, facts)).toEqual({
      who: 'server',
      what: 'state',
      details: 'LISTEN → SYN-RECEIVED',
    });
    const timer = LOST_SYN_ACK.find((e) => e.type === 'timer');
    expect(timer && summarizeEvent(timer, facts).details).toBe('retransmit 1 s');
    const call = HANDSHAKE[0];
    expect(call && summarizeEvent(call, facts)).toMatchObject({
      what: 'call',
      details: 'listen()',
    });
    expect(
      summarizeEvent({ type: 'data', t: 9, endpoint: 'server', len: 2, bytes: '6869' }, facts)
        .details,
    ).toBe('2 bytes to the application “hi”');
  });
});
