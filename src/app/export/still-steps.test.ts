import { describe, expect, it } from 'vitest';
import { visibleStepIndices } from '../../sim/visible-steps';
import { createLabStore } from '../../store';
import { createSimWorld } from '../../store/sim-world';
import { stillNames, stillSteps } from './still-steps';

const world = createSimWorld();
const timelineOf = (preset: string) => createLabStore({ world, preset }).getState().timeline;

describe('numbered stills', () => {
  it('are one per visible step of the whole run, the steps the presenter visits', () => {
    for (const preset of ['handshake', 'lost-syn-ack', 'active-close']) {
      const timeline = timelineOf(preset);
      const steps = stillSteps(timeline, 0, timeline.endTime);
      expect(steps).toEqual(visibleStepIndices(timeline.events));
    }
  });

  it('take the handshake as five stills: 0, 10, 60, 110 and 160 ms', () => {
    const timeline = timelineOf('handshake');
    const steps = stillSteps(timeline, 0, timeline.endTime);
    expect(steps.map((i) => timeline.times[i])).toEqual([0, 10, 60, 110, 160]);
  });

  it('keep only the steps between the two moments, both ends included', () => {
    const timeline = timelineOf('handshake');
    expect(stillSteps(timeline, 10, 110).map((i) => timeline.times[i])).toEqual([10, 60, 110]);
    expect(stillSteps(timeline, 11, 59)).toEqual([]);
  });

  it('are named 01, 02 … so they sort in order, wider past 99', () => {
    expect(stillNames(3, 'svg')).toEqual(['01.svg', '02.svg', '03.svg']);
    const many = stillNames(120, 'png');
    expect(many[0]).toBe('001.png');
    expect(many[119]).toBe('120.png');
  });
});
