// `npm run bench`: speed and size, measured rather than asserted (machines here are shared and
// noisy, so each suite reports medians and ratios). Each suite runs in a process of its own
// (bench/suite.ts): run one after another in one process, a suite measured the code the
// previous one had compiled for its own callers and the memory it left behind (the world after
// the engine suite read 2.8–3.0 × the engine alone and 330 B per segment, alone 1.65 × and
// 298 B, on the same commit minutes apart), which is not what the app's process does.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suites } from './suites';

const only = process.argv.slice(2);
const unknown = only.filter((name) => !suites.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(
    `No bench suite named ${unknown.join(', ')}: the suites are ${suites.map((s) => s.name).join(', ')}.`,
  );
  process.exit(2);
}
const child = fileURLToPath(new URL('./suite.ts', import.meta.url));
let failed = false;
for (const suite of suites) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  const run = spawnSync(process.execPath, [...process.execArgv, child, suite.name], {
    stdio: 'inherit',
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
