/**
 * Where the diagram's marks go before segment labels are laid out around them: the ✕ "lost"
 * of each lost segment, and the "⋯ 59.95 s ⋯" of each break of a compressed time axis. Loss
 * marks of one kind that would overprint one another (lost segments at nearly the same place)
 * merge into one mark that counts them; marks of different kinds move their words apart; a
 * break's words move along the break to a spot no mark covers.
 */
import type { AxisBreak } from '../../store';
import { breakLabel } from './break-label';
import { boxAt, overlaps, type Box, type Obstacle } from './label-boxes';

export interface LossRequest {
  readonly key: string;
  /** Where the segment stopped. */
  readonly x: number;
  readonly y: number;
  /**
   * Marks group only with marks of the same kind (sender and words), so a named end's refused
   * SYN keeps its own mark beside a flood's.
   */
  readonly kind?: string;
  /** What the mark says ("lost", "dropped: SYN queue full"), before any "×3". */
  readonly words: string;
  /**
   * Where the words go: centred under the ✕ (0) for a segment lost on the way; beside it, on
   * the side its arrow came from (-1 left, 1 right), for one stopped at a lifeline, so the words
   * stay between the lanes, off the lifeline and its notes.
   */
  readonly side: -1 | 0 | 1;
  /** Marks of one kind that merge wherever they stand (a flood's burst), not only when near. */
  readonly together?: boolean;
}

export interface MarkMetrics {
  readonly fontSize: number;
  readonly noteSize: number;
  readonly charWidth: number;
  /** The lifelines' x, left to right: break words sit between the outer two. */
  readonly lifelineX: readonly number[];
  /**
   * The diagram's width: a mark's words stay inside it (the SVG clips whatever crosses its
   * edge, and words cut to "ropped: SYN queue f" say nothing). Unbounded when not given.
   */
  readonly width?: number;
}

/** The least room kept between a mark's words and the diagram's left or right edge. */
const EDGE = 2;

/** A loss mark as drawn: the ✕ at its first member's stop and its words' box. */
export interface LossMark {
  readonly keys: readonly string[];
  /** What it says, before any "×3". */
  readonly text: string;
  readonly cross: Obstacle;
  /** Centre and size of the words' opaque box. */
  readonly words: Obstacle;
  /** How the words hang on their box: from its right edge (end), left edge (start) or centre. */
  readonly anchor: 'start' | 'middle' | 'end';
  /**
   * How the words are broken: 0 on one line, 1 after the colon ("dropped:" over "SYN queue
   * full"), 2 word by word into short lines (between a phone's close lanes).
   */
  readonly wrapped: 0 | 1 | 2;
}

/** Characters a line of words broken word by word may hold. */
const SHORT_LINE = 9;

/**
 * The lines a loss mark's words take (see LossMark.wrapped). Every line but the last keeps its
 * trailing space, so the words read whole as text: "dropped: SYN queue full".
 */
export function lossLines(words: string, wrapped: 0 | 1 | 2): string[] {
  const colon = words.indexOf(': ');
  if (wrapped === 0 || colon < 0) return [words];
  if (wrapped === 1) return [words.slice(0, colon + 2), words.slice(colon + 2)];
  const lines: string[] = [];
  for (const word of words.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + word.length <= SHORT_LINE) {
      lines[lines.length - 1] = `${last}${word} `;
    } else lines.push(`${word} `);
  }
  return lines.map((line, i) => (i === lines.length - 1 ? line.trimEnd() : line));
}

/** Half a ✕'s size at the labels' font size. */
const crossHalf = (m: MarkMetrics) => m.fontSize * 0.55;

/** The box a loss mark (✕ over the word "lost", or "lost ×3") covers, as an obstacle. */
export function lossBox(x: number, y: number, m: MarkMetrics, chars = 8): Obstacle {
  const mark = crossHalf(m);
  const top = y - mark;
  const bottom = y + mark + m.fontSize * 1.35;
  return {
    x,
    y: (top + bottom) / 2,
    width: Math.max(2 * mark, chars * m.charWidth),
    height: bottom - top,
  };
}

const asBox = (o: Obstacle): Box => boxAt(o.x, o.y, o.width, o.height);

/** How far down a mark's words may move to clear another mark's, in lines: further, they mislead. */
const MAX_WORD_SHIFTS = 2;

/**
 * Loss marks grouped and placed so none overprints another: marks of one kind at nearly the
 * same place merge into one that counts them ("lost ×3"), drawn at its first member's stop; a
 * mark of another kind nearby (the client's refused SYN beside the flood's) keeps its own ✕
 * and moves its words down, line by line, until they clear every ✕ and every earlier mark's
 * words. In y order.
 */
