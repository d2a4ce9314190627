import type { StateCreator } from 'zustand/vanilla';
import { DEFAULT_SPEED } from '../speed';
import { nextVisibleStep, previousVisibleStep } from '../steps';
import { advancePlayhead, timeAxisOf, toAxis, type TimeAxisMode } from '../time-axis';
import type { Timeline } from '../timeline';
import type { LabState, PlaybackSlice } from '../types';
import { lastEventAtOrBefore } from '../world-at';

const MIN_VIEW_SPAN = 20;

/**
 * A view span that shows a short exchange whole, and a long one a handful of crossings at a time.
 * It measures the exchange by its segments, not by the run's end: a close followed by TIME-WAIT's
 * minute of silence (RFC 9293 §3.6) would otherwise squeeze the whole exchange into a sliver.
 * Spans are in units of the time axis (compressed by default, time-axis.ts).
 */
export function defaultViewSpan(timeline: Timeline, mode: TimeAxisMode = 'compressed'): number {
  const axis = timeAxisOf(timeline, mode);
  const lastSegmentAt = timeline.spanEndsMax[timeline.spanEndsMax.length - 1];
  const busyUntil = toAxis(axis, lastSegmentAt ?? timeline.endTime);
  const span = Math.min(2_000, Math.max(300, Math.ceil((busyUntil * 1.15) / 50) * 50));
  // A flood's first burst (dozens of segments from spoofed sources, the client's SYN among them)
  // is the densest moment of its story: the view opens on it, up to the first quiet break, and
  // follows the playhead from there; End still fits the whole run.
  const firstBreak = axis.breaks[0];
  const flood = timeline.endpoints.some((e) => e.profile === 'spoofed');
  if (!flood || firstBreak === undefined) return span;
  const burst = Math.ceil((toAxis(axis, firstBreak.from) * 1.6) / 50) * 50;
  return Math.min(span, Math.max(300, burst));
}

/**
 * The span that shows the whole run: its end sits 88 % of the way down, leaving room below for
 * the last notes (the view never scrolls when the run fits, see viewStartAt in the diagram).
 */
export function wholeRunSpan(timeline: Timeline, mode: TimeAxisMode): number {
  return Math.max(MIN_VIEW_SPAN, timeAxisOf(timeline, mode).end / 0.88);
}

export function createPlaybackSlice(
  initialViewSpan: number,
): StateCreator<LabState, [], [], PlaybackSlice> {
  return (set, get) => {
    /** Moves to the end of the event at `index` (-1: the start), paused. */
    const toEvent = (index: number) => {
      const { timeline } = get();
      set({
        cursor: index,
        t: index >= 0 ? (timeline.times[index] as number) : 0,
        playing: false,
      });
    };
    return {
      playing: false,
      speed: DEFAULT_SPEED,
      t: 0,
      cursor: -1,
      viewSpan: initialViewSpan,
      play: () => {
        const { t, timeline } = get();
        // Play at the end starts over, as a media player does.
        if (t >= timeline.endTime) set({ t: 0, cursor: -1, playing: true });
        else set({ playing: true });
      },
      pause: () => set({ playing: false }),
      togglePlay: () => (get().playing ? get().pause() : get().play()),
      stepNext: () => {
        const { cursor, timeline } = get();
        const next = cursor + 1;
        if (next >= timeline.events.length) {
          set({ t: timeline.endTime, playing: false });
          return;
        }
        toEvent(next);
      },
      stepPrevious: () => {
        const { cursor, t, timeline } = get();
        if (cursor < 0) return set({ t: 0, playing: false });
        const cursorTime = timeline.times[cursor] as number;
        // Between two events, "previous" first returns to the event just passed.
        if (t > cursorTime) return set({ t: cursorTime, playing: false });
        toEvent(cursor - 1);
      },
      nextStep: () => {
        const { cursor, timeline } = get();
        const next = nextVisibleStep(timeline, cursor);
        if (next === undefined) {
          set({ t: timeline.endTime, cursor: timeline.events.length - 1, playing: false });
          return;
        }
        toEvent(next);
      },
      previousStep: () => {
        const { cursor, t, timeline } = get();
        toEvent(previousVisibleStep(timeline, t, cursor));
      },
      toStart: () => set({ t: 0, cursor: -1, playing: false }),
      toEnd: () => {
        const { timeline, timeAxis } = get();
        // The end shows the whole run: the story, not its last few crossings.
        set({
          t: timeline.endTime,
          cursor: timeline.events.length - 1,
          playing: false,
          viewSpan: wholeRunSpan(timeline, timeAxis),
        });
      },
      seek: (target) => {
        const { timeline } = get();
        const t = Math.max(0, Math.min(timeline.endTime, target));
        set({ t, cursor: t <= 0 ? -1 : lastEventAtOrBefore(timeline, t) });
      },
      tick: (wallMs) => {
        const { playing, t, speed, timeline, cursor, timeAxis } = get();
        if (!playing) return;
        const advanced = advancePlayhead(timeAxisOf(timeline, timeAxis), t, wallMs, speed);
        const next = Math.min(timeline.endTime, advanced);
        // Events at the very start happen as soon as playing begins.
        const reached = Math.max(cursor, lastEventAtOrBefore(timeline, next));
        set({ t: next, cursor: reached, playing: next < timeline.endTime });
      },
      setSpeed: (speed) => set({ speed }),
      zoomIn: () => set({ viewSpan: Math.max(MIN_VIEW_SPAN, get().viewSpan / 2) }),
      // Zooming out stops at the whole run: further would only squeeze it into a sliver.
      zoomOut: () => {
        const { viewSpan, timeline, timeAxis } = get();
        const whole = wholeRunSpan(timeline, timeAxis);
        set({ viewSpan: Math.max(viewSpan, Math.min(whole, viewSpan * 2)) });
      },
    };
  };
}
