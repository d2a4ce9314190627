/**
 * Where the notes beside each lifeline go (state tags and timer notes) for one render window,
 * stacked so none covers another, each with the box it covers: segment labels and loss marks are
 * laid out around those boxes, and the playhead's time label steps around them too.
 *
 * On a lifeline that runs several connections at once (a listener and its children), each note
 * says whose it is: "2: SYN-RECEIVED", in the connection's colour, and the legend says who 2 is.
 * Notes that say the same thing at nearly the same moment for several connections (a flood's
 * four half-open connections each backing off 1 s) are one note: "1–4: RTO 1 s".
 */
import type { Timeline, TimerSpan } from '../../store';
import { childNumber, connectionsOf, stateChangesInWindow, timersInWindow } from '../../store';
import { fitNote, timeY, type Geometry } from './geometry';
import { boxAt, overlaps, type Obstacle } from './label-boxes';
import { stackNotes } from './margin-layout';
import { timerNote } from './timer-note';

export interface LaneNote {
  readonly key: string;
  readonly endpoint: string;
  /** Index of the trace event that puts the note on screen (the state change, the timer's set). */
  readonly index: number;
  readonly y: number;
  /** Where the words start (or end, left of the lifeline). */
  readonly x: number;
  readonly outward: -1 | 1;
  /** The box the words cover, widest they get. */
  readonly box: Obstacle;
  /**
   * The connections the note speaks for, with the event that brings each on screen; empty on a
   * lifeline with one connection. A note merged into another has `mergedInto` set instead.
   */
  readonly members: readonly { readonly n: number; readonly index: number }[];
  readonly mergedInto?: string;
  /** No place near its moment was clear of the loss marks: the tag's line alone shows it. */
  readonly hidden?: true;
}

/** Pixels between the lifeline and a note's words; timer bars and brackets sit in between. */
export const NOTE_GAP = 16;
/** How far each further connection's timer bar stands out from the one before. */
export const BAR_STEP = 4;
/** Connections' colours repeat after this many (SequenceDiagram.module.css, .conn-1 …). */
export const CONNECTION_COLOURS = 6;

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

/** How many timer bars stand side by side beside a lifeline (one per numbered connection). */
export function barColumns(timeline: Timeline, endpoint: string): number {
  return Math.max(1, connectionsOf(timeline).children.get(endpoint)?.length ?? 1);
}

/** x of the words of a lifeline's notes: past its timer bars and their brackets. */
export function noteX(timeline: Timeline, g: Geometry, lane: number): number {
  const x = g.lifelineX[lane] ?? 0;
  const outward = lane === 0 ? -1 : 1;
  return x + outward * (NOTE_GAP + (barColumns(timeline, laneName(timeline, lane)) - 1) * BAR_STEP);
}

/**
 * How wide a lifeline's notes may be: the margin beside it, and for a lifeline with another to
 * its right (a server with the flood's lane beside it), the gap up to that one, short of the loss
 * marks at its line. Longer notes are narrowed to fit (their text squeezed), never cut.
 */
export function noteRoom(timeline: Timeline, g: Geometry, lane: number): number {
  const x = g.lifelineX[lane] ?? 0;
  const start = Math.abs(noteX(timeline, g, lane) - x);
  const next = g.lifelineX[lane + 1];
  const beside = lane > 0 && next !== undefined ? next - x - start - g.fontSize : Infinity;
  return Math.min(g.margin - 20 - (start - NOTE_GAP), beside);
}

const laneName = (timeline: Timeline, lane: number) => timeline.endpoints[lane]?.name ?? '';

/** "1–4", "1, 3", "2": the numbers of the connections a note speaks for. */
export function connectionNumbers(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const runs: string[] = [];
  let start = sorted[0];
  let last = start;
  const flush = () => {
    if (start === undefined || last === undefined) return;
    runs.push(start === last ? String(start) : `${start}${last - start > 1 ? '–' : ', '}${last}`);
  };
  for (const n of sorted.slice(1)) {
    if (last !== undefined && n === last + 1) last = n;
    else {
      flush();
      start = n;
      last = n;
    }
  }
  flush();
  return runs.join(', ');
}

