/**
 * A long script opened from a file, shown as its name, size and first lines instead of in the
 * text box: a textarea holding hundreds of kilobytes costs the page layout work on every caret
 * blink and focus change (long tasks that would hold clicks while the script runs), and nobody
 * edits six thousand lines in a dialog. Clear empties the box for a script to paste.
 */
import { formatKilobytes, utf8Length } from '../../wire/packetdrill/limits';
import { formatCount } from '../../ui/format/words';
import styles from './ScriptDialog.module.css';

/** Lines shown before "… and N more lines". */
const PREVIEW_LINES = 8;

export function ScriptFileSummary({
  fileName,
  text,
  onClear,
}: {
  fileName: string;
  text: string;
  onClear: () => void;
}) {
  const lines = text.split('\n');
  const more = lines.length - PREVIEW_LINES;
  return (
    <div className={styles.summary}>
      <p>
        {formatCount(lines.length)} lines ({formatKilobytes(utf8Length(text))}
        ), too long to edit here. Run runs it as opened.
      </p>
      <pre tabIndex={0} aria-label={`First lines of ${fileName}`} className={styles.script}>
        {lines.slice(0, PREVIEW_LINES).join('\n')}
        {more > 0 && `\n… and ${formatCount(more)} more lines`}
      </pre>
      <button type="button" onClick={onClear}>
        Clear, to paste a script
      </button>
    </div>
  );
}
