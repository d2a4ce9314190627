import { describe, expect, it } from 'vitest';
import { createLabStore } from './create-lab-store';
import { createSimWorld } from './sim-world';
import { stateAt } from './world-at';

/*
 * The handshake preset: the server listens at 0, the client's SYN leaves at 10 ms and arrives at
 * 60, the SYN-ACK arrives at 110, the ACK at 160 (50 ms each way).
 */
const world = createSimWorld();
const lab = (preset = 'handshake') => createLabStore({ world, preset });

describe('stepping by what the diagram shows', () => {
  it('takes the handshake to both ESTABLISHED in five steps: 0, 10, 60, 110, 160 ms', () => {
    const store = lab();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      store.getState().nextStep();
      times.push(store.getState().t);
    }
    expect(times).toEqual([0, 10, 60, 110, 160]);
    const s = store.getState();
    expect([
      stateAt(s.timeline, 'client', s.cursor),
      stateAt(s.timeline, 'server', s.cursor),
    ]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
  });

  it('shows everything that happened at a step: the SYN leaves as the client enters SYN-SENT', () => {
    const store = lab();
    store.getState().nextStep();
    store.getState().nextStep();
    const s = store.getState();
    expect(stateAt(s.timeline, 'client', s.cursor)).toBe('SYN-SENT');
    expect(s.timeline.events.slice(0, s.cursor + 1).some((e) => e.type === 'send')).toBe(true);
    expect(s.timeline.events[s.cursor + 1]?.t).toBeGreaterThan(s.t);
  });

  it('steps back the same way, to the start', () => {
    const store = lab();
    store.getState().toEnd();
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      store.getState().previousStep();
      times.push(store.getState().t);
    }
    expect(times).toEqual([110, 60, 10, 0, 0, 0]);
    expect(store.getState().cursor).toBe(-1);
  });

  it('from between two moments, steps back to the one just passed', () => {
    const store = lab();
    store.getState().seek(85);
    store.getState().previousStep();
    expect(store.getState().t).toBe(60);
  });

  it('from the middle of an instant (after single events), finishes that instant first', () => {
    const store = lab();
    for (let i = 0; i < 3; i++) store.getState().stepNext();
    expect(store.getState().t).toBe(10);
    store.getState().nextStep();
    const s = store.getState();
    expect(s.t).toBe(10);
    expect(s.timeline.events[s.cursor + 1]?.t).toBeGreaterThan(10);
  });

  it('stops at the end and pauses', () => {
    const store = lab();
    store.getState().play();
    for (let i = 0; i < 10; i++) store.getState().nextStep();
    const s = store.getState();
    expect([s.t, s.cursor, s.playing]).toEqual([
      s.timeline.endTime,
      s.timeline.events.length - 1,
      false,
    ]);
  });
});
