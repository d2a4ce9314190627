/**
 * Wireshark's expert marks of the conversation on screen, each explained, the marks the
 * playhead has passed first in line. A mark's button selects its segment, so the inspector
 * shows it; the selected segment's marks are spelled out.
 */
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { EXPERT_EXPLANATIONS, type ExpertKind } from '../../wire/conversation/expert';
import styles from './Capture.module.css';

const selectMarks = (s: LabState) => s.captureRun?.marks;
const selectSelected = (s: LabState) => s.selectedId;
const selectSelect = (s: LabState) => s.select;

export function ExpertMarks() {
  const marks = useLab(selectMarks);
  const selectedId = useLab(selectSelected);
  const select = useLab(selectSelect);
  if (!marks) return null;
  const entries = [...marks.entries()];
  const kinds = new Set<ExpertKind>(entries.flatMap(([, list]) => list.map((m) => m.kind)));
  const selected = selectedId === null ? undefined : marks.get(selectedId);
  return (
    <section className={styles.marks} aria-label="Expert marks">
      <h2 className={styles.marksTitle}>Expert marks (as Wireshark gives them)</h2>
      {entries.length === 0 ? (
        <p className={styles.note}>
          None: no retransmission, duplicate ACK, zero window, keep-alive or reset.
        </p>
      ) : (
        <ul className={styles.markList}>
          {entries.map(([id, list]) => (
            <li key={id}>
              <button
                type="button"
                className={styles.markButton}
                aria-pressed={id === selectedId}
                onClick={() => select(id)}
              >
                #{id} {list.map((m) => m.label).join(', ')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {selected && selectedId !== null && (
        <div className={styles.selectedMarks} aria-live="polite">
          {selected.map((m) => (
            <p key={m.kind}>
              <strong>
                #{selectedId} {m.label}:
              </strong>{' '}
              {m.explanation}
            </p>
          ))}
        </div>
      )}
      {kinds.size > 0 && (
        <details className={styles.help}>
          <summary>What the marks mean</summary>
          <dl>
            {[...kinds].map((kind) => (
              <div key={kind}>
                <dt>{entries.flatMap(([, l]) => l).find((m) => m.kind === kind)?.label}</dt>
                <dd>{EXPERT_EXPLANATIONS[kind]}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </section>
  );
}
