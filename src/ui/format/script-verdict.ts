/**
 * Words for a packetdrill line's verdict on a segment (SendEvent.script): the short form the
 * arrow's accessible name and mark use ("mismatch: expected ack 11") and the sentence the
 * narration adds, citing the line.
 */
import type { SendEvent } from '../../sim/trace';

/** "expected ack 11" from the runner's "ack: expected 11 vs actual 1; ..." (its first difference). */
export function expectedPhrase(message: string | undefined, expected: string | undefined): string {
  const first = message?.split('; ')[0] ?? '';
  const match = /^(.+?): expected (.+?) vs actual (.+)$/.exec(first);
  if (match) return `expected ${match[1]} ${match[2]}`;
  if (first !== '') return first;
  return expected !== undefined ? `expected ${expected}` : 'it differs from its line';
}

/** ", mismatch: expected ack 11" for a segment a line rejected; '' otherwise. */
export function mismatchSuffix(e: SendEvent): string {
  if (e.replay) return `, ${e.replay.profile} differs: ${e.replay.fields[0] ?? 'see the replay'}`;
  const s = e.script;
  if (s?.verdict !== 'failed') return '';
  return `, mismatch: ${expectedPhrase(s.message, s.expected)}`;
}

/** The sentence a script run adds to a segment's narration; '' outside a script run. */
export function narrateScriptVerdict(e: SendEvent): string {
  if (e.replay) {
    const { profile, engine, fields } = e.replay;
    const instead =
      engine === null
        ? `the engine under ${profile} would have sent nothing here`
        : `the engine under ${profile} would have sent “${engine}” instead`;
    return `Replayed through the engine, ${instead} (${fields.join('; ')}).`;
  }
  const s = e.script;
  if (s === undefined) return '';
  if (s.verdict === 'unchecked') {
    return 'No script line was left to check it: packetdrill does not judge it.';
  }
  const line = `line ${s.line}`;
  if (e.from === 'script') return `The script injects it (${line}).`;
  if (s.verdict === 'passed') return `It matches script ${line}.`;
  const sent =
    s.actual !== undefined ? `the engine sent “${s.actual}”` : "the engine's segment differs";
  return `Mismatch at script ${line}: the line expected “${s.expected ?? '?'}”, ${sent} (${s.message ?? 'see the line'}).`;
}
