/**
 * The header fields of one segment as a table: field, value (with the other numbering), and
 * why. Each field name is a toggle button, so Tab reaches every row and Enter selects it; the
 * selected row is marked with aria-pressed and a visible bar, not colour alone.
 */
import type { FieldRow } from './field-rows';
import styles from './Inspector.module.css';

export interface FieldTableProps {
  readonly caption: string;
  readonly rows: readonly FieldRow[];
  readonly selectedRowId: string | undefined;
  readonly onSelectRow: (rowId: string) => void;
}

const GROUP_TITLES: Readonly<Record<FieldRow['group'], string>> = {
  ip: 'IP header',
  header: 'TCP header',
  flags: 'Control bits',
  options: 'Options',
  payload: 'Data',
  sender: "Sender's congestion control (not in the header)",
};

export function FieldTable({ caption, rows, selectedRowId, onSelectRow }: FieldTableProps) {
  // TCP's own fields first, where a learner looks; the IP header that carries them last.
  const groups = (['header', 'flags', 'options', 'payload', 'ip', 'sender'] as const).filter((g) =>
    rows.some((r) => r.group === g),
  );
  return (
    <table className={styles.fields}>
      <caption className={styles.caption}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Value</th>
          <th scope="col">Why</th>
        </tr>
      </thead>
      {groups.map((group) => (
        <tbody key={group}>
          <tr className={styles.groupRow}>
            <th scope="colgroup" colSpan={3}>
              {GROUP_TITLES[group]}
            </th>
          </tr>
          {rows
            .filter((r) => r.group === group)
            .map((r) => {
              const selected = r.id === selectedRowId;
              return (
                <tr
                  key={r.id}
                  className={selected ? styles.selectedRow : undefined}
                  data-field={r.id}
                >
                  <th scope="row">
                    <button
                      type="button"
                      className={styles.fieldButton}
                      aria-pressed={selected}
                      onClick={() => onSelectRow(r.id)}
                    >
                      {r.name}
                    </button>
                  </th>
                  <td className={styles.value}>
                    <span
                      className={
                        r.group === 'payload' || r.breakable ? styles.payloadText : undefined
                      }
                    >
                      {r.value}
                    </span>
                    {r.alt !== undefined && <span className={styles.alt}>{r.alt}</span>}
                  </td>
                  <td className={styles.why}>{r.why}</td>
                </tr>
              );
            })}
        </tbody>
      ))}
    </table>
  );
}
