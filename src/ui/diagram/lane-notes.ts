/**
 * Where the notes beside each lifeline go (state tags and timer notes) for one render window,
 * stacked so none covers another. The playhead's time label reads the same positions to stay
 * clear of them.
 */
import type { Timeline } from '../../store';
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

export function laneNotes(timeline: Timeline, g: Geometry, from: number, to: number): LaneNote[] {
  const notes: LaneNote[] = [];
  const timers = timersInWindow(timeline, from, to);
  for (const endpoint of timeline.endpoints) {
    const changes = stateChangesInWindow(timeline, endpoint.name, from, to);
    const mine = timers.filter((x) => x.endpoint === endpoint.name);
    const requests = [
      ...changes.map((c) => ({ key: `state-${c.index}`, y: timeY(g, c.t), index: c.index })),
      ...mine.map((x) => ({ key: `timer-${x.setIndex}`, y: timeY(g, x.setAt), index: x.setIndex })),
    ];
    const stacked = stackNotes(requests, g.noteSize + 4);
    for (const request of requests) {
      const y = stacked.get(request.key) ?? request.y;
      notes.push({ key: request.key, endpoint: endpoint.name, index: request.index, y });
    }
  }
  return notes;
}
