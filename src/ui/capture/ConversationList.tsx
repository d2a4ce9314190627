/**
 * The TCP conversations of a capture, as Wireshark's Conversations window lists them: both
 * endpoints, packets, bytes, first and last time. Each row starts with the button that draws
 * it, so on a phone, where the numbers scroll sideways, the way on is in the first screen; an
 * endpoint is never broken inside its address.
 */
import { formatCount } from '../format/words';
import type { Conversation } from '../../wire/conversation/conversations';
import styles from './Capture.module.css';

const seconds = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

export function ConversationList({
  conversations,
  current,
  onPick,
}: {
  conversations: readonly Conversation[];
  /** The conversation on screen, if any. */
  current?: number | undefined;
  onPick: (conversation: Conversation) => void;
}) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table}>
        <caption className={styles.caption}>
          {conversations.length} TCP conversation{conversations.length === 1 ? '' : 's'} in the
          capture
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className={styles.hidden}>Action</span>
            </th>
            <th scope="col">#</th>
            <th scope="col">Endpoints</th>
            <th scope="col">Packets</th>
            <th scope="col">Bytes</th>
            <th scope="col">First</th>
            <th scope="col">Last</th>
          </tr>
        </thead>
        <tbody>
          {conversations.map((c) => (
            <tr key={c.index} aria-current={c.index === current ? 'true' : undefined}>
              <td>
                <button
                  type="button"
                  className={styles.show}
                  aria-label={`Show conversation ${c.index}: ${c.a} to ${c.b}`}
                  onClick={() => onPick(c)}
                >
                  Show
                </button>
              </td>
              <td>{c.index}</td>
              <td className={styles.endpoints}>
                <span className={styles.endpoint}>{c.a}</span> →{' '}
                <span className={styles.endpoint}>{c.b}</span>
                {!c.opensInCapture && (
                  <span className={styles.note}> (opened before the capture)</span>
                )}
              </td>
              <td>{formatCount(c.packetIndexes.length)}</td>
              <td>{formatCount(c.bytes)}</td>
              <td>{seconds(c.first)}</td>
              <td>{seconds(c.last)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
