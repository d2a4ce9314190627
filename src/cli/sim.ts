/**
 * `npm run sim`: runs a scenario (a preset or a JSON file) and prints its trace, as text
 * readable like a packet capture or as JSON lines; optionally writes a pcap. Bad input is
 * reported as one line on stderr with exit code 2, never a stack trace.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { formatTime, formatTrace, getPreset, presets, runScenario, validateScenario } from '../sim';
import type { RunResult, Scenario } from '../sim';
import { ipVersionProblem, withIpVersion, withIsnMode } from '../sim/settings';
import { writePcap } from '../wire/pcap';
import { applyOverrides } from './args-apply';
import { ArgError, USAGE, parseArgs, quoted, type RunArgs } from './args';
import { InputError, loadScenarioFile } from './scenario-file';

function loadScenarioJson(name: string): unknown {
  const preset = getPreset(name);
  if (preset) return preset.scenario;
  if (!existsSync(name)) {
    throw new InputError(`unknown preset or file ${quoted(name)} (see --list for the presets)`);
  }
  return loadScenarioFile(name);
}

function scenarioFor(args: RunArgs): Scenario {
  const json = applyOverrides(loadScenarioJson(args.scenario), args);
  const result = validateScenario(json);
  if (!result.ok) {
    const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
    throw new InputError(`invalid scenario: ${result.errors[0] ?? 'unknown problem'}${more}`);
  }
  const { scenario } = result;
  const isns =
    args.isnMode === undefined
      ? scenario
      : { ...scenario, endpoints: withIsnMode(scenario.endpoints, args.isnMode) };
  if (args.ip === undefined) return isns;
  const problem = ipVersionProblem(isns, args.ip);
  if (problem !== undefined) throw new InputError(`--ip: ${args.scenario} ${problem}`);
  return withIpVersion(isns, args.ip);
}

function render(result: RunResult, args: RunArgs): string {
  if (args.format === 'jsonl') return result.trace.map((e) => JSON.stringify(e) + '\n').join('');
  const lines = formatTrace(result.trace);
  lines.push(`-- stopped (${result.stop}) at ${formatTime(result.endTime).trim()} s`);
  return lines.join('\n') + '\n';
}

function writeCapture(result: RunResult, args: RunArgs, file: string): void {
  let bytes: Uint8Array;
  try {
    bytes = writePcap(result.trace, { captureAt: args.captureAt, endpoints: result.endpoints });
  } catch (error) {
    throw new InputError(`--pcap: ${(error as Error).message}`);
  }
  try {
    writeFileSync(file, bytes);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new InputError(`--pcap: cannot write ${file}: ${e.code ?? e.message}`);
  }
}

function main(argv: readonly string[]): number {
  const args = parseArgs(argv);
  if (args.kind === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args.kind === 'list') {
    const width = Math.max(...presets.map((p) => p.name.length));
    process.stdout.write(presets.map((p) => `${p.name.padEnd(width)}  ${p.title}\n`).join(''));
    return 0;
  }
  const result = runScenario(scenarioFor(args));
  if (args.pcap !== undefined) writeCapture(result, args, args.pcap);
  process.stdout.write(render(result, args));
  return 0;
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ArgError || error instanceof InputError) {
    process.stderr.write(`sim: ${error.message}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`sim: internal error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
