/**
 * The event log's row height on a phone, where each row's details wrap onto lines of their own
 * below its time, place and event (EventLog.module.css): tall enough for the longest details of
 * the trace at the width the log has, measured in the details' own monospace font. Null
 * elsewhere, where a row is one line and the details end in an ellipsis with the whole text as
 * the cell's title.
 */
import { useMemo } from 'react';
import type { Trace } from '../../sim/trace';
import { summarizeEvent } from '../format/event-summary';
import type { TraceFacts } from '../format/trace-facts';
import { mostWrappedLines } from './wrapped-lines';

/** The same width as the stylesheet's phone rule. */
const PHONE_QUERY = '(max-width: 40rem)';

/** What the phone layout needs to know of the page: read when the log's box changes size. */
export interface DetailsMetrics {
  /** Room for the details text on one line, CSS pixels. */
  readonly width: number;
  readonly charWidth: number;
  readonly lineHeight: number;
  readonly firstLine: number;
}

/** The details font's measures in the phone layout, or null on a wider screen. */
export function measureDetails(scroller: HTMLElement): DetailsMetrics | null {
  if (typeof matchMedia !== 'function' || !matchMedia(PHONE_QUERY).matches) return null;
  const cell = scroller.querySelector('tbody tr[aria-rowindex] td:last-child');
  const styled = cell instanceof HTMLElement ? cell : scroller;
  const style = getComputedStyle(styled);
  const context = document.createElement('canvas').getContext('2d');
  if (!context) return null;
  context.font = cell ? style.font : `${style.fontSize} monospace`;
  const charWidth = context.measureText('0123456789').width / 10;
  const fontSize = parseFloat(style.fontSize) || 14;
  const lineHeight = parseFloat(style.lineHeight) || fontSize * 1.3;
  if (!(charWidth > 0)) return null;
  // The cell's padding and the select button's padding and border take about two ems.
  const width = scroller.clientWidth - 2 * fontSize;
  return { width, charWidth, lineHeight, firstLine: fontSize * 1.8 };
}

export function usePhoneRowHeight(
  metrics: DetailsMetrics | null,
  trace: Trace,
  facts: TraceFacts,
): number | null {
  return useMemo(() => {
    if (metrics === null) return null;
    const lines = mostWrappedLines(
      trace.map((e) => summarizeEvent(e, facts).details),
      metrics.width / metrics.charWidth,
    );
    return Math.ceil(metrics.firstLine + (lines + 0.5) * metrics.lineHeight);
  }, [metrics, trace, facts]);
}
