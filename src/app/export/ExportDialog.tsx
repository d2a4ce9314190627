/**
 * "Export animation": the diagram between two moments as an animated GIF for slides, at a
 * chosen width and speed, with a progress bar and Cancel. The encoder loads only here.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { LabStore } from '../../store';
import { speedLabel, SPEEDS } from '../../store';
import styles from '../packetdrill/ScriptDialog.module.css';
import { MAX_FRAMES, planAnimation } from './animation-frames';

const FPS = 10;
const WIDTHS = [480, 640, 960, 1280];

function save(name: string, bytes: Uint8Array) {
  const url = URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'image/gif' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

export default function ExportDialog({
  store,
  figure,
  onClose,
}: {
  store: LabStore;
  figure: HTMLElement | null;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const endTime = store.getState().timeline.endTime;
  // The form's choices and the export's progress: interface state.
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(Math.ceil(endTime));
  const [width, setWidth] = useState(640);
  const [speed, setSpeed] = useState(store.getState().speed);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => abort.current?.abort();
  }, []);

  const valid = from >= 0 && to > from && to <= Math.ceil(endTime);
  const frames = valid ? planAnimation(from, to, speed, FPS).times.length : 0;

  const onExport = async (event: FormEvent) => {
    event.preventDefault();
    if (!figure || !valid) return;
    const controller = new AbortController();
    abort.current = controller;
    setMessage(null);
    setProgress({ done: 0, total: frames });
    try {
      const { exportGif } = await import('./export-gif');
      const bytes = await exportGif({
        store,
        figure,
        from,
        to,
        speed,
        fps: FPS,
        width,
        title: document.title,
        onProgress: (done, total) => setProgress({ done, total }),
        signal: controller.signal,
      });
      save(`${store.getState().run.preset}-${from}-${to}ms.gif`, bytes);
      setMessage(`Exported ${frames} frames, ${width} px wide.`);
    } catch (error) {
      const cancelled = error instanceof DOMException && error.name === 'AbortError';
      setMessage(
        cancelled
          ? 'Export cancelled.'
          : `The animation could not be made: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby={`${ids}-title`}
      onClose={onClose}
    >
      <form className={styles.form} onSubmit={(e) => void onExport(e)}>
        <h2 id={`${ids}-title`} className={styles.title}>
          Export animation
        </h2>
        <p className={styles.help}>
          The diagram between two moments as an animated GIF for slides, {FPS} frames a second (at
          most {MAX_FRAMES}). It is made in this page.
        </p>
        <label className={styles.field}>
          <span>From (ms)</span>
          <input
            type="number"
            min={0}
            max={Math.ceil(endTime)}
            value={from}
            onChange={(e) => setFrom(Number(e.target.value))}
          />
        </label>
        <label className={styles.field}>
          <span>To (ms)</span>
          <input
            type="number"
            min={0}
            max={Math.ceil(endTime)}
            value={to}
            onChange={(e) => setTo(Number(e.target.value))}
          />
        </label>
        <label className={styles.field}>
          <span>Width (px)</span>
          <select value={width} onChange={(e) => setWidth(Number(e.target.value))}>
            {WIDTHS.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          <span>Speed</span>
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <p className={styles.help} aria-live="polite">
          {valid
            ? `${frames} frames.`
            : `“To” must come after “From”, within 0 to ${Math.ceil(endTime)} ms.`}
        </p>
        {progress && (
          <label className={styles.field}>
            <span>Exporting</span>
            <progress max={progress.total} value={progress.done}>
              {progress.done} of {progress.total}
            </progress>
          </label>
        )}
        <p role="status" className={styles.help}>
          {message}
        </p>
        <div className={styles.buttons}>
          <button
            type="submit"
            className={styles.primary}
            disabled={!valid || progress !== null || !figure}
          >
            Export GIF
          </button>
          {progress ? (
            <button type="button" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          ) : (
            <button type="button" onClick={onClose}>
              Close
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
