/**
 * Playback speed as slow motion. Real TCP exchanges take milliseconds, so the lab plays them slowed
 * down; the ladder is roughly logarithmic so one slider spans a LAN and a satellite link.
 * The default, 1/40× real time, makes one crossing of a 50 ms link take two seconds.
 */

/** Fractions of real time, slowest first. */
export const SPEEDS = [
  1 / 1000,
  1 / 400,
  1 / 200,
  1 / 100,
  1 / 40,
  1 / 20,
  1 / 10,
  1 / 4,
  1 / 2,
  1,
];

export const DEFAULT_SPEED = 1 / 40;

/** "1/40× real time", or "real time" at full speed. */
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
