/**
 * Every event of every preset, run on each profile the app offers, is told in a sentence that
 * cites an RFC and never credits a behaviour to a stack the run does not use.
 */
import { describe, expect, it } from 'vitest';
import { presets, runScenario } from '../../sim';
import { narrate } from './narrate';
import { deriveTraceFacts } from './trace-facts';

const STACKS = { rfc: null, linux: 'Linux', freebsd: 'FreeBSD' } as const;

describe('narration of every preset on every profile', () => {
  for (const profile of ['rfc', 'linux', 'freebsd'] as const) {
    it(`cites an RFC for each event and names no other stack (${profile})`, () => {
      const others = Object.entries(STACKS)
        .filter(([name, stack]) => name !== profile && stack !== null)
        .map(([, stack]) => stack as string);
      for (const preset of presets) {
        const endpoints = preset.scenario.endpoints.map((e) => ({ ...e, profile }));
        const run = runScenario({ ...preset.scenario, endpoints });
        const facts = deriveTraceFacts(run.trace, 'absolute', endpoints);
        for (const event of run.trace) {
          const told = narrate(event, facts);
          expect(told, `${preset.name} ${event.type} at ${event.t} ms`).toMatch(/RFC \d+/);
          for (const stack of others) expect(told, preset.name).not.toContain(stack);
        }
      }
    });
  }
});
