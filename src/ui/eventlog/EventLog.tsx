/**
 * The event log: the whole trace as a table named "Event log", the textual twin of the
 * diagram. Long traces render only the rows in view (fixed-height rows, spacer rows above and
 * below) and stay a real table for screen readers through aria-rowcount and aria-rowindex. The
 * current event's row carries aria-current and is scrolled into view as playback moves; a
 * segment's row has a button that selects that segment.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Trace } from '../../sim/trace';
import { summarizeEvent } from '../format/event-summary';
import type { TraceFacts } from '../format/trace-facts';
import { formatClock } from '../narration/NarrationFrame';
import styles from './EventLog.module.css';
import { scrollToShow, visibleRows } from './visible-rows';
import { measureDetails, usePhoneRowHeight, type DetailsMetrics } from './use-phone-row-height';

export interface EventLogProps {
  readonly trace: Trace;
  readonly facts: TraceFacts;
  /** Index in `trace` of the current event; -1 before the first. */
  readonly currentIndex: number;
  readonly selectedSegmentId?: number | undefined;
  readonly onSelectSegment?: (segmentId: number) => void;
  /** Row height in CSS pixels; rows are fixed-height so the table can be virtualized. */
  readonly rowHeight?: number;
}

export function EventLog({
  trace,
  facts,
  currentIndex,
  selectedSegmentId,
  onSelectSegment,
  rowHeight = 40,
}: EventLogProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(480);
  // The details' measures in the phone layout (null on wider screens): read from the page.
  const [metrics, setMetrics] = useState<DetailsMetrics | null>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      setViewport(el.clientHeight);
      setMetrics(measureDetails(el));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, []);

  // On a phone the details wrap under the row's first line: every row as tall as the longest.
  const rowsHeight = usePhoneRowHeight(metrics, trace, facts) ?? rowHeight;

  // Follow playback: bring the current row into view when it changes.
  useEffect(() => {
    const el = scroller.current;
    if (!el || currentIndex < 0) return;
    const next = scrollToShow(currentIndex, el.scrollTop, el.clientHeight, rowsHeight, rowHeight);
    if (next !== undefined) el.scrollTop = next;
  }, [currentIndex, rowHeight, rowsHeight]);

  // Taller wrapped rows on a phone: as many rows at hand around the view as a wide screen has
  // (find in page and a screen reader's row keys reach the same events).
  const overscan = 8 + Math.ceil((viewport / rowHeight - viewport / rowsHeight) / 2);
  const { first, last } = visibleRows(trace.length, scrollTop, viewport, rowsHeight, overscan);
  const rows = [];
  for (let i = first; i < last; i++) {
    const e = trace[i];
    if (e === undefined) continue;
    const s = summarizeEvent(e, facts);
    const current = i === currentIndex;
    const selected = s.segmentId !== undefined && s.segmentId === selectedSegmentId;
    rows.push(
      <tr
        key={i}
        aria-rowindex={i + 2}
        aria-current={current ? 'step' : undefined}
        role="row"
        className={[styles.row, current && styles.current, i > currentIndex && styles.future]
          .filter(Boolean)
          .join(' ')}
        style={{ height: rowsHeight }}
      >
        <td role="cell" className={styles.time}>
          {formatClock(e.t)}
        </td>
        <td role="cell" className={styles.who}>
          {s.who}
        </td>
        <td role="cell" className={styles.what}>
          {current && <span className={styles.marker}>▶ </span>}
          {s.what}
        </td>
        <td role="cell" className={styles.details} title={s.details}>
          {s.segmentId !== undefined && onSelectSegment !== undefined ? (
            <button
              type="button"
              className={styles.select}
              aria-pressed={selected}
              onClick={() => s.segmentId !== undefined && onSelectSegment(s.segmentId)}
            >
              {s.details}
            </button>
          ) : (
            s.details
          )}
        </td>
      </tr>,
    );
  }

  return (
    <div
      ref={scroller}
      className={styles.scroller}
      tabIndex={0}
      role="region"
      aria-label="Event log, scrollable"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <table
        role="table"
        className={styles.table}
        aria-label="Event log"
        aria-rowcount={trace.length + 1}
      >
        <colgroup>
          <col className={styles.colTime} />
          <col className={styles.colWho} />
          <col className={styles.colWhat} />
          <col />
        </colgroup>
        <thead role="rowgroup">
          <tr aria-rowindex={1} role="row" style={{ height: rowHeight }}>
            <th role="columnheader" scope="col">
              Time
            </th>
            <th role="columnheader" scope="col">
              Where
            </th>
            <th role="columnheader" scope="col">
              Event
            </th>
            <th role="columnheader" scope="col">
              Details
            </th>
          </tr>
        </thead>
        <tbody role="rowgroup">
          {first > 0 && <Spacer height={first * rowsHeight} />}
          {rows}
          {last < trace.length && <Spacer height={(trace.length - last) * rowsHeight} />}
          {trace.length === 0 && (
            <tr>
              <td colSpan={4} className={styles.emptyRow}>
                No events yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Stands in for the rows not rendered, so the scrollbar matches the whole trace. */
function Spacer({ height }: { height: number }) {
  return (
    <tr aria-hidden="true" className={styles.spacer}>
      <td colSpan={4} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
