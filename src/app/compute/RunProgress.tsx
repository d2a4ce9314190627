/**
 * "Computing the run…": an indeterminate progress bar (a run's length is not known before it is
 * computed) and, where given, Cancel. Shown only once a run takes more than a moment (300 ms,
 * the stylesheet's delay): a quick run comes and goes without a flash.
 */
import styles from './RunProgress.module.css';

export function RunProgress({
  label,
  onCancel,
}: {
  label: string;
  onCancel?: (() => void) | undefined;
}) {
  return (
    <div role="status" className={`${styles.progress} ${styles.later}`}>
      {/* Not a <progress>: its native animation repaints on the main thread every frame; this
          bar's slides on the compositor, so the page does no work while the worker computes. */}
      <div role="progressbar" aria-label={label} className={styles.bar}>
        <div className={styles.slider} />
      </div>
      <span>{label}</span>
      {onCancel && (
        <button type="button" className={styles.cancel} onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
