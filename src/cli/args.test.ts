import { describe, expect, it } from 'vitest';
import { applyOverrides } from './args-apply';
import { ArgError, parseArgs, parseDropRule, parseIsn, quoted, type RunArgs } from './args';

function run(argv: string[]): RunArgs {
  const args = parseArgs(argv);
  if (args.kind !== 'run') throw new Error(`expected a run, got ${args.kind}`);
  return args;
}

describe('parseArgs', () => {
  it('reads every option, in both --name value and --name=value forms', () => {
    expect(
      run([
        '--scenario',
        'handshake',
        '--seed=9',
        '--profile',
        'rfc',
        '--delay',
        '20',
        '--jitter=5',
        '--loss',
        '10',
        '--drop',
        's2c:SYN-ACK#1',
        '--drop=c2s:SYN#*',
        '--isn',
        'client=1,server=2',
        '--until',
        '5000',
        '--format',
        'jsonl',
        '--pcap',
        'out.pcap',
        '--capture-at',
        'client',
      ]),
    ).toEqual({
      kind: 'run',
      scenario: 'handshake',
      seed: 9,
      profile: 'rfc',
      delay: 20,
      jitter: 5,
      loss: 10,
      drops: [
        { direction: 's2c', match: 'SYN-ACK', nth: 1, action: 'drop', by: 0 },
        { direction: 'c2s', match: 'SYN', nth: 'every', action: 'drop', by: 0 },
      ],
      isn: { client: 1, server: 2 },
      until: 5000,
      format: 'jsonl',
      pcap: 'out.pcap',
      captureAt: 'client',
    });
  });

  it('defaults to text output captured on the link', () => {
    expect(run(['--scenario', 'handshake'])).toMatchObject({
      format: 'text',
      captureAt: 'link',
      drops: [],
    });
  });

  it('recognises --help and --list', () => {
    expect(parseArgs(['--scenario', 'x', '--help'])).toEqual({ kind: 'help' });
    expect(parseArgs(['--list'])).toEqual({ kind: 'list' });
  });

  it.each([
    [['--scenario', 'h', '--loss', '150'], '--loss: expected a number from 0 to 100 %, got "150"'],
    [['--scenario', 'h', '--delay=-3'], '--delay: expected a number from 0 to 60000 ms, got "-3"'],
    [
      ['--scenario', 'h', '--delay', '-3'],
      '--delay: needs a value (a value that starts with "-" is written --delay=VALUE)',
    ],
    [['--scenario', 'h', '--seed', 'abc'], '--seed: expected a number, got "abc"'],
    [['--scenario', 'h', '--seed', '1.5'], '--seed: expected a whole number, got "1.5"'],
    [['--scenario', 'h', '--format', 'xml'], '--format: expected text, jsonl, got "xml"'],
    [['--scenario', 'h', '--list=1'], '--list: takes no value'],
    [['--scenario', 'h', '--bogus', '1'], 'unknown option --bogus (see --help)'],
    [['--scenario'], '--scenario: needs a value'],
    [['--seed', '1'], '--scenario is required (a preset name or a file; see --list)'],
    [['handshake'], 'unexpected argument "handshake" (see --help)'],
  ])('rejects %j with one clear message', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(new ArgError(message));
  });
});

describe('drop rules and ISNs', () => {
  it('parses DIRECTION:FLAGS[#N]', () => {
    expect(parseDropRule('c2s:ACK')).toMatchObject({ direction: 'c2s', match: 'ACK', nth: 1 });
    expect(parseDropRule('s2c:FIN#3')).toMatchObject({ direction: 's2c', match: 'FIN', nth: 3 });
  });

  it.each(['c2s', 'up:SYN', 'c2s:PSH', 'c2s:SYN#', 'c2s:SYN#0', 'c2s:syn'])(
    'rejects %s',
    (rule) => {
      expect(() => parseDropRule(rule)).toThrow(ArgError);
    },
  );

  it('parses NAME=N lists and rejects anything else', () => {
    expect(parseIsn('client=700,server=200')).toEqual({ client: 700, server: 200 });
    expect(run(['--scenario', 'h', '--isn', 'textbook'])).toMatchObject({ isnMode: 'textbook' });
    expect(run(['--scenario', 'h', '--isn', 'random'])).not.toHaveProperty('isn');
    expect(() => parseIsn('client:700')).toThrow(ArgError);
    expect(() => run(['--scenario', 'h', '--isn', 'client:700'])).toThrow(
      '--isn: expected textbook, random, got "client:700"',
    );
    expect(() => parseIsn('client=4294967296')).toThrow(ArgError);
  });
});

describe('applyOverrides', () => {
  const scenario = {
    endpoints: [
      { name: 'client', address: '10.0.0.1', port: 1 },
      { name: 'server', address: '10.0.0.2', port: 2 },
    ],
    link: { c2s: { delay: 10 } },
    faults: [{ direction: 'c2s', match: 'SYN' }],
  };

  it('overrides link settings in both directions, appends drops, sets profiles and ISNs', () => {
    const out = applyOverrides(
      scenario,
      run([
        '--scenario',
        'x',
        '--delay',
        '30',
        '--loss',
        '20',
        '--drop',
        's2c:FIN',
        '--profile',
        'rfc',
        '--isn',
        'server=5',
        '--seed',
        '3',
      ]),
    ) as Record<string, unknown>;
    expect(out.seed).toBe(3);
    expect(out.link).toEqual({ c2s: { delay: 30, loss: 0.2 }, s2c: { delay: 30, loss: 0.2 } });
    expect(out.faults).toHaveLength(2);
    expect(out.endpoints).toEqual([
      { name: 'client', address: '10.0.0.1', port: 1, profile: 'rfc' },
      { name: 'server', address: '10.0.0.2', port: 2, profile: 'rfc', isn: 5 },
    ]);
    expect(scenario.link).toEqual({ c2s: { delay: 10 } });
  });

  it('refuses an ISN for an endpoint the scenario does not have', () => {
    expect(() => applyOverrides(scenario, run(['--scenario', 'x', '--isn', 'client-9=1']))).toThrow(
      '--isn: the scenario has no endpoint "client-9" (it has client, server)',
    );
  });
});

describe('quoting what the user typed', () => {
  it('keeps a message on one line, whatever bytes the value holds', () => {
    expect(() => parseArgs(['--scenario', 'h', '--format', 'a\nb\u0000'])).toThrow(
      '--format: expected text, jsonl, got "a\\nb\\u0000"',
    );
    expect(() => parseArgs(['--scenario', 'h', '--x\ny', '1'])).toThrow(
      'unknown option "--x\\ny" (see --help)',
    );
    expect(quoted('z'.repeat(100))).toBe(`"${'z'.repeat(40)}…"`);
  });
});
