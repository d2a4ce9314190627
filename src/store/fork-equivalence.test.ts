/**
 * A fork made in the store (restore the latest checkpoint before the drop, run only the new
 * future, extend the kept part of the timeline) must leave the store exactly as a run made from
 * the start with the same drops: same trace, same indexes. Random long transfers over a lossy,
 * jittery, duplicating link, random drops; a fixed seed in `npm test`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateScenario, type Preset } from '../sim';
import { createLabStore } from './create-lab-store';
import { createSimWorld } from './sim-world';
import type { Timeline } from './timeline';
import { isInFlight, lastEventAtOrBefore } from './world-at';

function transfer(link: { loss: number; jitter: number; duplicate: number }): Preset {
  const direction = { delay: 20, ...link };
  const result = validateScenario({
    seed: 1,
    link: { c2s: direction, s2c: direction },
    endpoints: [
      { name: 'client', address: '10.0.0.1', port: 49152, isn: 700, options: { mss: 536 } },
      { name: 'server', address: '10.0.0.2', port: 80, isn: 200, options: { mss: 536 } },
    ],
    calls: [
      { at: 0, endpoint: 'server', call: 'listen' },
      { at: 1, endpoint: 'client', call: 'connect', to: 'server' },
      { endpoint: 'client', after: { event: 'established' }, call: 'send', bytes: 60_000 },
      { endpoint: 'client', after: { event: 'established' }, call: 'close' },
      { endpoint: 'server', after: { event: 'eof' }, call: 'close' },
    ],
  });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return { name: 'transfer', title: 'Transfer', description: 'test', scenario: result.scenario };
}

const forks = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 }),
  loss: fc.constantFrom(0, 0.01, 0.05),
  jitter: fc.constantFrom(0, 5),
  duplicate: fc.constantFrom(0, 0.03),
  /** Where each drop happens, as a fraction of the segments of the run then on screen. */
  drops: fc.array(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { minLength: 1, maxLength: 3 }),
});

describe('a fork in the store', () => {
  it('gives the timeline of the same run made from the start, reusing the kept past', () => {
    let reused = 0;
    fc.assert(
      fc.property(forks, ({ seed, loss, jitter, duplicate, drops }) => {
        const preset = transfer({ loss, jitter, duplicate });
        // Snapshots every 32 steps: forks of these short runs resume from one, as long runs do.
        const store = createLabStore({
          world: createSimWorld([preset], { checkpointEvery: 32 }),
        });
        store.getState().changeRunSettings({ seed });
        for (const fraction of drops) {
          const before: Timeline = store.getState().timeline;
          // Half-way along a segment's crossing (the run ends with long idle timers, so
          // moments are picked among segments rather than along the whole time line).
          const target = before.spans[Math.floor(before.spans.length * fraction)];
          if (!target) continue;
          const t = (target.sentAt + target.crossingEndsAt) / 2;
          store.getState().seek(t);
          const cursor = lastEventAtOrBefore(before, t);
          const span = before.spans.find((s) => !s.copy && isInFlight(s, t, cursor));
          if (!span) continue;
          store.getState().dropSegment(span.id);
          const after = store.getState().timeline;
          expect(after).not.toBe(before);
          if (after.spans[0] === before.spans[0]) reused += 1;
        }
        const { base, interventions, timeline } = store.getState();
        const fresh = createLabStore({ world: createSimWorld([preset]), run: base, interventions });
        expect(timeline).toEqual(fresh.getState().timeline);
      }),
      { numRuns: 10, seed: 1317 },
    );
    // The property is about the incremental path: most forks must have taken it.
    expect(reused).toBeGreaterThan(10);
  });
});
