/**
 * Every surface reads the lab's settings from one declaration (src/sim/settings), so they agree:
 * a valid setting survives a link, a host page's message and the command line unchanged and
 * makes the same run; an invalid one gets the same words on each.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../cli/args-apply';
import { ArgError, parseArgs, type RunArgs } from '../cli/args';
import { getPreset, validateScenario, type Scenario } from '../sim';
import {
  LAB_SETTINGS,
  PROFILE_NAMES,
  withIpVersion,
  withIsnMode,
  type NumberKind,
} from '../sim/settings';
import type { RunSettings } from '../store';
import { scenarioFor } from '../store/sim-world';
import { hostMessageProblem, readHostCommand } from './embed/host-protocol';
import { parseUrlState, serializeUrlState } from './url/url-params';

const PRESET = 'handshake';
const envelope = { source: 'handshake-lab', version: 1 } as const;
const kind = (name: string) => LAB_SETTINGS.find((s) => s.name === name)?.kind as NumberKind;

const validSettings = fc.record({
  seed: fc.integer({ min: 0, max: 4294967295 }),
  delay: fc.double({ min: 0, max: kind('delay').max, noNaN: true }),
  jitter: fc.double({ min: 0, max: kind('jitter').max, noNaN: true }),
  loss: fc.double({ min: 0, max: 100, noNaN: true }),
  profile: fc.constantFrom(...PROFILE_NAMES),
  isn: fc.constantFrom('textbook' as const, 'random' as const),
  ip: fc.constantFrom('ipv4' as const, 'ipv6' as const),
});

function cliArgs(settings: Record<string, unknown>): RunArgs {
  const argv = ['--scenario', PRESET];
  // `--name=value`: a value may not start with "-" after a space (util.parseArgs).
  for (const [name, value] of Object.entries(settings)) argv.push(`--${name}=${String(value)}`);
  const args = parseArgs(argv);
  if (args.kind !== 'run') throw new Error('expected a run');
  return args;
}

/** The scenario the command line runs for these arguments, as sim.ts builds it. */
function cliScenario(args: RunArgs): Scenario {
  const result = validateScenario(applyOverrides(getPreset(PRESET)?.scenario, args));
  if (!result.ok) throw new Error(result.errors.join('; '));
  const mode = args.isnMode;
  const isns = mode
    ? { ...result.scenario, endpoints: withIsnMode(result.scenario.endpoints, mode) }
    : result.scenario;
  return args.ip ? withIpVersion(isns, args.ip) : isns;
}

describe('one declaration, every surface', () => {
  it('round-trips valid settings through a link, a host message and the command line to the same run', () => {
    fc.assert(
      fc.property(validSettings, (settings) => {
        const url = parseUrlState(serializeUrlState({ scenario: PRESET, ...settings }), [PRESET]);
        expect(url.notes).toEqual([]);
        expect(url.state).toEqual({ scenario: PRESET, ...settings });

        expect(readHostCommand({ ...envelope, command: 'set', settings })).toEqual({
          command: 'set',
          settings,
        });

        const args = cliArgs(settings);
        const { isn, ...rest } = settings;
        expect(args).toMatchObject({ ...rest, isnMode: isn });
        const preset = getPreset(PRESET);
        const lab: RunSettings = { preset: PRESET, ...settings, sysctls: '' };
        expect(cliScenario(args)).toEqual(scenarioFor(preset!, lab));
      }),
      { numRuns: 100 },
    );
  });

  const invalid = fc.oneof(
    fc.record({
      name: fc.constantFrom('seed', 'delay', 'jitter', 'loss'),
      value: fc.oneof(
        fc.double({ min: -1e12, max: -1e-3 }),
        fc.double({ min: 4294967296, max: 1e15 }),
      ),
    }),
    fc.record({ name: fc.constant('seed'), value: fc.double({ min: 0.01, max: 0.99 }) }),
    fc.record({
      name: fc.constantFrom('profile', 'isn', 'ip'),
      value: fc
        .stringMatching(/^[a-z0-9]{1,12}$/)
        .filter(
          (v) =>
            !['rfc', 'linux', 'freebsd', 'textbook', 'random', 'ipv4', 'ipv6', '4', '6'].includes(
              v,
            ),
        ),
    }),
  );

  it('gives an invalid value the same words in a link, a host message and on the command line', () => {
    fc.assert(
      fc.property(invalid, ({ name, value }) => {
        const text = String(value);
        const url = parseUrlState(`${name}=${encodeURIComponent(text)}`).notes;
        expect(url).toHaveLength(1);
        const fromUrl = /^Ignored [^=]+=.*?: (.*)\.$/.exec(url[0]!)?.[1];

        const host = hostMessageProblem({
          ...envelope,
          command: 'set',
          settings: { [name]: value },
        });
        const fromHost = /^Ignored set [^=]+=.*?: (.*)\.$/.exec(host ?? '')?.[1];

        let cli = '';
        try {
          cliArgs({ [name]: text });
        } catch (error) {
          expect(error).toBeInstanceOf(ArgError);
          cli = (error as Error).message;
        }
        const fromCli = /^--[a-z]+: (.*), got ".*"$/.exec(cli)?.[1];

        expect(fromUrl).toMatch(/^expected /);
        expect([fromHost, fromCli]).toEqual([fromUrl, fromUrl]);
      }),
      { numRuns: 200 },
    );
  });

  it('holds the Jitter field, the link and the host page to one bound', () => {
    expect(parseUrlState('jitter=8000').state).toEqual({ jitter: 8000 });
    expect(readHostCommand({ ...envelope, command: 'set', settings: { jitter: 8000 } })).toEqual({
      command: 'set',
      settings: { jitter: 8000 },
    });
    expect(cliArgs({ jitter: 8000 }).jitter).toBe(8000);
  });
});
