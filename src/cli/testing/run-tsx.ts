import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

/**
 * Runs a TypeScript file of the project as `npm run sim` would, in this Node with tsx's loader,
 * from the project's root. Going through `npx` first would start a second Node and resolve the
 * package again: twice the CPU per run, which on a loaded two-core machine pushed the CLI tests
 * past their timeout.
 */
export function runTsx(file: string, args: readonly string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** What the file prints, for a run that must succeed: a failure throws with what it said on stderr. */
export function tsxOutput(file: string, args: readonly string[]): string {
  const r = runTsx(file, args);
  if (r.code !== 0) throw new Error(`${file} exited with ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}
