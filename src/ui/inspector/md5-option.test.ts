/** The inspector names a TCP-MD5 signature (kind 19) and says what it does (RFC 2385). */
import { describe, expect, it } from 'vitest';
import { getPreset, runScenario } from '../../sim';
import type { SendEvent, TraceOption } from '../../sim/trace';
import { deriveTraceFacts } from '../format/trace-facts';
import { explainOption, optionName, optionValue } from './explain-bits';

describe('a TCP-MD5 option in the inspector', () => {
  const preset = getPreset('handshake');
  if (!preset) throw new Error('no handshake preset');
  const { trace } = runScenario(preset.scenario);
  const ack = trace.filter((e): e is SendEvent => e.type === 'send')[2]!;
  const facts = deriveTraceFacts(trace);
  const md5: TraceOption = { kind: 'unknown', type: 19, data: new Array(16).fill(0xab) };

  it('reads as a signature with its digest, not as an unknown option', () => {
    expect(optionName(md5)).toBe('TCP-MD5 signature');
    expect(optionValue(md5)).toBe(`digest ${'ab'.repeat(16)}`);
    expect(explainOption(md5, ack, facts)).toMatch(
      /drops the segment unless the digest matches.*RFC 2385 §2\.0/,
    );
  });

  it('leaves other unknown kinds unknown', () => {
    const other: TraceOption = { kind: 'unknown', type: 253, data: [1, 2] };
    expect(optionName(other)).toBe('Unknown option');
    expect(optionValue(other)).toBe('kind 253, 2 bytes of data');
  });
});
