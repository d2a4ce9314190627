/** Applies the command line's overrides to a scenario's JSON, before it is validated. */
import { ArgError, type RunArgs } from './args';

type Json = Record<string, unknown>;

function asObject(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}

/** The scenario JSON with every given option applied (the input is not changed). */
export function applyOverrides(scenario: unknown, args: RunArgs): unknown {
  // JSON that is not an object stays as it is, so validation names it as such.
  if (typeof scenario !== 'object' || scenario === null || Array.isArray(scenario)) return scenario;
  const base = asObject(scenario);
  const out: Json = { ...base };
  if (args.seed !== undefined) out.seed = args.seed;
  if (args.until !== undefined) out.until = args.until;

  const link = asObject(base.link);
  const direction = (d: unknown): Json => {
    const next: Json = { ...asObject(d) };
    if (args.delay !== undefined) next.delay = args.delay;
    if (args.jitter !== undefined) next.jitter = args.jitter;
    // The lab's loss is in percent; a scenario holds the probability (lab-settings.ts).
    if (args.loss !== undefined) next.loss = args.loss / 100;
    return next;
  };
  if (args.delay !== undefined || args.jitter !== undefined || args.loss !== undefined) {
    out.link = { ...link, c2s: direction(link.c2s), s2c: direction(link.s2c) };
  }

  if (args.drops.length > 0) {
    out.faults = [...(Array.isArray(base.faults) ? base.faults : []), ...args.drops];
  }

  if (Array.isArray(base.endpoints) && (args.profile !== undefined || args.isn !== undefined)) {
    const isn = args.isn ?? {};
    const names = base.endpoints.map((e) => asObject(e).name);
    for (const name of Object.keys(isn)) {
      if (!names.includes(name)) {
        throw new ArgError(
          `--isn: the scenario has no endpoint "${name}" (it has ${names.join(', ')})`,
        );
      }
    }
    out.endpoints = base.endpoints.map((e) => {
      const endpoint: Json = { ...asObject(e) };
      if (args.profile !== undefined) endpoint.profile = args.profile;
      // Linux sysctls belong to a linux endpoint; another stack runs its own table.
      if (args.profile !== undefined && args.profile !== 'linux') delete endpoint.sysctls;
      const fixed = typeof endpoint.name === 'string' ? isn[endpoint.name] : undefined;
      if (fixed !== undefined) endpoint.isn = fixed;
      return endpoint;
    });
  }
  return out;
}
