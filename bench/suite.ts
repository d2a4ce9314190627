// One bench suite in a process of its own (bench/run.ts starts one per suite). A suite whose
// module is absent is reported as such instead of failing the run.
import type { BenchRow } from './types';
import { suites } from './suites';

function format(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

const suite = suites.find((s) => s.name === process.argv[2]);
if (!suite) {
  console.error(`No bench suite named ${process.argv[2] ?? '(none)'}.`);
  process.exit(2);
}
console.log(`\n${suite.title}`);
let run: (() => Promise<BenchRow[]>) | undefined;
try {
  const module = (await import(`./${suite.name}`)) as Record<string, unknown>;
  run = module[suite.exportName] as (() => Promise<BenchRow[]>) | undefined;
} catch (error) {
  console.log(`  (no suite: ${(error as Error).message.split('\n')[0]})`);
  process.exit(0);
}
if (!run) {
  console.log(`  (bench/${suite.name}.ts exports no ${suite.exportName})`);
  process.exit(0);
}
try {
  for (const row of await run()) {
    const note = row.note ? `  (${row.note})` : '';
    console.log(`  ${row.name.padEnd(58)} ${format(row.value).padStart(14)} ${row.unit}${note}`);
  }
} catch (error) {
  console.log(`  failed: ${(error as Error).message}`);
  process.exit(1);
}
