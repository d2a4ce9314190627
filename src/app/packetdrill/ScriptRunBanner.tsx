/**
 * Over the diagram while a script run is shown: which script, its line verdicts, the first
 * failure, and the way back. A script run is not expressible as a link (the script stays in this
 * browser), so the address bar keeps the scenario; the help text says so.
 */
import type { LabState } from '../../store';
import { useLab } from '../../store';
import styles from './ScriptRunBanner.module.css';

const selectScriptRun = (s: LabState) => s.scriptRun;
const selectLeave = (s: LabState) => s.leaveScriptRun;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function ScriptRunBanner() {
  const run = useLab(selectScriptRun);
  const leave = useLab(selectLeave);
  if (run === null) return null;
  const { passed, failed, notApplicable, carriedOut } = run.counts;
  return (
    <section className={styles.banner} aria-label="Script run" data-outcome={run.outcome}>
      <div className={styles.text}>
        <p className={styles.head}>
          <span className={styles.badge}>
            {run.outcome === 'passed' ? '✓' : run.failure ? '✕' : '–'}
          </span>
          <strong>{run.name}</strong>
          <span>
            {plural(passed, 'line')} passed, {failed} failed, {notApplicable} not applicable
          </span>
        </p>
        {run.failure && (
          <p className={styles.failure}>
            Line {run.failure.line} failed: {run.failure.reason}
          </p>
        )}
        <details className={styles.help}>
          <summary>
            {carriedOut} carried out (nothing to compare) · profile {run.profile} · about script
            runs
          </summary>
          The script plays the peer (“script”); the lab’s engine answers (“engine”). Link and run
          settings belong to scenarios and are off here. A script run cannot be shared as a link:
          the script stays in this browser, so the address still shows the scenario.
        </details>
      </div>
      <button type="button" className={styles.back} onClick={leave}>
        Back to scenarios
      </button>
    </section>
  );
}
