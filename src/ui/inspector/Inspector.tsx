/**
 * The segment inspector: every header field of the selected segment with its value (absolute
 * and relative), one sentence of why, and the segment's bytes with the selected field
 * highlighted. Presentational: the segment and the trace facts come in as props; which field is
 * selected is view state, kept here (it is not a protocol fact).
 */
import { useId, useMemo, useState } from 'react';
import type { SendEvent } from '../../sim/trace';
import type { EncodedSegment } from '../../wire/fields';
import { bytesOfSendEvent } from '../../wire/send-event';
import { narrate } from '../format/narrate';
import { segmentLabel } from '../format/segment-label';
import type { TraceFacts } from '../format/trace-facts';
import { congestionRows } from './congestion-rows';
import { fieldRows } from './field-rows';
import { ipRows } from './ip-rows';
import { FieldTable } from './FieldTable';
import { HexView } from './HexView';
import styles from './Inspector.module.css';

export interface InspectorProps {
  /** The selected segment, or undefined when nothing is selected. */
  readonly segment: SendEvent | undefined;
  readonly facts: TraceFacts;
  /** Heading level of the inspector's title, to fit the page outline (default 2). */
  readonly headingLevel?: 2 | 3 | 4;
}

export function Inspector({ segment, facts, headingLevel = 2 }: InspectorProps) {
  const Heading = `h${headingLevel}` as const;
  const titleId = useId();
  return (
    <section className={styles.inspector} aria-labelledby={titleId} data-inspector="">
      <Heading id={titleId} className={styles.title}>
        Segment inspector
      </Heading>
      {segment === undefined ? (
        <p className={styles.empty}>
          Select a segment in the diagram or the event log to see every field of its header and why
          it has that value.
        </p>
      ) : (
        <SegmentDetails key={segment.id} segment={segment} facts={facts} />
      )}
    </section>
  );
}

function SegmentDetails({ segment, facts }: { segment: SendEvent; facts: TraceFacts }) {
  const encoded = useMemo(() => encodeOrError(segment), [segment]);
  const rows = useMemo(
    () =>
      encoded.ok
        ? [
            // TCP's own fields first, where a learner looks; the IP header after them.
            ...fieldRows(segment, facts, encoded.value),
            ...ipRows(segment, facts, encoded.value.bytes.length),
            ...congestionRows(segment),
          ]
        : [...fieldRows(segment, facts, undefined), ...congestionRows(segment)],
    [segment, facts, encoded],
  );
  const [selectedRowId, setSelectedRowId] = useState<string | undefined>(undefined);
  const selectedRange = rows.find((r) => r.id === selectedRowId)?.range;
  const label = segmentLabel(segment, facts);
  return (
    <>
      <p className={styles.summary}>
        <span className={styles.segmentName}>
          #{segment.id} {label}
        </span>{' '}
        <span className={styles.direction}>
          {segment.from} → {segment.to}, t = {segment.t} ms
        </span>
      </p>
      <p className={styles.story}>{narrate(segment, facts)}</p>
      {encoded.ok ? (
        <HexView
          bytes={encoded.value.bytes}
          rows={rows}
          selectedRange={selectedRange}
          selectedRowId={selectedRowId}
          onSelectRow={setSelectedRowId}
        />
      ) : (
        <p className={styles.empty}>The bytes cannot be shown: {encoded.error}</p>
      )}
      <FieldTable
        caption={`Header fields of segment #${segment.id}`}
        rows={rows}
        selectedRowId={selectedRowId}
        onSelectRow={setSelectedRowId}
      />
    </>
  );
}

type Encoded = { ok: true; value: EncodedSegment } | { ok: false; error: string };

/** A malformed trace event (a hand-edited file) must not take the page down. */
function encodeOrError(segment: SendEvent): Encoded {
  try {
    return { ok: true, value: bytesOfSendEvent(segment) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
