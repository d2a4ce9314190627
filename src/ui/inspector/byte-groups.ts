/**
 * Splits an encoded segment into runs of bytes, each run belonging to one inspector row (the
 * most specific field that covers it), so the hex view can draw and select them as units.
 */
import type { FieldRow } from './field-rows';

export interface ByteGroup {
  /** The row these bytes belong to, or undefined for bytes no row claims. */
  readonly rowId: string | undefined;
  readonly start: number;
  readonly end: number;
}

/**
 * Rows claim bytes in their order; a later, narrower range (a flag bit inside the flag byte)
 * does not take bytes already claimed, so a flag byte stays the "Flags" row's.
 */
export function byteGroups(length: number, rows: readonly FieldRow[]): ByteGroup[] {
  const owner: (string | undefined)[] = new Array<string | undefined>(length).fill(undefined);
  for (const row of rows) {
    if (row.range === undefined) continue;
    for (let i = row.range.start; i < Math.min(row.range.end, length); i++) {
      owner[i] ??= row.id;
    }
  }
  const groups: ByteGroup[] = [];
  let start = 0;
  for (let i = 1; i <= length; i++) {
    if (i === length || owner[i] !== owner[start]) {
      groups.push({ rowId: owner[start], start, end: i });
      start = i;
    }
  }
  return groups;
}

/** "00 50 c3 1a": bytes as hex pairs separated by spaces. */
export function hexPairs(bytes: Uint8Array, start: number, end: number): string {
  const pairs: string[] = [];
  for (let i = start; i < end; i++) pairs.push((bytes[i] ?? 0).toString(16).padStart(2, '0'));
  return pairs.join(' ');
}
