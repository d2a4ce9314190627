/**
 * A listener's two queues as gauges under its lifeline's head: the SYN queue (half-open
 * connections, SYN-RECEIVED) and the accept queue (established, waiting for accept()), each with
 * one cell per place the listen() backlog allows (one more than the backlog on Linux), filled by its entries in the colour of whoever
 * opened them (the client, or the flood's spoofed sources), and "full" when a SYN arriving now
 * would be refused (Linux tcp_conn_request; RFC 4987 §2). Read from the trace at the cursor.
 */
import { useMemo } from 'react';
import { formatEndpoint } from '../../engine';
import type { EndpointInfo, LabState } from '../../store';
import { queuesAt, useLab } from '../../store';
import styles from './SequenceDiagram.module.css';

/** Up to this room a gauge draws one cell per place; above it, one bar. */
const MAX_CELLS = 8;

function Gauge(props: {
  name: string;
  short: string;
  entries: readonly string[];
  room: number;
  ownerOf: (entry: string) => 'client' | 'attacker';
}) {
  const { name, short, entries, room, ownerOf } = props;
  const full = entries.length >= room;
  const listed = entries.length > 0 ? `: ${entries.join(', ')}` : '';
  const text = `${entries.length} of ${room}${full ? ', full' : ''}${listed}`;
  return (
    <div
      role="meter"
      aria-label={name}
      aria-valuemin={0}
      aria-valuemax={room}
      aria-valuenow={entries.length}
      aria-valuetext={text}
      title={`${name}: ${text}`}
      className={full ? `${styles.gauge} ${styles.gaugeFull}` : styles.gauge}
    >
      <span className={styles.gaugeName}>{short}</span>
      <span className={styles.gaugeCells} aria-hidden="true">
        {room <= MAX_CELLS ? (
          Array.from({ length: room }, (_, i) => {
            const entry = entries[i];
            return (
              <span
                key={i}
                className={
                  entry === undefined ? styles.gaugeCell : styles[`cell-${ownerOf(entry)}`]
                }
              />
            );
          })
        ) : (
          <span className={styles.gaugeBar}>
            <span style={{ width: `${(100 * Math.min(entries.length, room)) / room}%` }} />
          </span>
        )}
      </span>
      <span className={styles.gaugeCount}>
        {entries.length}/{room}
        {full ? ' full' : ''}
      </span>
    </div>
  );
}

export function QueueGauges({
  endpoint,
  endpoints,
}: {
  endpoint: string;
  endpoints: readonly EndpointInfo[];
}) {
  const select = useMemo(
    () => (s: LabState) => queuesAt(s.timeline, endpoint, s.cursor),
    [endpoint],
  );
  const queues = useLab(select);
  // An entry from a named end takes its colour; any other source is the flood's.
  const named = useMemo(
    () =>
      new Set(
        endpoints
          .filter((e) => e.profile !== 'spoofed')
          .map((e) => formatEndpoint(e.address, e.port)),
      ),
    [endpoints],
  );
  if (queues === undefined) return null;
  const ownerOf = (entry: string) => (named.has(entry) ? 'client' : 'attacker');
  return (
    <div className={styles.queues} role="group" aria-label={`${endpoint}'s listen queues`}>
      <Gauge
        name="SYN queue"
        short="SYN q"
        entries={queues.syn}
        room={queues.room}
        ownerOf={ownerOf}
      />
      <Gauge
        name="accept queue"
        short="accept q"
        entries={queues.accept}
        room={queues.room}
        ownerOf={ownerOf}
      />
    </div>
  );
}
