/** The text `npm run conformance` prints: one block per script and a closing tally. */
import type { LineResult, ScriptRunResult } from '../runner/packetdrill';
import type { Judgement } from './conformance-expectations';

function tally(result: ScriptRunResult): string {
  const c = result.counts;
  const lines = `lines: ${c.passed} passed, ${c.performed} performed, ${c.notApplicable} not applicable`;
  const packets = `packet lines checked ${result.packetLines.checked}/${result.packetLines.total}`;
  return `${result.profile.name} profile; ${lines}; ${packets}`;
}

function lineText(l: LineResult): string {
  const why = l.reason ? ` — ${l.reason}` : '';
  return `    ${String(l.line).padStart(4)} ${l.status.padEnd(14)} ${l.text}${why}`;
}

/** The lines printed for one script. */
export function formatScript(
  name: string,
  result: ScriptRunResult,
  judgement: Judgement,
  verbose: boolean,
): string[] {
  const label = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' }[judgement.verdict];
  const out: string[] = [];
  if (result.syntaxError) {
    out.push(`${label}  ${name}:${result.syntaxError.message}`);
  } else {
    out.push(`${label}  ${name}  (${tally(result)})`);
  }
  if (judgement.note) out.push(`      ${judgement.note}`);
  const failure = result.firstFailure;
  if (failure && judgement.verdict === 'fail') {
    out.push(`      line ${failure.line}: ${failure.text}`);
    out.push(`      ${failure.reason ?? 'failed'}`);
    if (failure.expected !== undefined) out.push(`        expected: ${failure.expected}`);
    if (failure.actual !== undefined) out.push(`        actual:   ${failure.actual}`);
  }
  if (judgement.verdict === 'skip') {
    const unchecked = result.lines.filter(
      (l) => (l.kind === 'inbound' || l.kind === 'outbound') && l.status === 'not-applicable',
    );
    for (const l of unchecked) out.push(`      line ${l.line} not applicable: ${l.reason ?? ''}`);
    if (unchecked.length === 0) out.push('      nothing in it could be checked');
  }
  if (verbose) out.push(...result.lines.map(lineText));
  return out;
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

export function formatTotals(t: Totals): string {
  return `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
}