export function placeLossMarks(
  requests: readonly LossRequest[],
  m: MarkMetrics,
  /** What the words must also keep clear of (the notes beside the lifelines, a script's ✕). */
  avoid: readonly Obstacle[] = [],
): LossMark[] {
  return placeLossWords(placeCrosses(requests, m), m, avoid);
}

/** Loss marks merged into groups, each with its ✕ placed: the first half of placeLossMarks. */
export interface PlacedCrosses {
  readonly groups: readonly { readonly first: LossRequest; readonly keys: readonly string[] }[];
  /** Each group's ✕ (zero-sized where a burst's has no clear place). */
  readonly crosses: readonly Obstacle[];
}

/** The ✕ of each mark: where its segment stopped, whatever its words will avoid. */
export function placeCrosses(requests: readonly LossRequest[], m: MarkMetrics): PlacedCrosses {
  const groups: { first: LossRequest; keys: string[]; box: Box }[] = [];
  const sorted = [...requests].sort((a, b) => a.y - b.y || a.x - b.x);
  const crossAt = (r: LossRequest) => ({
    x: r.x,
    y: r.y,
    width: 2 * crossHalf(m),
    height: 2 * crossHalf(m),
  });
  for (const r of sorted) {
    const box = asBox(lossBox(r.x, r.y, m, r.words.length));
    const group = groups.find(
      (g) => g.first.kind === r.kind && (r.together === true || overlaps(g.box, box)),
    );
    // Two named ends' marks whose ✕ would overprint (two refusals at one lifeline an instant
    // apart) merge too, saying what they share: "dropped ×2".
    const touching =
      group ??
      groups.find(
        (g) =>
          g.first.together !== true &&
          r.together !== true &&
          overlaps(asBox(crossAt(g.first)), asBox(crossAt(r))),
      );
    if (touching) {
      touching.keys.push(r.key);
      if (touching.first.words !== r.words) {
        const shared = touching.first.words.split(': ')[0] ?? touching.first.words;
        touching.first = { ...touching.first, words: shared };
      }
    } else groups.push({ first: r, keys: [r.key], box });
  }
  // A named end's ✕ has its place; a burst's ✕ clear of those (none, where none of its
  // members' stops is clear: the named end's mark keeps priority, the burst's words remain).
  const fixed = groups.filter((g) => g.first.together !== true).map((g) => asBox(crossAt(g.first)));
  const crosses = groups.map(({ first }) => {
    if (first.together !== true) return crossAt(first);
    const stops = sorted.filter((r) => r.kind === first.kind).map(crossAt);
    const clear = stops.find((c) => !fixed.some((box) => overlaps(box, asBox(c))));
    return clear ?? { ...crossAt(first), width: 0, height: 0 };
  });
  return { groups, crosses };
}

/**
 * Each mark's words beside (or under) its ✕, clear of every ✕, every earlier mark's words and
 * `avoid`: the second half of placeLossMarks.
 */