/** The prefix a note carries for the members reached by the cursor: "1–4: ", or "". */
export function notePrefix(note: LaneNote | undefined, cursor: number): string {
  const reached = (note?.members ?? []).filter((m) => m.index <= cursor).map((m) => m.n);
  return reached.length > 0 ? `${connectionNumbers(reached)}: ` : '';
}

/** The longest words a timer's note says over its life (its countdown, then how it ended). */
function widestTimerNote(g: Geometry, timer: TimerSpan): string {
  const bracketed = runsThroughBreak(g, timer);
  const length = timer.expiresAt - timer.setAt;
  const texts = [timerNote(timer, timer.endAt, true, g.compact, bracketed)];
  for (const left of [length, 9999, 999.9, 99.9, 9.9]) {
    if (left <= length) texts.push(timerNote(timer, timer.expiresAt - left, false, g.compact));
  }
  return texts.reduce((a, b) => (b.length > a.length ? b : a));
}

interface Request {
  readonly key: string;
  readonly y: number;
  readonly index: number;
  /** What the note says apart from its connection number, and what may merge with it. */
  readonly words: string;
  readonly same: string;
  readonly n: number | undefined;
  /**
   * Whether one connection's repeats of it may merge: a timer's note in the flow of the run,
   * yes; a bracketed one that says its length (a SYN's five "RTO 1 s" tries) stays one per try.
   */
  readonly repeats: boolean;
}

/**
 * Notes that say the same at nearly the same moment become one: the first keeps its place. For
 * several connections it lists them all; for one connection it stands for the repeats (a bulk
 * sender restarts its retransmission timer on every ACK, a dozen "RTO restarted" within a pixel
 * or two, which stacked one under another would run far below the moment they tell).
 */
function merge(requests: readonly Request[], near: number) {
  const groups: { head: Request; last: number; members: Request[] }[] = [];
  for (const r of [...requests].sort((a, b) => a.y - b.y || a.index - b.index)) {
    const group = groups.find(
      (g) =>
        g.head.same === r.same &&
        (r.n === undefined ? g.head.n === undefined && r.repeats : g.head.n !== undefined) &&
        r.y - g.last <= near,
    );
    if (group) {
      group.members.push(r);
      group.last = r.y;
    } else groups.push({ head: r, last: r.y, members: [r] });
  }
  return groups;
}

