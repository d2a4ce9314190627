/**
 * Playback speed, as a fraction of real time. Real TCP exchanges take milliseconds, so the lab
 * plays them slowed down by default; faster than real time is for long runs on a true-scale axis
 * (a minute of TIME-WAIT at 100× takes 0.6 s). The ladder is roughly logarithmic so one slider
 * spans a LAN and a satellite link. The default, 1/40× real time, makes one crossing of a 50 ms
 * link take two seconds.
 */

/** Fractions of real time, slowest first: 1/100× to 100×. */
export const SPEEDS = [1 / 100, 1 / 40, 1 / 20, 1 / 10, 1 / 4, 1 / 2, 1, 2, 5, 10, 25, 100];

export const DEFAULT_SPEED = 1 / 40;

/** "1/40× real time", "real time", or "10× real time". */
export function speedLabel(speed: number): string {
  if (speed >= 1) return speed === 1 ? 'real time' : `${speed}× real time`;
  return `1/${Math.round(1 / speed)}× real time`;
}

/** The ladder step nearest to a speed (in log space, since the ladder is logarithmic). */
export function speedStep(speed: number): number {
  let best = 0;
  SPEEDS.forEach((candidate, index) => {
    const distance = Math.abs(Math.log(candidate) - Math.log(speed));
    if (distance < Math.abs(Math.log(SPEEDS[best] as number) - Math.log(speed))) best = index;
  });
  return best;
}

export function speedAtStep(step: number): number {
  const clamped = Math.max(0, Math.min(SPEEDS.length - 1, Math.round(step)));
  return SPEEDS[clamped] as number;
}
