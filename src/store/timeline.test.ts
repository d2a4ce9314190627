import { describe, expect, it } from 'vitest';
import { createSimWorld } from './sim-world';
import { buildTimeline } from './timeline';
import {
  isInFlight,
  lastEventAtOrBefore,
  progressAt,
  spansInWindow,
  stateAt,
  stateChangesInWindow,
  timersInWindow,
} from './world-at';

/*
 * The real simulator's "handshake" preset: the client connects at t=10 ms; SYN (id 1) 10 → 60,
 * SYN-ACK (id 2) 60 → 110, ACK (id 3) 110 → 160 over a 50 ms link.
 */
const world = createSimWorld();
const settings = world.defaults('handshake');
const handshake = buildTimeline(world.run(settings, []));

describe('the timeline keeps the trace as the simulator produced it', () => {
  it('holds every event, in order, untouched', () => {
    const run = world.run(settings, []);
    expect(buildTimeline(run).events).toBe(run.trace);
  });

  it('orders lifelines client first, server last', () => {
    expect(handshake.endpoints.map((e) => e.name)).toEqual(['client', 'server']);
  });

  it('spans each segment from its send to its arrival', () => {
    expect(handshake.spans.map((s) => [s.id, s.sentAt, s.endAt, s.outcome])).toEqual([
      [1, 10, 60, 'delivered'],
      [2, 60, 110, 'delivered'],
      [3, 110, 160, 'delivered'],
    ]);
  });

  it("draws a segment the link lost at its send across its direction's usual crossing", () => {
    // random-loss over an 80 ms link: a quarter of the segments lost half-way.
    const lossy = buildTimeline(world.run({ ...world.defaults('random-loss'), delay: 80 }, []));
    const lost = lossy.spans.filter((s) => s.dropReason === 'loss');
    expect(lost.length).toBeGreaterThan(0);
    for (const span of lost) {
      expect(span.send.arrivesAt).toBeUndefined();
      expect(span.crossingEndsAt).toBe(span.sentAt + 80);
      expect(span.endAt).toBe(span.sentAt + 40);
    }
  });
});

describe('the world at a moment', () => {
  it('gives each endpoint the RFC state after the events that have happened', () => {
    expect(stateAt(handshake, 'client', -1)).toBe('CLOSED');
    expect(stateAt(handshake, 'client', lastEventAtOrBefore(handshake, 0))).toBe('CLOSED');
    expect(stateAt(handshake, 'server', lastEventAtOrBefore(handshake, 0))).toBe('LISTEN');
    expect(stateAt(handshake, 'client', lastEventAtOrBefore(handshake, 109))).toBe('SYN-SENT');
    expect(stateAt(handshake, 'client', lastEventAtOrBefore(handshake, 110))).toBe('ESTABLISHED');
    expect(stateAt(handshake, 'server', lastEventAtOrBefore(handshake, 159))).toBe('SYN-RECEIVED');
    expect(stateAt(handshake, 'server', handshake.events.length - 1)).toBe('ESTABLISHED');
  });

  it('places a segment along its arrow by (now − sentAt) / (arrivesAt − sentAt)', () => {
    const synAck = handshake.spanById[2]!;
    expect(progressAt(synAck, 60)).toBe(0);
    expect(progressAt(synAck, 72.5)).toBe(0.25);
    expect(progressAt(synAck, 400)).toBe(1);
  });

  it('finds only the journeys that overlap a time window', () => {
    expect(spansInWindow(handshake, 70, 100).map((s) => s.id)).toEqual([2]);
    expect(spansInWindow(handshake, 60, 60).map((s) => s.id)).toEqual([1, 2]);
    expect(spansInWindow(handshake, 0, 5)).toEqual([]);
    expect(spansInWindow(handshake, 161, 900)).toEqual([]);
  });

  it('counts a segment in flight only between its send and its arrival', () => {
    const syn = handshake.spanById[1]!;
    expect(isInFlight(syn, 0, -1)).toBe(false);
    // At its send instant a drop would run before the send and miss it.
    expect(isInFlight(syn, 10, lastEventAtOrBefore(handshake, 10))).toBe(false);
    expect(isInFlight(syn, 30, lastEventAtOrBefore(handshake, 30))).toBe(true);
    expect(isInFlight(syn, 60, lastEventAtOrBefore(handshake, 60))).toBe(false);
  });
});

describe('a lost segment', () => {
  // The user drops the SYN-ACK at t=85, half way across (sent at 60, due at 110).
  const lost = buildTimeline(world.run(settings, [{ at: 85, kind: 'drop', id: 2 }]));

  it('stops where it was lost and names why', () => {
    const synAck = lost.spanById[2]!;
    expect(synAck.outcome).toBe('lost');
    expect(synAck.dropReason).toBe('user');
    expect(synAck.reach).toBeCloseTo(0.5);
    expect(progressAt(synAck, 109)).toBeCloseTo(0.5);
  });

  it('links the retransmission to its original', () => {
    const rtx = lost.spans.find((span) => span.send.original === 2)!;
    expect(rtx.send.retransmit).toBe(1);
    expect(rtx.send.flags).toEqual(['SYN', 'ACK']);
    expect(rtx.sentAt).toBe(1060);
  });

  it('shows both retransmission timers running until they fire (RFC 6298 §5.4)', () => {
    const at500 = timersInWindow(lost, 500, 500);
    expect(at500.map((timer) => [timer.endpoint, timer.expiresAt])).toEqual([
      ['client', 1010],
      ['server', 1060],
    ]);
    const fired = lost.timers.filter((timer) => timer.outcome === 'fired');
    expect(fired.slice(0, 2).map((timer) => [timer.endpoint, timer.endAt])).toEqual([
      ['client', 1010],
      ['server', 1060],
    ]);
  });
});

describe('windows of time, found by binary search', () => {
  it('gives the state changes of one endpoint within a window', () => {
    expect(stateChangesInWindow(handshake, 'client', 100, 200).map((c) => [c.t, c.to])).toEqual([
      [110, 'ESTABLISHED'],
    ]);
    expect(stateChangesInWindow(handshake, 'server', 0, 60).map((c) => c.to)).toEqual([
      'LISTEN',
      'SYN-RECEIVED',
    ]);
    expect(stateChangesInWindow(handshake, 'nobody', 0, 1000)).toEqual([]);
  });

  it('gives the same timers as a scan of all of them, in the order they were set', () => {
    const busy = buildTimeline(world.run(world.defaults('random-loss'), []));
    expect(busy.timers.length).toBeGreaterThan(5);
    const step = busy.endTime / 37;
    for (let from = -step; from <= busy.endTime + step; from += step) {
      for (const span of [0, step / 3, step * 4]) {
        const scan = busy.timers.filter((x) => x.setAt <= from + span && x.endAt >= from);
        expect(timersInWindow(busy, from, from + span)).toEqual(scan);
      }
    }
  });
});
