import { describe, expect, it } from 'vitest';
import type { SendEvent } from '../../sim/trace';
import { expectedPhrase, mismatchSuffix, narrateScriptVerdict } from './script-verdict';

const synAck: SendEvent = {
  t: 10,
  type: 'send',
  id: 2,
  from: 'engine',
  to: 'script',
  src: '192.168.0.1:8080',
  dst: '192.0.2.1:48000',
  flags: ['SYN', 'ACK'],
  seq: 0,
  ack: 1,
  len: 0,
  win: 64240,
  options: [],
  retransmit: 0,
  payload: '',
  script: {
    line: 17,
    verdict: 'failed',
    expected: 'S. 0:0(0) ack 11 <mss 1460,nop,wscale 8>',
    actual: 'S. 0:0(0) ack 1 win 64240 <mss 1460,nop,wscale 8>',
    message: 'ack: expected 11 vs actual 1; win: expected 1 vs actual 64240',
  },
};

describe('a segment its script line rejected', () => {
  it('says what the line expected first, in the words of the arrow', () => {
    expect(mismatchSuffix(synAck)).toBe(', mismatch: expected ack 11');
    expect(expectedPhrase('tcp options (missing sackOK)', undefined)).toBe(
      'tcp options (missing sackOK)',
    );
  });

  it('narrates the line, what it expected and what differed', () => {
    expect(narrateScriptVerdict(synAck)).toBe(
      'Mismatch at script line 17: the line expected “S. 0:0(0) ack 11 <mss 1460,nop,wscale 8>”, the engine sent “S. 0:0(0) ack 1 win 64240 <mss 1460,nop,wscale 8>” (ack: expected 11 vs actual 1; win: expected 1 vs actual 64240).',
    );
  });
});

describe('segments without a mismatch', () => {
  it('adds nothing to a scenario segment', () => {
    const { script: _, ...plain } = synAck;
    expect([mismatchSuffix(plain), narrateScriptVerdict(plain)]).toEqual(['', '']);
  });

  it('names the line that injected or matched it', () => {
    const passed = { ...synAck, script: { line: 17, verdict: 'passed' as const } };
    expect(mismatchSuffix(passed)).toBe('');
    expect(narrateScriptVerdict(passed)).toBe('It matches script line 17.');
    const injected = { ...passed, from: 'script', to: 'engine' };
    expect(narrateScriptVerdict(injected)).toBe('The script injects it (line 17).');
  });
});
