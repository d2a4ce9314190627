/**
 * `npm run fuzz -- [rounds]`: runs the property tests again and again, each round from a
 * new random seed, and stops at the first failure (fast-check prints the seed and the
 * shrunk counterexample; FC_SEED=<seed> npx vitest run <file> replays it). `npm test`
 * keeps one fixed seed (scripts/fast-check-seed.ts); this is where new cases are found.
 */
import { spawnSync } from 'node:child_process';

const PROPERTY_FILES = [
  'src/engine/properties.test.ts',
  'src/engine/properties-calls.test.ts',
  'src/engine/properties-hostile.test.ts',
  'src/engine/sendbuf.test.ts',
  'src/engine/seq.test.ts',
  'src/wire/',
  'src/runner/',
  'src/sim/limits.test.ts',
  'src/store/max-tree.test.ts',
  'src/app/url/url-params.test.ts',
  'src/app/embed/host-protocol.test.ts',
];

const rounds = Number(process.argv[2] ?? 10);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`rounds must be a positive integer, not "${process.argv[2]}"`);
  process.exit(2);
}
for (let round = 1; round <= rounds; round++) {
  console.log(`round ${round} of ${rounds}`);
  const run = spawnSync('npx', ['vitest', 'run', ...PROPERTY_FILES], {
    stdio: 'inherit',
    env: { ...process.env, FC_SEED: 'random' },
  });
  if (run.status !== 0) {
    console.error(`round ${round} failed: the seed and counterexample are printed above`);
    process.exit(1);
  }
}
console.log(`${rounds} rounds passed`);
