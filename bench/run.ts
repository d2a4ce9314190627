// `npm run bench`: speed and size, measured rather than asserted (machines here are shared and
// noisy, so each suite reports medians and ratios). Suites live beside this file; a suite whose
// module is absent is reported as such instead of failing the run.
import type { BenchRow } from './types';

type Suite = { file: string; exportName: string; title: string };

const suites: Suite[] = [
  { file: './engine', exportName: 'benchEngine', title: 'TCP engine' },
  { file: './sim', exportName: 'benchSim', title: 'Simulated world' },
  { file: './fork', exportName: 'benchFork', title: 'Forking a run in the store' },
  { file: './ui', exportName: 'benchUi', title: 'Visualizer' },
];

function format(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

const only = process.argv.slice(2);
let failed = false;
for (const suite of suites) {
  if (only.length > 0 && !only.some((name) => suite.file.endsWith(name))) continue;
  console.log(`\n${suite.title}`);
  let run: (() => Promise<BenchRow[]>) | undefined;
  try {
    const module = (await import(suite.file)) as Record<string, unknown>;
    run = module[suite.exportName] as (() => Promise<BenchRow[]>) | undefined;
  } catch (error) {
    console.log(`  (no suite: ${(error as Error).message.split('\n')[0]})`);
    continue;
  }
  if (!run) {
    console.log(`  (bench/${suite.file.slice(2)}.ts exports no ${suite.exportName})`);
    continue;
  }
  try {
    for (const row of await run()) {
      const note = row.note ? `  (${row.note})` : '';
      console.log(`  ${row.name.padEnd(58)} ${format(row.value).padStart(14)} ${row.unit}${note}`);
    }
  } catch (error) {
    failed = true;
    console.log(`  failed: ${(error as Error).message}`);
  }
}
process.exit(failed ? 1 : 0);
