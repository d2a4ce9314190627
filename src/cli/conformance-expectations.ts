/**
 * What each conformance script is expected to do. Every script is expected to pass, except
 * those listed here, which must fail at the listed line for the listed reason: a runner that
 * lets them pass, or fail elsewhere, is wrong.
 */
import type { ScriptRunResult } from '../runner/packetdrill';

export interface ExpectedFailure {
  readonly line: number;
  readonly reason: RegExp;
  /** Why the script is meant to fail. */
  readonly why: string;
}

export const EXPECTED_FAILURES: Readonly<Record<string, ExpectedFailure>> = {
  'google-packetdrill__gtests__net__packetdrill__tests__packet-timeout.pkt': {
    line: 13,
    reason: /^Timed out waiting for packet/,
    why: 'packetdrill tests itself with it: with tcp_syn_retries=1 Linux sends only two SYNs, so the third never comes',
  },
};

export type Verdict = 'pass' | 'fail' | 'skip';

export interface Judgement {
  readonly verdict: Verdict;
  /** A sentence for the report when the outcome needs one. */
  readonly note: string | null;
}

function describe(result: ScriptRunResult): string {
  if (result.syntaxError) return `did not parse (${result.syntaxError.message})`;
  const f = result.firstFailure;
  if (f) return `failed at line ${f.line}: ${f.reason ?? ''}`;
  return result.outcome === 'skipped' ? 'was skipped' : 'passed';
}

export function judge(baseName: string, result: ScriptRunResult): Judgement {
  const expected = EXPECTED_FAILURES[baseName];
  if (expected) {
    const f = result.firstFailure;
    if (
      result.outcome === 'failed' &&
      f?.line === expected.line &&
      expected.reason.test(f.reason ?? '')
    ) {
      return {
        verdict: 'pass',
        note: `expected failure at line ${f.line}, for the right reason: ${f.reason ?? ''}`,
      };
    }
    return {
      verdict: 'fail',
      note: `expected to fail at line ${expected.line} (${expected.why}), but it ${describe(result)}`,
    };
  }
  switch (result.outcome) {
    case 'passed':
      return { verdict: 'pass', note: null };
    case 'skipped':
      return { verdict: 'skip', note: null };
    case 'failed':
    case 'error':
      return { verdict: 'fail', note: null };
  }
}