export function placeLossWords(
  { groups, crosses }: PlacedCrosses,
  m: MarkMetrics,
  avoid: readonly Obstacle[] = [],
): LossMark[] {
  const mark = crossHalf(m);
  const taken = crosses.map(asBox);
  const avoided = avoid.map(asBox);
  return groups.map(({ first: request, keys }, i) => {
    // The words hang on the ✕ as drawn (a burst's may stand at a later member's stop).
    const at0 = crosses[i] as Obstacle;
    const first = { ...request, x: at0.x, y: at0.y };
    const count = keys.length > 1 ? ` ×${keys.length}` : '';
    const lineHeight = m.fontSize * 1.2;
    const gap = mark + 3;
    const own = taken[i] as Box;
    const at = (said: string, side: -1 | 0 | 1, shift: number, wrapped: 0 | 1 | 2 = 0) => {
      const lines = lossLines(said + count, wrapped);
      const width = Math.max(...lines.map((line) => line.trim().length)) * m.charWidth + 6;
      const height = lineHeight * lines.length;
      const x = side === 0 ? first.x : first.x + side * (gap + width / 2);
      // Under the ✕ when centred; beside it, a little below its centre, so the incoming arrow
      // (which slopes down towards the ✕) passes above the words.
      const top =
        (side === 0 ? first.y + mark + m.fontSize * 0.1 : first.y + m.fontSize * 0.15) +
        shift * (lineHeight + 2);
      return { said, side, wrapped, words: { x, y: top + height / 2, width, height } };
    };
    const inside = (o: Obstacle) =>
      o.x - o.width / 2 >= EDGE && o.x + o.width / 2 <= (m.width ?? Infinity) - EDGE;
    const clear = (o: Obstacle) =>
      inside(o) &&
      !taken.some((box) => box !== own && overlaps(box, asBox(o))) &&
      !avoided.some((box) => overlaps(box, asBox(o)));
    // Its own side first, then the other, then under the ✕, on one line or else two (a long
    // reason between close lanes), always inside the diagram's edges; each a line or two lower
    // if need be. Where the reason fits
    // nowhere (notes crowd both sides), the mark says only what happened ("dropped"), and where
    // even that fits nowhere the ✕ stands alone: words over a note would hide both, and the
    // narration, the inspector and the arrow's name say what happened and why.
    const sides: (-1 | 0 | 1)[] = first.side === 0 ? [0] : [first.side, 0, -first.side as -1 | 1];
    const reason = first.words;
    const short = first.words.split(': ')[0] ?? first.words;
    const texts = short === reason ? [reason] : [reason, short];
    let chosen = {
      ...at('', first.side, 0),
      words: { x: first.x, y: first.y, width: 0, height: 0 },
    };
    // (Beyond two lines lower only as a last resort: words over a note would hide it.)
    search: for (const text of texts) {
      const wraps: (0 | 1 | 2)[] = text.includes(': ') ? [0, 1, 2] : [0];
      for (let shift = 0; shift <= MAX_WORD_SHIFTS + 2; shift++) {
        for (const wrapped of wraps) {
          for (const side of sides) {
            const spot = at(text, side, shift, wrapped);
            if (clear(spot.words)) {
              chosen = spot;
              break search;
            }
          }
        }
      }
    }
    if (chosen.said !== '') taken.push(asBox(chosen.words));
    const anchor = chosen.side === 0 ? 'middle' : chosen.side < 0 ? 'end' : 'start';
    return {
      keys,
      text: chosen.said,
      cross: crosses[i] as Obstacle,
      words: chosen.words,
      anchor,
      wrapped: chosen.wrapped,
    };
  });
}

/** Fractions of the way between the outer lifelines tried for a break's words, best first. */
const BREAK_SPOTS = [0.5, 0.72, 0.28, 0.86, 0.14, 0.61, 0.39, 0.95, 0.05];

/**
 * The break's words: centred in the break, at the first spot along it that no mark covers (and,
 * where there is one, clear of where the named ends' labels go); none
 * where marks fill the whole break (a crowded moment keeps its marks; the band still shows the
 * break, and the time grid its length).
 */
export function placeBreakLabel(
  b: AxisBreak,
  top: number,
  bottom: number,
  m: MarkMetrics,
  marks: readonly Obstacle[],
  /** Where it had better not go: the middles of the named ends' arrows, their labels' place. */
  yield_: readonly Obstacle[] = [],
): Obstacle | undefined {
  const first = m.lifelineX[0] ?? 0;
  const last = m.lifelineX[m.lifelineX.length - 1] ?? first;
  const width = breakLabel(b).length * m.charWidth * (m.noteSize / m.fontSize) + 12;
  const height = m.noteSize + 6;
  const y = (top + bottom) / 2;
  const taken = marks.map(asBox);
  const polite = yield_.map(asBox);
  const spots = BREAK_SPOTS.map((f) => ({ x: first + (last - first) * f, y, width, height }));
  const free = spots.filter((spot) => !taken.some((box) => overlaps(box, asBox(spot))));
  return free.find((spot) => !polite.some((box) => overlaps(box, asBox(spot)))) ?? free[0];
}

/**
 * The words of every break, earliest first, each clear of the marks and of the words of the
 * breaks before it. Breaks can follow one another closer than a line of text: a Linux 6.x SYN
 * retried a second apart (tcp_syn_linear_timeouts) leaves a break between each try and the next,
 * with only the SYN's crossing between them, so two breaks' words at the same spot would
 * overprint. A later break's words move along it, or give way where every spot is taken; the
 * earlier keep their place as the run goes on.
 */
export function placeBreakLabels(
  breaks: readonly { readonly b: AxisBreak; readonly top: number; readonly bottom: number }[],
  m: MarkMetrics,
  marks: readonly Obstacle[],
  yield_: readonly Obstacle[] = [],
): { b: AxisBreak; box: Obstacle }[] {
  const placed: { b: AxisBreak; box: Obstacle }[] = [];
  const taken = [...marks];
  for (const { b, top, bottom } of breaks) {
    const box = placeBreakLabel(b, top, bottom, m, taken, yield_);
    if (box === undefined) continue;
    placed.push({ b, box });
    taken.push(box);
  }
  return placed;
}
