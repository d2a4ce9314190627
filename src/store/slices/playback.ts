import type { StateCreator } from 'zustand/vanilla';
import { DEFAULT_SPEED } from '../speed';
import type { Timeline } from '../timeline';
import type { LabState, PlaybackSlice } from '../types';
import { lastEventAtOrBefore } from '../world-at';

const MIN_VIEW_SPAN = 20;
const MAX_VIEW_SPAN = 600_000;

/**
 * A view span that shows a short exchange whole, and a long one a handful of crossings at a time.
 * It measures the exchange by its segments, not by the run's end: a close followed by TIME-WAIT's
 * minute of silence (RFC 9293 §3.6) would otherwise squeeze the whole exchange into a sliver.
 */
export function defaultViewSpan(timeline: Pick<Timeline, 'endTime' | 'spanEndsMax'>): number {
  const lastSegmentAt = timeline.spanEndsMax[timeline.spanEndsMax.length - 1];
  const busyUntil = lastSegmentAt ?? timeline.endTime;
  return Math.min(2_000, Math.max(300, Math.ceil((busyUntil * 1.15) / 50) * 50));
}

export function createPlaybackSlice(
  initialViewSpan: number,
): StateCreator<LabState, [], [], PlaybackSlice> {
  return (set, get) => ({
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
      set({ cursor: next, t: timeline.times[next] as number, playing: false });
    },
    stepPrevious: () => {
      const { cursor, t, timeline } = get();
      if (cursor < 0) return set({ t: 0, playing: false });
      const cursorTime = timeline.times[cursor] as number;
      // Between two events, "previous" first returns to the event just passed.
      if (t > cursorTime) return set({ t: cursorTime, playing: false });
      const previous = cursor - 1;
      set({
        cursor: previous,
        t: previous >= 0 ? (timeline.times[previous] as number) : 0,
        playing: false,
      });
    },
    toStart: () => set({ t: 0, cursor: -1, playing: false }),
    toEnd: () => {
      const { timeline } = get();
      set({ t: timeline.endTime, cursor: timeline.events.length - 1, playing: false });
    },
    seek: (target) => {
      const { timeline } = get();
      const t = Math.max(0, Math.min(timeline.endTime, target));
      set({ t, cursor: t <= 0 ? -1 : lastEventAtOrBefore(timeline, t) });
    },
    tick: (wallMs) => {
      const { playing, t, speed, timeline, cursor } = get();
      if (!playing) return;
      const next = Math.min(timeline.endTime, t + wallMs * speed);
      // Events at the very start happen as soon as playing begins.
      const reached = Math.max(cursor, lastEventAtOrBefore(timeline, next));
      set({ t: next, cursor: reached, playing: next < timeline.endTime });
    },
    setSpeed: (speed) => set({ speed }),
    zoomIn: () => set({ viewSpan: Math.max(MIN_VIEW_SPAN, get().viewSpan / 2) }),
    zoomOut: () => set({ viewSpan: Math.min(MAX_VIEW_SPAN, get().viewSpan * 2) }),
  });
}
