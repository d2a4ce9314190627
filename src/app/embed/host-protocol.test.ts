import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostMessageProblem, isOriginAllowed, labMessage, readHostCommand } from './host-protocol';

const envelope = { source: 'handshake-lab', version: 1 };

describe('host-page API: commands in', () => {
  it('reads each command with its arguments', () => {
    expect(readHostCommand({ ...envelope, command: 'play' })).toEqual({ command: 'play' });
    expect(readHostCommand({ ...envelope, command: 'pause' })).toEqual({ command: 'pause' });
    expect(readHostCommand({ ...envelope, command: 'seek', t: 250 })).toEqual({
      command: 'seek',
      t: 250,
    });
    expect(readHostCommand({ ...envelope, command: 'step', direction: -1 })).toEqual({
      command: 'step',
      direction: -1,
    });
    expect(readHostCommand({ ...envelope, command: 'load', scenario: 'lost-syn' })).toEqual({
      command: 'load',
      scenario: 'lost-syn',
    });
    expect(
      readHostCommand({ ...envelope, command: 'set', settings: { loss: 10, profile: 'linux' } }),
    ).toEqual({ command: 'set', settings: { loss: 10, profile: 'linux' } });
  });

  it('ignores messages of another source or version', () => {
    expect(readHostCommand({ command: 'play' })).toBeUndefined();
    expect(readHostCommand({ ...envelope, version: 2, command: 'play' })).toBeUndefined();
    expect(readHostCommand('play')).toBeUndefined();
  });

  it('ignores a command with a malformed or out-of-range argument', () => {
    expect(readHostCommand({ ...envelope, command: 'seek', t: -1 })).toBeUndefined();
    expect(readHostCommand({ ...envelope, command: 'seek', t: '5' })).toBeUndefined();
    expect(readHostCommand({ ...envelope, command: 'step', direction: 2 })).toBeUndefined();
    expect(
      readHostCommand({ ...envelope, command: 'load', scenario: '<img src=x onerror=alert(1)>' }),
    ).toBeUndefined();
    expect(
      readHostCommand({ ...envelope, command: 'set', settings: { loss: 150 } }),
    ).toBeUndefined();
    expect(
      readHostCommand({ ...envelope, command: 'set', settings: { __proto__: 1, loss: 5 } }),
    ).toEqual({ command: 'set', settings: { loss: 5 } });
    expect(readHostCommand({ ...envelope, command: 'eval', code: '1' })).toBeUndefined();
    for (const inherited of ['valueOf', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(
        readHostCommand({ ...envelope, command: 'set', settings: { [inherited]: 1 } }),
      ).toBeUndefined();
    }
  });

  it('never throws on any value a page could post', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        readHostCommand(value);
        readHostCommand({ ...envelope, command: 'set', settings: value });
      }),
      { numRuns: 1000 },
    );
  });

  it('acts only on finite values within bounds, whatever extreme a field holds', () => {
    const extreme = fc.oneof(
      fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308, -1e308, 2 ** 53 + 2, -1, 0.5),
      fc.double(),
      fc.anything(),
    );
    const message = fc.record({
      command: fc.constantFrom('play', 'pause', 'seek', 'step', 'load', 'set', 'toString'),
      t: extreme,
      direction: extreme,
      scenario: fc.oneof(extreme, fc.string({ maxLength: 80 })),
      settings: fc.dictionary(
        fc.constantFrom('delay', 'jitter', 'loss', 'seed', 'profile', 'isn', 'theme', '__proto__'),
        extreme,
      ),
    });
    fc.assert(
      fc.property(message, (fields) => {
        const command = readHostCommand({ ...envelope, ...fields });
        if (command === undefined) return;
        const numbers = Object.values(command.command === 'set' ? command.settings : command);
        for (const value of numbers) {
          if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
        }
        if (command.command === 'seek') expect(command.t).toBeLessThanOrEqual(1e9);
        if (command.command === 'set' && command.settings.delay !== undefined) {
          expect(command.settings.delay).toBeLessThanOrEqual(10000);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('host-page API: events out', () => {
  it('wraps each event in the versioned envelope', () => {
    expect(labMessage({ event: 'finished', t: 1200 })).toEqual({
      source: 'handshake-lab',
      version: 1,
      event: 'finished',
      t: 1200,
    });
  });
});

describe('host-page API: origins', () => {
  it('lets any parent drive the lab when no allow-list is given', () => {
    expect(isOriginAllowed('https://blog.example', undefined)).toBe(true);
  });

  it('lets only the listed origins drive it when an allow-list is given', () => {
    const allowList = ['https://course.example'];
    expect(isOriginAllowed('https://course.example', allowList)).toBe(true);
    expect(isOriginAllowed('https://evil.example', allowList)).toBe(false);
  });
});

describe('what a host page is told about a command it sent wrong', () => {
  const envelope = { source: 'handshake-lab', version: 1 };
  it('names the setting and the problem, in the words of a link note', () => {
    expect(hostMessageProblem({ ...envelope, command: 'set', settings: { jitter: 70000 } })).toBe(
      'Ignored set jitter=70000: expected a number from 0 to 60000 ms.',
    );
    expect(hostMessageProblem({ ...envelope, command: 'set', settings: { mtu: 9 } })).toBe(
      'Ignored set mtu: not a setting (expected seed, delay, jitter, loss, profile, isn, ip, theme).',
    );
    expect(hostMessageProblem({ ...envelope, command: 'play' })).toBeUndefined();
    expect(hostMessageProblem({ command: 'set', settings: { jitter: 70000 } })).toBeUndefined();
  });
});

describe('a malformed command of each kind', () => {
  const envelope = { source: 'handshake-lab', version: 1 };
  it.each([
    [{ command: 'seek', t: -5 }, 'Ignored seek t=-5: expected a number from 0 to 1000000000 ms.'],
    [{ command: 'step', direction: 2 }, 'Ignored step direction=2: expected 1 or -1.'],
    [{ command: 'load', scenario: 'A B' }, 'Ignored load scenario=A B: expected a preset name.'],
    [
      { command: 'eval', code: '1' },
      'Ignored the command eval: expected play, pause, seek, step, load or set.',
    ],
  ])('%j is answered with one sentence', (message, sentence) => {
    expect(hostMessageProblem({ ...envelope, ...message })).toBe(sentence);
  });
});
