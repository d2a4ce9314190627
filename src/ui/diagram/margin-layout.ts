/**
 * Notes beside a lifeline (state tags, timer notes) stacked so none covers another: each keeps
 * its moment's height when free, and otherwise moves just below the note above it.
 */
export interface MarginNote {
  readonly key: string;
  readonly y: number;
}

export function stackNotes(notes: readonly MarginNote[], lineHeight: number): Map<string, number> {
  const placed = new Map<string, number>();
  let lowestFree = -Infinity;
  const sorted = [...notes].sort((a, b) => a.y - b.y || a.key.localeCompare(b.key));
  for (const note of sorted) {
    const y = Math.max(note.y, lowestFree);
    placed.set(note.key, y);
    lowestFree = y + lineHeight;
  }
  return placed;
}
