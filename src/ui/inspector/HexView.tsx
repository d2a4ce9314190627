/**
 * The segment's bytes in hex, grouped by field. The whole view is one tab stop; arrow keys move
 * between fields (a roving tab index), Enter or a click selects one, and the selected field's
 * bytes are marked by outline and underline as well as colour.
 */
import { useRef, type KeyboardEvent } from 'react';
import type { ByteRange, FieldRow } from './field-rows';
import { byteGroups, hexPairs } from './byte-groups';
import styles from './Inspector.module.css';

export interface HexViewProps {
  readonly bytes: Uint8Array;
  readonly rows: readonly FieldRow[];
  readonly selectedRange: ByteRange | undefined;
  readonly selectedRowId: string | undefined;
  readonly onSelectRow: (rowId: string) => void;
  /** Bytes beyond this many are summarized, so a full-sized segment stays readable. */
  readonly maxBytes?: number;
}

export function HexView({
  bytes,
  rows,
  selectedRange,
  selectedRowId,
  onSelectRow,
  maxBytes = 256,
}: HexViewProps) {
  const shown = Math.min(bytes.length, maxBytes);
  const groups = byteGroups(shown, rows).filter((g) => g.rowId !== undefined);
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const refs = useRef<(HTMLSpanElement | null)[]>([]);
  const focusIndex = Math.max(
    0,
    groups.findIndex(
      (g) =>
        selectedRange !== undefined &&
        g.start >= selectedRange.start &&
        g.start < selectedRange.end,
    ),
  );

  function onKeyDown(event: KeyboardEvent<HTMLSpanElement>, index: number) {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    const jump = event.key === 'Home' ? 0 : event.key === 'End' ? groups.length - 1 : undefined;
    const next = jump ?? (step === undefined ? undefined : index + step);
    if (next !== undefined) {
      event.preventDefault();
      const target = groups[Math.max(0, Math.min(groups.length - 1, next))];
      if (target?.rowId !== undefined) onSelectRow(target.rowId);
      refs.current[Math.max(0, Math.min(groups.length - 1, next))]?.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      const rowId = groups[index]?.rowId;
      if (rowId !== undefined) onSelectRow(rowId);
    }
  }

  return (
    <div className={styles.hex} role="group" aria-label={`Segment bytes, ${bytes.length} in all`}>
      {groups.map((g, index) => {
        const selected =
          selectedRange !== undefined && g.start < selectedRange.end && g.end > selectedRange.start;
        const name = names.get(g.rowId ?? '') ?? '';
        return (
          <span
            key={g.start}
            ref={(el) => {
              refs.current[index] = el;
            }}
            role="button"
            tabIndex={index === focusIndex ? 0 : -1}
            aria-pressed={g.rowId === selectedRowId || selected}
            aria-label={`${name}: ${hexPairs(bytes, g.start, g.end)}`}
            title={name}
            className={selected ? `${styles.byteGroup} ${styles.selectedBytes}` : styles.byteGroup}
            onClick={() => g.rowId !== undefined && onSelectRow(g.rowId)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {hexPairs(bytes, g.start, g.end)}
          </span>
        );
      })}
      {bytes.length > shown && (
        <span className={styles.more}>… {bytes.length - shown} more payload bytes</span>
      )}
    </div>
  );
}