export function laneNotes(timeline: Timeline, g: Geometry, from: number, to: number): LaneNote[] {
  const notes: LaneNote[] = [];
  const lanes = connectionsOf(timeline);
  const timers = timersInWindow(timeline, from, to);
  const lineHeight = g.noteSize + 4;
  timeline.endpoints.forEach((endpoint, lane) => {
    const name = endpoint.name;
    const numbered = lanes.children.has(name);
    const numberOf = (key: string | undefined) =>
      numbered && key !== undefined ? childNumber(lanes, name, key) : undefined;
    const changes = stateChangesInWindow(timeline, name, from, to);
    const mine = timers.filter((x) => x.endpoint === name);
    const requests: Request[] = [
      ...changes.map((c) => ({
        key: `state-${c.index}`,
        y: timeY(g, c.t),
        index: c.index,
        words: c.to,
        same: `state ${c.from}>${c.to}`,
        n: numberOf(lanes.ofState.get(c.index)),
        repeats: false,
      })),
      ...mine.map((x) => {
        const words = widestTimerNote(g, x);
        const length = x.expiresAt - x.setAt;
        const bracketed = runsThroughBreak(g, x);
        return {
          key: `timer-${x.setIndex}`,
          y: timerNoteY(g, x),
          index: x.setIndex,
          words,
          // Only a bracketed note says its length ("RTO 1 s"); others end alike however long.
          same: `timer ${x.timer} ${x.outcome} ${bracketed ? length : 'unbracketed'}`,
          n: numberOf(x.connection),
          repeats: !bracketed,
        };
      }),
    ];
    const groups = merge(requests, 2 * lineHeight);
    const heads = groups.map((group) => {
      const numbers = group.members.flatMap((m) => (m.n === undefined ? [] : [m.n]));
      const prefix = numbers.length > 0 ? `${connectionNumbers(numbers)}: ` : '';
      return { group, prefix };
    });
    const stacked = stackNotes(
      heads.map(({ group }) => group.head),
      lineHeight,
    );
    const x = noteX(timeline, g, lane);
    const room = noteRoom(timeline, g, lane);
    const outward: -1 | 1 = lane === 0 ? -1 : 1;
    for (const { group, prefix } of heads) {
      const { head } = group;
      const y = stacked.get(head.key) ?? head.y;
      // As drawn: squeezed to the room beside the lifeline, but never below a glyph's width
      // (StateTag, TimerBar), so a note between crowded lanes is laid out at its real size.
      const width = fitNote(prefix.length + head.words.length, g.noteSize, room).width + 4;
      const box = { x: x + outward * (width / 2 - 2), y, width, height: g.noteSize * 1.2 };
      const members = group.members.flatMap((m) =>
        m.n === undefined ? [] : [{ n: m.n, index: m.index }],
      );
      for (const member of group.members) {
        const merged = member !== head ? { mergedInto: head.key } : {};
        notes.push({
          key: member.key,
          endpoint: name,
          index: member.index,
          y,
          x,
          outward,
          box,
          members: member === head ? members : [],
          ...merged,
        });
      }
    }
  });
  return notes;
}

/**
 * Notes moved off the ✕ of a loss at their lifeline (a segment refused or lost as it arrives
 * there): a note that would sit under a ✕ moves a line down, or up, to the nearest place clear
 * of every ✕ and every other note, with the notes merged into it; where none is near, the note
 * is hidden (its tick on the lifeline, the badge and the narration still tell it). A ✕ keeps its
 * place: it marks where the segment stopped.
 */
export function notesClearOfMarks(
  notes: readonly LaneNote[],
  marks: readonly Obstacle[],
  lineHeight: number,
): LaneNote[] {
  const crosses = marks.filter((m) => m.width > 0).map((m) => boxAt(m.x, m.y, m.width, m.height));
  if (crosses.length === 0) return [...notes];
  const heads = notes.filter((n) => n.mergedInto === undefined);
  const placed = new Map(heads.map((n) => [n.key, n.box]));
  const covered = (box: Obstacle, key: string) => {
    const b = boxAt(box.x, box.y, box.width, box.height);
    return (
      crosses.some((c) => overlaps(c, b)) ||
      heads.some((other) => {
        const o = placed.get(other.key);
        return (
          other.key !== key && o !== undefined && overlaps(boxAt(o.x, o.y, o.width, o.height), b)
        );
      })
    );
  };
  const shifts = new Map<string, number>();
  const hidden = new Set<string>();
  for (const note of heads) {
    if (
      !crosses.some((c) =>
        overlaps(c, boxAt(note.box.x, note.box.y, note.box.width, note.box.height)),
      )
    )
      continue;
    for (const step of [1, -1, 2, -2, 3, -3]) {
      const box = { ...note.box, y: note.box.y + step * lineHeight };
      if (!covered(box, note.key)) {
        placed.set(note.key, box);
        shifts.set(note.key, step * lineHeight);
        break;
      }
    }
    if (!shifts.has(note.key)) {
      hidden.add(note.key);
      placed.delete(note.key);
    }
  }
  return notes.map((n) => {
    const head = n.mergedInto ?? n.key;
    if (hidden.has(head)) return { ...n, hidden: true };
    const dy = shifts.get(head);
    return dy === undefined ? n : { ...n, y: n.y + dy, box: { ...n.box, y: n.box.y + dy } };
  });
}
