/**
 * The notes a page shows for what its link asked and could not have. However many parameters a
 * link carries, the page shows the first few and counts the rest, so junk in a link never pushes
 * the lab down the page.
 */

/** How many notes a page shows before it counts the rest. */
export const MAX_SHOWN_NOTES = 3;

/** The notes to show: the first MAX_SHOWN_NOTES, then one line counting the others. */
export function shownNotes(notes: readonly string[]): string[] {
  if (notes.length <= MAX_SHOWN_NOTES) return [...notes];
  const more = notes.length - MAX_SHOWN_NOTES;
  return [
    ...notes.slice(0, MAX_SHOWN_NOTES),
    `…and ${more} more ignored parameter${more === 1 ? '' : 's'}.`,
  ];
}

/** The note for a selected segment the run does not have. */
export function missingSegmentNote(segment: number): string {
  return `Ignored segment=${segment}: this run has no segment ${segment}.`;
}

/** The note for a playhead time past the end of the run: the page opens at the end instead. */
export function pastEndNote(t: number, endTime: number): string {
  const end = Math.round(endTime * 1000) / 1000;
  return `Ignored t=${t}: this run ends at ${end} ms, so the playhead is at its end.`;
}

/**
 * The note for a fork step that dropped nothing: the segment it names was not on the wire at
 * that moment (or the run has no such segment), so the run opens without that drop.
 */
export function unusedDropNote(at: number, id: number): string {
  return `Ignored fork step ${at}-drop-${id}: segment ${id} was not on the wire at ${at} ms, so nothing was dropped.`;
}

/** The note for an IP version the scenario cannot run over: the page runs it over its own. */
export function ipVersionNote(ip: string, preset: string, problem: string): string {
  return `Ignored ip=${ip}: ${preset} ${problem}.`;
}
