import { describe, expect, it } from 'vitest';
import { Flag } from '../engine';
import type { SendEvent } from '../sim/trace';
import { bytesOfSendEvent, segmentFromSendEvent } from './send-event';
import { decodeSegment } from './tcp-header';

const request: SendEvent = {
  t: 100,
  type: 'send',
  id: 3,
  from: 'client',
  to: 'server',
  src: '10.0.0.1:49152',
  dst: '10.0.0.2:80',
  flags: ['PSH', 'ACK'],
  seq: 701,
  ack: 201,
  len: 4,
  win: 502,
  options: [{ kind: 'nop' }, { kind: 'nop' }, { kind: 'sack', blocks: [[300, 400]] }],
  retransmit: 0,
  payload: '47455420',
};

describe('from a trace send event to bytes', () => {
  it('builds the segment the event describes', () => {
    const segment = segmentFromSendEvent(request);
    expect(segment).toMatchObject({ srcPort: 49152, dstPort: 80, seq: 701, ack: 201 });
    expect(segment.flags).toBe(Flag.PSH | Flag.ACK);
    expect(segment.window).toBe(502);
    expect(new TextDecoder().decode(segment.payload)).toBe('GET ');
  });

  it('encodes it with a checksum over the event’s own addresses and a field map', () => {
    const { bytes, fields } = bytesOfSendEvent(request);
    const decoded = decodeSegment(bytes, { src: '10.0.0.1', dst: '10.0.0.2' });
    expect(decoded.checksumOk).toBe(true);
    expect(decoded.segment.options).toEqual(request.options);
    expect(fields.find((f) => f.name === 'option:sack')).toEqual({
      name: 'option:sack',
      start: 22,
      end: 32,
    });
    expect(fields.find((f) => f.name === 'payload')).toEqual({
      name: 'payload',
      start: 32,
      end: 36,
    });
  });

  it('names the segment when the event is inconsistent', () => {
    expect(() => bytesOfSendEvent({ ...request, len: 5 })).toThrow(
      'segment #3: len is 5 but the payload holds 4 bytes',
    );
    expect(() => bytesOfSendEvent({ ...request, src: '10.0.0.1' })).toThrow(
      'segment #3: "10.0.0.1" is not an address:port pair',
    );
    expect(() => bytesOfSendEvent({ ...request, win: -1 })).toThrow(/segment #3: TCP window/);
  });
});
