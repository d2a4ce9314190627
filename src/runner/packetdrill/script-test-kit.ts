/**
 * What the runner's tests share: a script written as lines, run, and its verdicts read back in
 * the words a failing test should print (the line, its status, the reason).
 */
import type { ScriptRunResult } from './result';
import { runScript } from './runner';

/** The first line of Google's scripts: Linux with packetdrill's defaults (run_all.py). */
export const LINUX_DEFAULTS = '`./defaults.sh`';

/** The script's lines joined and run. */
export function runLines(lines: readonly string[]): ScriptRunResult {
  return runScript(lines.join('\n'));
}

/** The verdict and reason of the script's line `n` (1-based, as written). */
export function lineVerdict(result: ScriptRunResult, n: number): string {
  const l = result.lines.find((x) => x.line === n);
  return `${l?.status ?? 'missing'}${l?.reason ? `: ${l.reason}` : ''}`;
}

/** Every system call's verdict, so a test names the line that went wrong. */
export function syscallVerdicts(result: ScriptRunResult): string[] {
  return result.lines
    .filter((l) => l.kind === 'syscall')
    .map((l) => `${l.line} ${l.status}${l.reason ? `: ${l.reason}` : ''}`);
}
