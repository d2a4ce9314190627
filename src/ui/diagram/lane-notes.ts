/**
 * Where the notes beside each lifeline go (state tags and timer notes) for one render window,
 * stacked so none covers another. The playhead's time label reads the same positions to stay
 * clear of them.
 */
import type { Timeline, TimerSpan } from '../../store';
import { stateChangesInWindow, timersInWindow } from '../../store';
import { timeY, type Geometry } from './geometry';
import { stackNotes } from './margin-layout';

export interface LaneNote {
  readonly key: string;
  readonly endpoint: string;
  /** Index of the trace event that puts the note on screen (the state change, the timer's set). */
  readonly index: number;
  readonly y: number;
}

/**
 * A timer's note sits at its set time; a timer that runs through a break of the time axis (a
 * minute of TIME-WAIT, a long retransmission timeout) has its note beside the middle of its
 * bracket instead, in the break's quiet, where it says the timer's length.
 */
export function timerNoteY(g: Geometry, timer: TimerSpan): number {
  if (!runsThroughBreak(g, timer)) return timeY(g, timer.setAt);
  return (timeY(g, timer.setAt) + timeY(g, timer.expiresAt)) / 2;
}

export function runsThroughBreak(g: Geometry, timer: TimerSpan): boolean {
  return g.axis.breaks.some((b) => b.from >= timer.setAt && b.to <= timer.expiresAt);
}

export function laneNotes(timeline: Timeline, g: Geometry, from: number, to: number): LaneNote[] {
  const notes: LaneNote[] = [];
  const timers = timersInWindow(timeline, from, to);
  for (const endpoint of timeline.endpoints) {
    const changes = stateChangesInWindow(timeline, endpoint.name, from, to);
    const mine = timers.filter((x) => x.endpoint === endpoint.name);
    const requests = [
      ...changes.map((c) => ({ key: `state-${c.index}`, y: timeY(g, c.t), index: c.index })),
      ...mine.map((x) => ({ key: `timer-${x.setIndex}`, y: timerNoteY(g, x), index: x.setIndex })),
    ];
    const stacked = stackNotes(requests, g.noteSize + 4);
    for (const request of requests) {
      const y = stacked.get(request.key) ?? request.y;
      notes.push({ key: request.key, endpoint: endpoint.name, index: request.index, y });
    }
  }
  return notes;
}
