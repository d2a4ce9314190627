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
import { runScript } from '../wire/packetdrill';
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

function scriptsIn(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const full = join(path, name);
      if (statSync(full).isDirectory()) return scriptsIn(full);
      return name.endsWith('.pkt') ? [full] : [];
    });
}

export function runConformance(argv: readonly string[], io: Io): number {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    if (args !== '') io.out(`error: ${args}`);
    io.out(USAGE);
    return 2;
  }
  const requested = args.paths.length > 0 ? args.paths : [OWN_FOLDER, SHARED_FOLDER];
  const files: string[] = [];
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
    files.push(...scriptsIn(full));
  }
  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
  for (const file of files) {
    const name = relative(io.cwd, file);
    const result = runScript(readFileSync(file, 'utf8'), {
      fileName: basename(file),
      defines: args.defines,
    });
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
  process.exitCode = runConformance(process.argv.slice(2), {
    out: (l) => console.log(l),
    cwd: process.cwd(),
  });
}
