/**
 * Scenarios a careless or hostile user may write: every number at its extremes, huge counts,
 * spoofed ranges over real hosts. Each is refused before the run with one message naming the
 * field, or runs to a trace whose every time is finite. The first cases are the reproducers of
 * the hardening issue; the property then tries every numeric field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCENARIO_LIMITS } from './limits';
import { runScenario } from './run';
import { validateScenario } from './validate';

const endpoints = [
  { name: 'client', address: '10.0.0.1', port: 49152, isn: 700 },
  { name: 'server', address: '10.0.0.2', port: 80, isn: 200 },
];
const calls = [
  { at: 0, endpoint: 'server', call: 'listen' },
  { at: 10, endpoint: 'client', call: 'connect', to: 'server' },
];

function errorsOf(json: unknown): string[] {
  const result = validateScenario(json);
  return result.ok ? [] : result.errors;
}

const flood = (count: number, fromAddress = '198.51.100.1') => ({
  at: 20,
  count,
  interval: 1,
  to: 'server',
  fromAddress,
});

describe('bounds of a scenario', () => {
  it('refuses a delay of 1e308 ms instead of printing a trace timed Infinity', () => {
    expect(errorsOf({ endpoints, calls, link: { c2s: { delay: 1e308 } } })).toEqual([
      'link.c2s.delay: must be between 0 and 60000, got 1e+308',
    ]);
  });

  it('bounds every time and delay', () => {
    const errors = errorsOf({
      endpoints,
      until: 1e12,
      link: { s2c: { jitter: 1e9, reorderDelay: 61_000, bandwidth: 1e-300 } },
      faults: [{ direction: 'c2s', match: 'SYN', action: 'delay', by: 1e10 }],
      calls: [{ at: 1e15, endpoint: 'server', call: 'listen' }],
    });
    expect(errors).toEqual([
      'until: must be between 0 and 86400000, got 1000000000000',
      'link.s2c.jitter: must be between 0 and 60000, got 1000000000',
      'link.s2c.reorderDelay: must be between 0 and 60000, got 61000',
      'link.s2c.bandwidth: must be 0 (unlimited) or at least 1000 bits per second, got 1e-300',
      'faults[0].by: must be between 0 and 60000, got 10000000000',
      'calls[0].at: must be between 0 and 86400000, got 1000000000000000',
    ]);
  });

  it('refuses spoofed sources that cover an endpoint or wrap past 255.255.255.255', () => {
    expect(errorsOf({ endpoints, calls, inject: [flood(10, '10.0.0.0')] })).toEqual([
      "inject[0].fromAddress: the spoofed sources 10.0.0.0 to 10.0.0.9 include client's address 10.0.0.1",
      "inject[0].fromAddress: the spoofed sources 10.0.0.0 to 10.0.0.9 include server's address 10.0.0.2",
    ]);
    expect(errorsOf({ endpoints, calls, inject: [flood(2, '255.255.255.255')] })).toEqual([
      'inject[0].fromAddress: 2 sources from 255.255.255.255 would run past 255.255.255.255',
    ]);
    expect(errorsOf({ endpoints, calls, inject: [flood(1, '255.255.255.255')] })).toEqual([]);
  });

  it('refuses two injections that share a spoofed source, naming both', () => {
    const inject = [
      flood(100, '198.51.100.1'),
      flood(10, '198.51.100.200'),
      flood(50, '198.51.100.60'),
    ];
    expect(errorsOf({ endpoints, calls, inject })).toEqual([
      "inject[2].fromAddress: the spoofed sources 198.51.100.60 to 198.51.100.109 overlap inject[0]'s 198.51.100.1 to 198.51.100.100",
    ]);
    const apart = [flood(100, '198.51.100.1'), flood(100, '198.51.100.101')];
    expect(errorsOf({ endpoints, calls, inject: apart })).toEqual([]);
  });

  it('refuses 300 injections of 100,000 sources at once, before any run', () => {
    const started = performance.now();
    const inject = Array.from({ length: 300 }, () => flood(100_000));
    expect(errorsOf({ endpoints, calls, inject })).toEqual([
      'inject: must have at most 100 entries, got 300',
    ]);
    const together = Array.from({ length: 2 }, (_, i) => flood(60_000, `198.${51 + i}.0.1`));
    expect(errorsOf({ endpoints, calls, inject: together })).toEqual([
      'inject: the injections send 120000 packets together; at most 100000',
    ]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('counts the entries of every list before looking at them', () => {
    const many = (n: number, item: unknown) => Array.from({ length: n }, () => item);
    const started = performance.now();
    expect(
      errorsOf({
        endpoints: many(20_000, endpoints[0]),
        calls: many(1_001, calls[0]),
        faults: many(101, {}),
        firewall: many(101, {}),
      }),
    ).toEqual([
      'endpoints: must have at most 64 entries, got 20000',
      'faults: must have at most 100 entries, got 101',
      'firewall: must have at most 100 entries, got 101',
      'calls: must have at most 1000 entries, got 1001',
    ]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('checks duplicate names and addresses of the most endpoints allowed in one pass', () => {
    const hosts = Array.from({ length: SCENARIO_LIMITS.maxEndpoints }, (_, i) => ({
      name: `host-${i % 32}`,
      address: `10.0.${i % 16}.1`,
      port: 80,
    }));
    const errors = errorsOf({ endpoints: hosts });
    expect(errors.filter((e) => e.includes('used twice'))).toHaveLength(32 + 48);
    expect(errors[0]).toBe(
      'endpoints[16]: the address 10.0.0.1 is used twice (one host per address)',
    );
  });

  it('bounds maxSteps, and the default budget is a few seconds of work', () => {
    expect(errorsOf({ endpoints, maxSteps: 1e9 })).toEqual([
      'maxSteps: must be between 1 and 500000, got 1000000000',
    ]);
    const result = validateScenario({ endpoints });
    expect(result.ok && result.scenario.maxSteps).toBe(100_000);
  });

  it('names a value that is not finite without printing NaN or Infinity', () => {
    expect(errorsOf({ endpoints, seed: Number.NaN, until: Number.POSITIVE_INFINITY })).toEqual([
      'seed: must be a number, got a number that is not finite',
      'until: must be a number, got a number that is not finite',
    ]);
  });
});

/** A scenario with every numeric field present, so the property can reach each one. */
const FULL = {
  seed: 7,
  until: 5000,
  maxSteps: 5000,
  endpoints: [
    { ...endpoints[0], options: { mss: 1000, wscale: 7 } },
    { ...endpoints[1], options: { mss: 1460, wscale: 2 } },
  ],
  link: {
    c2s: {
      delay: 20,
      jitter: 5,
      loss: 0.1,
      duplicate: 0.1,
      reorder: 0.1,
      reorderDelay: 10,
      bandwidth: 1e6,
    },
    s2c: {
      delay: 30,
      jitter: 1,
      loss: 0.1,
      duplicate: 0,
      reorder: 0,
      reorderDelay: 5,
      bandwidth: 0,
    },
  },
  faults: [{ direction: 'c2s', match: 'SYN', nth: 2, action: 'delay', by: 100 }],
  firewall: [{ direction: 'c2s', port: 81, action: 'reject' }],
  inject: [
    { at: 5, count: 3, interval: 2, to: 'server', fromAddress: '198.51.100.1', fromPort: 1024 },
  ],
  calls: [
    { at: 0, endpoint: 'server', call: 'listen', port: 80, backlog: 4 },
    { at: 10, endpoint: 'client', call: 'connect', to: 'server' },
    {
      endpoint: 'client',
      call: 'send',
      bytes: 3000,
      after: { event: 'established', nth: 1, delay: 1 },
    },
  ],
};

/** Paths to every number in `value`, e.g. ['link', 'c2s', 'delay']. */
function numberPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'number') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => numberPaths(v, [...path, i]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => numberPaths(v, [...path, k]));
  }
  return [];
}

function withValue(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

const PATHS = numberPaths(FULL);
const EXTREMES = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 32,
  1e9,
  -1,
  0,
  5e-324,
  0.5,
];

describe('every numeric field of a scenario', () => {
  it('at any extreme value: one message naming the field, or a run with finite times', () => {
    const edit = fc.record({
      path: fc.constantFrom(...PATHS),
      value: fc.oneof(fc.constantFrom(...EXTREMES), fc.double(), fc.integer()),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const json = edits.reduce<unknown>((acc, e) => withValue(acc, e.path, e.value), FULL);
        const result = validateScenario(json);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const message of result.errors) {
            expect(message).toMatch(/^[\w.[\]()]+: \S/);
            expect(message).not.toMatch(/NaN|Infinity/);
          }
          return;
        }
        const run = runScenario(result.scenario, { maxSteps: 2000 });
        expect(Number.isFinite(run.endTime)).toBe(true);
        for (const event of run.trace) expect(Number.isFinite(event.t)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
