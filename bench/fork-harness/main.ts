// The fork bench's page: the store and simulator as the app bundles them, run in Chromium.
// bench/fork.ts builds it, opens it and calls `forkBench.drop(i)` once per drop, reading the
// page's main-thread CPU time around each call; the page times dropSegment itself with
// performance.now() (wall time on its main thread).
import { forkDrops, type ForkDrops } from '../fork-drops';

let drops: ForkDrops | undefined;
const started = (): ForkDrops => {
  if (!drops) throw new Error('forkBench.start() first');
  return drops;
};
const now = () => performance.now();
Object.assign(window, {
  forkBench: {
    start: () => (drops = forkDrops()).segments,
    drop: (i: number) => started().drop(i, [now])[0],
    rerun: () => started().rerun(now),
  },
});
document.title = 'Fork bench harness: ready';
