/**
 * The diagram's time axis. At true scale one virtual millisecond is one unit of the axis, so a
 * minute of TIME-WAIT (RFC 9293 §3.6) dwarfs a 160 ms handshake. Compressed (the default), each
 * quiet stretch — nothing on the wire, only timers counting down — becomes a break of a fixed
 * short length on the axis, marked with how long it really is; every other moment keeps its true
 * scale, so slopes still show delays. Pure functions of the timeline: the same run always gets
 * the same axis.
 */
import { upperBound } from './search';
import type { Timeline } from './timeline';

export type TimeAxisMode = 'compressed' | 'true';

/** A quiet stretch drawn short: virtual time [from, to] takes `length` units from `at`. */
export interface AxisBreak {
  readonly from: number;
  readonly to: number;
  /** Where the break starts on the axis. */
  readonly at: number;
  /** How long nothing was on the wire (the break's label), from the last activity to the next. */
  readonly quiet: number;
}

export interface TimeAxis {
  readonly breaks: readonly AxisBreak[];
  /** Axis units one break takes. */
  readonly breakLength: number;
  /** The run's end on the axis. */
  readonly end: number;
  /** The breaks' `from` and `at`, for binary search (toAxis runs on every animation frame). */
  readonly froms: Float64Array;
  readonly ats: Float64Array;
}

/** How many wall-clock milliseconds playback spends crossing a break, at most. */
export const BREAK_PLAY_MS = 1000;

/** A quiet stretch shorter than this many crossings keeps its true length. */
const MIN_QUIET_CROSSINGS = 5;

/** The typical one-way crossing of the run (its median), the unit breaks are measured in. */
function typicalCrossing(timeline: Timeline): number {
  const crossings = timeline.spans
    .map((span) => span.crossingEndsAt - span.sentAt)
    .filter((d) => d > 0)
    .sort((a, b) => a - b);
  const median = crossings[Math.floor(crossings.length / 2)];
  return median === undefined ? 50 : Math.max(1, median);
}

/**
 * The stretches of the run where nothing is in flight and no event happens: between them
 * segments cross, arrive or are lost, and states change. Timers may count down inside.
 */
export function quietStretches(
  timeline: Timeline,
  minLength: number,
): { from: number; to: number }[] {
  const quiet: { from: number; to: number }[] = [];
  const { spans, times } = timeline;
  let busyUntil = -Infinity;
  let s = 0;
  let e = 0;
  while (s < spans.length || e < times.length) {
    const span = spans[s];
    const eventAt = times[e];
    let start: number;
    let end: number;
    if (span !== undefined && (eventAt === undefined || span.sentAt <= eventAt)) {
      start = span.sentAt;
      // A lost segment is drawn to where it stopped; one never delivered, to the run's end.
      end = Math.max(span.endAt, span.outcome === 'lost' ? span.sentAt : span.crossingEndsAt);
      s += 1;
    } else {
      start = eventAt as number;
      end = start;
      e += 1;
    }
    if (busyUntil > -Infinity && start - busyUntil >= minLength) {
      quiet.push({ from: busyUntil, to: start });
    }
    busyUntil = Math.max(busyUntil, end);
  }
  return quiet;
}

/** The axis with no breaks: true scale. */
export function trueAxis(endTime: number): TimeAxis {
  return axisOf([], 0, endTime);
}

function axisOf(breaks: AxisBreak[], breakLength: number, end: number): TimeAxis {
  return {
    breaks,
    breakLength,
    end,
    froms: Float64Array.from(breaks, (b) => b.from),
    ats: Float64Array.from(breaks, (b) => b.at),
  };
}

/** The compressed axis of a run: each long quiet stretch becomes a marked break. */
export function compressedAxis(timeline: Timeline): TimeAxis {
  const unit = typicalCrossing(timeline);
  // Half a crossing of true scale on either side keeps arrowheads and state tags clear of a break.
  const pad = unit / 2;
  const breaks: AxisBreak[] = [];
  let removed = 0;
  for (const stretch of quietStretches(timeline, unit * MIN_QUIET_CROSSINGS)) {
    const from = stretch.from + pad;
    const to = stretch.to - pad;
    breaks.push({ from, to, at: from - removed, quiet: stretch.to - stretch.from });
    removed += to - from - unit;
  }
  return axisOf(breaks, unit, timeline.endTime - removed);
}

const axes = new WeakMap<Timeline, Partial<Record<TimeAxisMode, TimeAxis>>>();

/** The run's axis in a mode, computed once per run (selectors may return it as it is). */
export function timeAxisOf(timeline: Timeline, mode: TimeAxisMode): TimeAxis {
  let byMode = axes.get(timeline);
  if (!byMode) {
    byMode = {};
    axes.set(timeline, byMode);
  }
  byMode[mode] ??= mode === 'true' ? trueAxis(timeline.endTime) : compressedAxis(timeline);
  return byMode[mode];
}

/** Where virtual time `t` sits on the axis. */
export function toAxis(axis: TimeAxis, t: number): number {
  const b = axis.breaks[upperBound(axis.froms, t) - 1];
  if (b === undefined) return t;
  if (t <= b.to) return b.at + ((t - b.from) / (b.to - b.from)) * axis.breakLength;
  return b.at + axis.breakLength + (t - b.to);
}

/** The virtual time at axis position `u` (the inverse of toAxis). */
export function fromAxis(axis: TimeAxis, u: number): number {
  const { breakLength } = axis;
  const b = axis.breaks[upperBound(axis.ats, u) - 1];
  if (b === undefined) return u;
  if (u <= b.at + breakLength) return b.from + ((u - b.at) / breakLength) * (b.to - b.from);
  return b.to + (u - b.at - breakLength);
}

/**
 * The playhead after `wallMs` of playback at `speed` (a fraction of real time): at that speed
 * where the axis is true scale, and fast enough inside a break to cross it in BREAK_PLAY_MS,
 * so a minute of TIME-WAIT plays in about a second while a crossing keeps its slow motion.
 */
export function advancePlayhead(axis: TimeAxis, t: number, wallMs: number, speed: number): number {
  let now = t;
  let wall = wallMs;
  for (const b of axis.breaks) {
    if (wall <= 0) break;
    if (b.to <= now) continue;
    if (now < b.from) {
      const reach = now + wall * speed;
      if (reach <= b.from) return reach;
      wall -= (b.from - now) / speed;
      now = b.from;
    }
    const rate = Math.max(speed, (b.to - b.from) / BREAK_PLAY_MS);
    const reach = now + wall * rate;
    if (reach <= b.to) return reach;
    wall -= (b.to - now) / rate;
    now = b.to;
  }
  return now + Math.max(0, wall) * speed;
}
