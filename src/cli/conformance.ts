/**
 * npm run conformance -- [files or folders] [-D NAME[=value]] [--verbose]
 *
 * Runs packetdrill scripts against the engine and prints, per script, PASS, FAIL or SKIP with
 * the first mismatch (expected against actual segment), then "N passed, M failed, K skipped".
 * Without arguments it runs this project's conformance/ folder and ../shared/conformance/
 * packetdrill, saying clearly when the shared folder is not there. Exit code: 0 when every
 * script met its expectation (a skipped script does not fail the run), 1 otherwise, 2 for a
 * usage error.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatKilobytes, runScript, SCRIPT_LIMITS, type RunResult } from '../wire/packetdrill';
import { judge } from './conformance-expectations';
import { formatScript, formatTotals, type Totals } from './conformance-report';

export const SHARED_FOLDER = '../shared/conformance/packetdrill';
export const OWN_FOLDER = 'conformance';

const USAGE = `usage: npm run conformance -- [files or folders ...] [-D NAME[=value]] [--verbose]
  With no paths: ${OWN_FOLDER}/ and ${SHARED_FOLDER}/.
  -D NAME[=value]  define a symbol for #ifdef and the script (e.g. -D STANDARD: the RFC's answer,
                   which also runs FreeBSD-suite scripts with the rfc profile)
  --verbose        print the verdict of every line`;

export interface Io {
  readonly out: (line: string) => void;
  readonly cwd: string;
}

interface Args {
  readonly paths: readonly string[];
  readonly defines: Readonly<Record<string, string>>;
  readonly verbose: boolean;
}

export function parseArgs(argv: readonly string[]): Args | string {
  const paths: string[] = [];
  const defines: Record<string, string> = {};
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--verbose' || arg === '-v') verbose = true;
    else if (arg === '-D' || arg === '--define' || (arg.startsWith('-D') && arg.length > 2)) {
      const definition = arg.length > 2 && arg.startsWith('-D') ? arg.slice(2) : argv[++i];
      const m = definition === undefined ? null : /^([A-Za-z_]\w*)(?:=(.*))?$/.exec(definition);
      if (!m?.[1]) return `${arg} needs NAME or NAME=value`;
      defines[m[1]] = m[2] ?? '';
    } else if (arg === '--help' || arg === '-h') return '';
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else paths.push(arg);
  }
  return { paths, defines, verbose };
}

/** A script to run, or a path that could not be read (it fails on its own; the rest still run). */
type Entry = { readonly file: string } | { readonly path: string; readonly problem: string };

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? (error instanceof Error ? error.message : String(error));
}

function scriptsIn(path: string): Entry[] {
  try {
    if (!statSync(path).isDirectory()) return [{ file: path }];
    return readdirSync(path)
      .sort()
      .flatMap((name) => {
        const full = join(path, name);
        try {
          if (statSync(full).isDirectory()) return scriptsIn(full);
        } catch (error) {
          return name.endsWith('.pkt')
            ? [{ path: full, problem: `cannot read: ${describeError(error)}` }]
            : [];
        }
        return name.endsWith('.pkt') ? [{ file: full }] : [];
      });
  } catch (error) {
    return [{ path, problem: `cannot read: ${describeError(error)}` }];
  }
}

/**
 * One script's result, or the one-line reason it could not run. The size is checked before
 * the file is read; a fault of the runner fails this script only, without a stack trace.
 */
function runFile(file: string, defines: Readonly<Record<string, string>>): RunResult | string {
  try {
    const size = statSync(file).size;
    const max = SCRIPT_LIMITS.maxScriptBytes;
    if (size > max) {
      return `the script is ${formatKilobytes(size)}; scripts may be up to ${formatKilobytes(max)}`;
    }
    return runScript(readFileSync(file, 'utf8'), { fileName: basename(file), defines });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code !== undefined) return `cannot read: ${e.code}`;
    return `internal error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export function runConformance(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    if (args !== '') io.out(`error: ${args}`);
    io.out(USAGE);
    return 2;
  }
  const requested = args.paths.length > 0 ? args.paths : [OWN_FOLDER, SHARED_FOLDER];
  const entries: Entry[] = [];
  for (const path of requested) {
    const full = resolve(io.cwd, path);
    if (!existsSync(full)) {
      if (path.replace(/\/+$/, '').endsWith('shared/conformance/packetdrill')) {
        io.out(
          `SKIPPED  ${path}: the shared conformance scripts are not here, so they were not run`,
        );
        continue;
      }
      io.out(`error: no such file or folder: ${path}`);
      return 2;
    }
    entries.push(...scriptsIn(full));
  }
  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  for (const entry of entries) {
    const result = 'file' in entry ? runFile(entry.file, args.defines) : entry.problem;
    const file = 'file' in entry ? entry.file : entry.path;
    const name = relative(io.cwd, file);
    if (typeof result === 'string') {
      io.out(`FAIL  ${name}: ${result}`);
      totals.failed++;
      continue;
    }
    const judgement = judge(basename(file), result);
    for (const line of formatScript(name, result, judgement, args.verbose)) io.out(line);
    if (judgement.verdict === 'pass') totals.passed++;
    else if (judgement.verdict === 'fail') totals.failed++;
    else totals.skipped++;
  }
  io.out(formatTotals(totals));
  return totals.failed === 0 ? 0 : 1;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  try {
    process.exitCode = runConformance(process.argv.slice(2), {
      out: (l) => console.log(l),
      cwd: process.cwd(),
    });
  } catch (error) {
    // A fault of this program, not of a script: one line, never a stack trace.
    console.log(
      `conformance: internal error: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  }
}
