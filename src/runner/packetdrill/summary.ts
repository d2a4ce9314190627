/** Counts and the outcome of a run, from its line verdicts. */
import type { LineCounts, LineResult, Outcome, ScriptRunResult, TimelineEntry } from './result';

interface Parts {
  readonly lines: readonly LineResult[];
  readonly timeline: readonly TimelineEntry[];
  readonly profile: ScriptRunResult['profile'];
  readonly syntaxError: ScriptRunResult['syntaxError'];
}

function count(lines: readonly LineResult[]): LineCounts {
  const n = (status: LineResult['status']): number =>
    lines.filter((l) => l.status === status).length;
  return {
    passed: n('passed'),
    failed: n('failed'),
    performed: n('performed'),
    applied: n('applied'),
    notApplicable: n('not-applicable'),
    notRun: n('not-run'),
  };
}

export function summarize(parts: Parts): ScriptRunResult {
  const { lines } = parts;
  const counts = count(lines);
  const packets = lines.filter((l) => l.kind === 'inbound' || l.kind === 'outbound');
  const checked = packets.filter(
    (l) => l.status === 'passed' || l.status === 'performed' || l.status === 'failed',
  );
  const firstFailure = lines.find((l) => l.status === 'failed') ?? null;
  let outcome: Outcome;
  if (parts.syntaxError) outcome = 'error';
  else if (firstFailure) outcome = 'failed';
  // A script passes only when every packet line was checked and something was compared.
  else if (packets.some((l) => l.status === 'not-applicable') || counts.passed === 0)
    outcome = 'skipped';
  else outcome = 'passed';
  return {
    outcome,
    profile: parts.profile,
    lines,
    counts,
    packetLines: { total: packets.length, checked: checked.length },
    firstFailure,
    syntaxError: parts.syntaxError,
    timeline: parts.timeline,
  };
}
