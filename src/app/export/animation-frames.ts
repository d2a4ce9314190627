/**
 * The moments an exported animation shows: from `from` to `to` (virtual ms) at `speed` (a
 * fraction of real time) and `fps` frames per second of the animation, at most MAX_FRAMES.
 * Pure, so the frame count a user is promised is the one the file gets.
 */
export const MAX_FRAMES = 600;

export interface AnimationPlan {
  readonly times: readonly number[];
  /** How long each frame shows, ms of the animation. */
  readonly frameMs: number;
}

export function planAnimation(from: number, to: number, speed: number, fps: number): AnimationPlan {
  const frameMs = 1000 / fps;
  const step = frameMs * speed;
  const count = Math.min(MAX_FRAMES, Math.max(1, Math.floor((to - from) / step) + 1));
  const times = Array.from({ length: count }, (_, i) => Math.min(to, from + i * step));
  return { times, frameMs };
}
