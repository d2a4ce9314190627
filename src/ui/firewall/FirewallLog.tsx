/**
 * The firewall log: what the firewall on the path stopped so far, with the rule, the
 * connection's 4-tuple and the time, as a table named "Firewall log". A segment's row selects
 * that segment, as the event log's rows do.
 */
import type { FirewallLogEntry } from '../format/firewall-log';
import { formatClock } from '../narration/NarrationFrame';
import styles from './FirewallLog.module.css';

export interface FirewallLogProps {
  /** The entries up to the playhead, oldest first. */
  readonly entries: readonly FirewallLogEntry[];
  /** How many the whole run has. */
  readonly total: number;
  readonly onSelectSegment?: (segmentId: number) => void;
}

export function FirewallLog({ entries, total, onSelectSegment }: FirewallLogProps) {
  const count =
    entries.length === 0
      ? `Nothing stopped yet; ${total} segment${total === 1 ? '' : 's'} in this run.`
      : `${entries.length} of the run's ${total} stopped so far.`;
  return (
    <section className={styles.log} aria-labelledby="firewall-log-heading">
      <h2 id="firewall-log-heading" className={styles.heading}>
        Firewall log
      </h2>
      <p className={styles.count}>{count}</p>
      {entries.length > 0 && (
        <div
          className={styles.scroller}
          tabIndex={0}
          role="group"
          aria-label="Firewall log entries"
        >
          <table className={styles.table} aria-label="Firewall log">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Segment</th>
                <th scope="col">Connection</th>
                <th scope="col">Verdict</th>
                <th scope="col">Rule</th>
                <th scope="col">Sender gets</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.index}>
                  <td className={styles.time}>{formatClock(e.t)}</td>
                  <td>
                    {onSelectSegment ? (
                      <button
                        type="button"
                        className={styles.segment}
                        onClick={() => onSelectSegment(e.id)}
                      >
                        #{e.id} {e.segment}
                      </button>
                    ) : (
                      `#${e.id} ${e.segment}`
                    )}
                  </td>
                  <td>{e.tuple}</td>
                  <td>{e.verdict}</td>
                  <td>{e.rule}</td>
                  <td>{e.answer}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
