/**
 * npm run conformance -- [files or folders] [-D NAME[=value]] [--verbose] [--quiet] [--areas]
 *                        [--threshold[=FILE]] [--update-threshold]
 *
 * Runs packetdrill scripts against the engine and prints, per script, PASS, FAIL or SKIP with
 * the first mismatch (expected against actual segment), then "N passed, M failed, K skipped".
 * Without arguments it runs this project's conformance/ folder and ../shared/conformance/
 * packetdrill, saying clearly when the shared folder is not there. Exit code: 0 when every
 * script met its expectation (a skipped script does not fail the run), 1 otherwise, 2 for a
 * usage error. With --threshold the run is judged by pass rates instead: 0 when no suite area
 * and not the whole run fell below the committed rates, 1 when one did.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatKilobytes, SCRIPT_LIMITS } from '../wire/packetdrill';
import { runScript, type ScriptRunResult } from '../runner/packetdrill';
import { AreaTable, formatAreaTable } from './conformance-areas';
import { judge } from './conformance-expectations';
import { formatScript, formatTotals, type Totals } from './conformance-report';
import {
  checkThreshold,
  parseThreshold,
  THRESHOLD_FILE,
  raisedThresholdText,
  type Threshold,
} from './conformance-threshold';

export const SHARED_FOLDER = '../shared/conformance/packetdrill';
export const OWN_FOLDER = 'conformance';

const USAGE = `usage: npm run conformance -- [files or folders ...] [-D NAME[=value]] [--verbose]
                       [--quiet] [--areas] [--threshold[=FILE]] [--update-threshold]
  With no paths: ${OWN_FOLDER}/ and ${SHARED_FOLDER}/.
  -D NAME[=value]     define a symbol for #ifdef and the script (e.g. -D STANDARD: the RFC's
                      answer, which also runs FreeBSD-suite scripts with the rfc profile)
  --verbose           print the verdict of every line
  --quiet             print no block per script, only the table and the totals
  --areas             print the pass rates by suite area
  --threshold[=FILE]  judge the run by the pass rates in FILE (${THRESHOLD_FILE}): exit 1 when
                      the whole run or an area falls below its rate; implies --areas
  --update-threshold  write the rates this run reached to the threshold file`;

export interface Io {
  readonly out: (line: string) => void;
  readonly cwd: string;
}

interface Args {
  readonly paths: readonly string[];
  readonly defines: Readonly<Record<string, string>>;
  readonly verbose: boolean;
  readonly quiet?: boolean;
  readonly areas?: boolean;
  /** The threshold file to judge the run by, or null to judge it script by script. */
  readonly threshold?: string | null;
  readonly updateThreshold?: boolean;
}

export function parseArgs(argv: readonly string[]): Args | string {
  const paths: string[] = [];
  const defines: Record<string, string> = {};
  let verbose = false;
  const extra: { quiet?: boolean; areas?: boolean; threshold?: string; updateThreshold?: boolean } =
    {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--verbose' || arg === '-v') verbose = true;
    else if (arg === '--quiet' || arg === '-q') extra.quiet = true;
    else if (arg === '--areas') extra.areas = true;
    else if (arg === '--threshold') extra.threshold = THRESHOLD_FILE;
    else if (arg.startsWith('--threshold=')) {
      extra.threshold = arg.slice('--threshold='.length);
      if (extra.threshold === '') return '--threshold= needs a file name';
    } else if (arg === '--update-threshold') extra.updateThreshold = true;
    else if (arg === '-D' || arg === '--define' || (arg.startsWith('-D') && arg.length > 2)) {
      const definition = arg.length > 2 && arg.startsWith('-D') ? arg.slice(2) : argv[++i];
      const m = definition === undefined ? null : /^([A-Za-z_]\w*)(?:=(.*))?$/.exec(definition);
      if (!m?.[1]) return `${arg} needs NAME or NAME=value`;
      defines[m[1]] = m[2] ?? '';
    } else if (arg === '--help' || arg === '-h') return '';
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else paths.push(arg);
  }
  return { paths, defines, verbose, ...extra };
}

/** Reads the threshold file; a string is the usage error naming the problem. */
function loadThreshold(path: string, cwd: string): Threshold | string {
  const full = resolve(cwd, path);
  if (!existsSync(full)) return `no threshold file ${path}`;
  const parsed = parseThreshold(readFileSync(full, 'utf8'));
  return typeof parsed === 'string' ? `${path}: ${parsed}` : parsed;
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
function runFile(
  file: string,
  defines: Readonly<Record<string, string>>,
): ScriptRunResult | string {
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
      if (/shared\/conformance\/(packetdrill|corpus)$/.test(path.replace(/\/+$/, ''))) {
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
  const thresholdFile = args.threshold ?? (args.updateThreshold ? THRESHOLD_FILE : null);
  const existing = existsSync(resolve(io.cwd, thresholdFile ?? THRESHOLD_FILE));
  const threshold =
    thresholdFile === null || (args.updateThreshold && !existing)
      ? null
      : loadThreshold(thresholdFile, io.cwd);
  if (typeof threshold === 'string') {
    io.out(`error: ${threshold}`);
    return 2;
  }
  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  const areas = new AreaTable();
  for (const entry of entries) {
    const result = 'file' in entry ? runFile(entry.file, args.defines) : entry.problem;
    const file = 'file' in entry ? entry.file : entry.path;
    const name = relative(io.cwd, file);
    if (typeof result === 'string') {
      io.out(`FAIL  ${name}: ${result}`);
      areas.add(name, 'fail');
      totals.failed++;
      continue;
    }
    const judgement = judge(basename(file), result);
    if (!args.quiet) {
      for (const line of formatScript(name, result, judgement, args.verbose)) io.out(line);
    }
    areas.add(name, judgement.verdict);
    if (judgement.verdict === 'pass') totals.passed++;
    else if (judgement.verdict === 'fail') totals.failed++;
    else totals.skipped++;
  }
  const overall = areas.overall;
  const check = threshold ? checkThreshold(threshold, areas.tallies, overall) : null;
  if (args.areas || check || args.updateThreshold) {
    io.out('');
    for (const line of formatAreaTable(areas.tallies, overall, check?.remark)) io.out(line);
    io.out('');
  }
  if (args.updateThreshold && thresholdFile) {
    const text = raisedThresholdText(threshold, areas.tallies, overall);
    writeFileSync(resolve(io.cwd, thresholdFile), text);
    io.out(`raised ${thresholdFile} to the rates reached (no rate is lowered)`);
  }
  if (check) {
    for (const area of check.notRun) io.out(`not run: ${area} (its scripts are not here)`);
    for (const line of check.below) io.out(`below threshold: ${line}`);
    io.out(
      check.below.length === 0
        ? `threshold met (${thresholdFile ?? ''})`
        : `threshold not met: ${check.below.length} rate(s) fell`,
    );
  }
  io.out(formatTotals(totals));
  if (check) return check.below.length === 0 ? 0 : 1;
  return totals.failed === 0 ? 0 : 1;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
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
