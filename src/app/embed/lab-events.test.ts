import { describe, expect, it } from 'vitest';
import { createLabStore } from '../../store';
import { createSimWorld } from '../../store/sim-world';
import { selectTraceFacts } from '../../ui/connected/trace-facts';
import { eventsPassed, MAX_EVENTS_PER_MOVE } from './lab-events';

const world = createSimWorld();

describe('events a host page hears', () => {
  it('tells the handshake as it happens: segments sent and delivered, states changed', () => {
    const state = createLabStore({ world, preset: 'handshake' }).getState();
    const events = eventsPassed(
      state.timeline,
      -1,
      state.timeline.events.length - 1,
      selectTraceFacts(state),
    );
    const told = events.map((e) =>
      e.event === 'segment'
        ? `${e.kind} ${e.label} ${e.from}→${e.to}`
        : e.event === 'state'
          ? `${e.endpoint} ${e.to}`
          : e.event,
    );
    expect(told).toContain('sent SYN seq=700 client→server');
    expect(told).toContain('delivered SYN-ACK seq=200 ack=701 server→client');
    expect(told.indexOf('sent SYN seq=700 client→server')).toBeLessThan(
      told.indexOf('delivered SYN seq=700 client→server'),
    );
    expect(told.filter((line) => line.endsWith('ESTABLISHED'))).toEqual([
      'client ESTABLISHED',
      'server ESTABLISHED',
    ]);
  });

  it('names why a segment was dropped', () => {
    const state = createLabStore({ world, preset: 'lost-syn-ack' }).getState();
    const dropped = eventsPassed(
      state.timeline,
      -1,
      state.timeline.events.length - 1,
      selectTraceFacts(state),
    ).filter((e) => e.event === 'segment' && e.kind === 'dropped');
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped[0]).toMatchObject({ from: 'server', to: 'client', label: /^SYN-ACK/ });
    expect(dropped[0]).toHaveProperty('reason');
  });

  it('reports nothing for a move backwards, and a bounded number for a long jump', () => {
    const state = createLabStore({ world, preset: 'random-loss' }).getState();
    const facts = selectTraceFacts(state);
    expect(eventsPassed(state.timeline, 5, 2, facts)).toEqual([]);
    expect(eventsPassed(state.timeline, -1, 1e9, facts).length).toBeLessThanOrEqual(
      MAX_EVENTS_PER_MOVE,
    );
  });
});
