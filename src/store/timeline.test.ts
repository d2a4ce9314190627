import { describe, expect, it } from 'vitest';
import { relayRun, relayWorld } from './testing/relay-world';
import { buildTimeline } from './timeline';
import {
  isInFlight,
  lastEventAtOrBefore,
  progressAt,
  spansInWindow,
  stateAt,
  timersRunningAt,
} from './world-at';

const settings = relayWorld.defaults('handshake');
const handshake = buildTimeline(relayRun(settings, []));

describe('the timeline keeps the trace as the simulator produced it', () => {
  it('holds every event, in order, untouched', () => {
    const run = relayRun(settings, []);
    expect(buildTimeline(run).events).toBe(run.trace);
  });

  it('orders lifelines client first, server last', () => {
    expect(handshake.endpoints.map((e) => e.name)).toEqual(['client', 'server']);
  });

  it('spans each segment from its send to its arrival', () => {
    expect(handshake.spans.map((s) => [s.id, s.sentAt, s.endAt, s.outcome])).toEqual([
      [1, 0, 50, 'delivered'],
      [2, 50, 100, 'delivered'],
      [3, 100, 150, 'delivered'],
    ]);
  });
});

describe('the world at a moment', () => {
  it('gives each endpoint the RFC state after the events that have happened', () => {
    expect(stateAt(handshake, 'client', -1)).toBe('CLOSED');
    expect(stateAt(handshake, 'server', lastEventAtOrBefore(handshake, 0))).toBe('LISTEN');
    expect(stateAt(handshake, 'client', lastEventAtOrBefore(handshake, 99))).toBe('SYN-SENT');
    expect(stateAt(handshake, 'client', lastEventAtOrBefore(handshake, 100))).toBe('ESTABLISHED');
    expect(stateAt(handshake, 'server', handshake.events.length - 1)).toBe('ESTABLISHED');
  });

  it('places a segment along its arrow by (now − sentAt) / (arrivesAt − sentAt)', () => {
    const synAck = handshake.spanById.get(2)!;
    expect(progressAt(synAck, 50)).toBe(0);
    expect(progressAt(synAck, 62.5)).toBe(0.25);
    expect(progressAt(synAck, 400)).toBe(1);
  });

  it('finds only the journeys that overlap a time window', () => {
    expect(spansInWindow(handshake, 60, 90).map((s) => s.id)).toEqual([2]);
    expect(spansInWindow(handshake, 50, 50).map((s) => s.id)).toEqual([1, 2]);
    expect(spansInWindow(handshake, 151, 900)).toEqual([]);
  });

  it('counts a segment in flight only between its send and its arrival', () => {
    const syn = handshake.spanById.get(1)!;
    expect(isInFlight(syn, 0, -1)).toBe(false);
    expect(isInFlight(syn, 20, lastEventAtOrBefore(handshake, 20))).toBe(true);
    expect(isInFlight(syn, 50, lastEventAtOrBefore(handshake, 50))).toBe(false);
  });
});

describe('a lost segment', () => {
  const lost = buildTimeline(relayRun(settings, [{ at: 80, kind: 'drop', id: 2 }]));

  it('stops where it was lost and names why', () => {
    const synAck = lost.spanById.get(2)!;
    expect(synAck.outcome).toBe('lost');
    expect(synAck.dropReason).toBe('user');
    expect(synAck.reach).toBeCloseTo(0.6);
    expect(progressAt(synAck, 99)).toBeCloseTo(0.6);
  });

  it('links the retransmission to its original', () => {
    const rtx = lost.spanById.get(3)!;
    expect(rtx.send.retransmit).toBe(1);
    expect(rtx.send.original).toBe(2);
    expect(rtx.sentAt).toBe(1050);
  });

  it('shows the retransmission timer running until it fires', () => {
    const at500 = timersRunningAt(lost, 500, lastEventAtOrBefore(lost, 500));
    expect(at500.map((timer) => [timer.endpoint, timer.expiresAt])).toEqual([['server', 1050]]);
    expect(lost.timers.find((timer) => timer.outcome === 'fired')?.endAt).toBe(1050);
  });
});
