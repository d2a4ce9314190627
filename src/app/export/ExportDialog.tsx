/**
 * "Export animation": the diagram between two moments for slides, as an animated GIF, a video
 * (WebM, and MP4 where the browser encodes H.264) or numbered stills (SVG or PNG, one per
 * visible step, in a zip), at a chosen width and speed, with a progress bar and Cancel. The
 * encoders load only when an export starts.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { LabStore } from '../../store';
import { speedLabel, SPEEDS } from '../../store';
import { FormDialog, formStyles as styles } from '../../ui/dialog/FormDialog';
import { saveFile } from '../save-file';
import { MAX_FRAMES, planAnimation } from './animation-frames';
import { stillSteps } from './still-steps';
import { videoCodecFor } from './video-codecs';

const WIDTHS = [480, 640, 960, 1280];

type ExportFormat = 'gif' | 'webm' | 'mp4' | 'svg' | 'png';

const FORMATS: Record<
  ExportFormat,
  { label: string; button: string; fps: number; extension: string; mime: string }
> = {
  gif: {
    label: 'Animated GIF',
    button: 'Export GIF',
    fps: 10,
    extension: 'gif',
    mime: 'image/gif',
  },
  webm: {
    label: 'WebM video',
    button: 'Export WebM',
    fps: 25,
    extension: 'webm',
    mime: 'video/webm',
  },
  mp4: { label: 'MP4 video', button: 'Export MP4', fps: 25, extension: 'mp4', mime: 'video/mp4' },
  svg: {
    label: 'Numbered stills, SVG (zip)',
    button: 'Export stills',
    fps: 0,
    extension: 'svg.zip',
    mime: 'application/zip',
  },
  png: {
    label: 'Numbered stills, PNG (zip)',
    button: 'Export stills',
    fps: 0,
    extension: 'png.zip',
    mime: 'application/zip',
  },
};

const isStills = (format: ExportFormat): format is 'svg' | 'png' =>
  format === 'svg' || format === 'png';

export default function ExportDialog({
  store,
  figure,
  onClose,
}: {
  store: LabStore;
  figure: HTMLElement | null;
  onClose: () => void;
}) {
  const endTime = store.getState().timeline.endTime;
  // The form's choices and the export's progress: interface state.
  const [from, setFrom] = useState(0);
  const [to, setTo] = useState(Math.ceil(endTime));
  const [width, setWidth] = useState(640);
  const [speed, setSpeed] = useState(store.getState().speed);
  const [format, setFormat] = useState<ExportFormat>('gif');
  // Whether this browser encodes each video container (asked once): null while unknown.
  const [videoSupport, setVideoSupport] = useState<Record<'webm' | 'mp4', boolean> | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    let live = true;
    void Promise.all([
      videoCodecFor('webm', 640, 360, FORMATS.webm.fps),
      videoCodecFor('mp4', 640, 360, FORMATS.mp4.fps),
    ]).then(([webm, mp4]) => {
      if (live) setVideoSupport({ webm: webm !== null, mp4: mp4 !== null });
    });
    return () => {
      live = false;
      abort.current?.abort();
    };
  }, []);

  const chosen = FORMATS[format];
  const valid = from >= 0 && to > from && to <= Math.ceil(endTime);
  const frames = !valid
    ? 0
    : isStills(format)
      ? stillSteps(store.getState().timeline, from, to).length
      : planAnimation(from, to, speed, chosen.fps).times.length;
  const unsupported =
    (format === 'webm' || format === 'mp4') && videoSupport !== null && !videoSupport[format];

  const onExport = async (event: FormEvent) => {
    event.preventDefault();
    if (!figure || !valid) return;
    const controller = new AbortController();
    abort.current = controller;
    setMessage(null);
    setProgress({ done: 0, total: frames });
    const common = {
      store,
      figure,
      from,
      to,
      width,
      title: document.title,
      onProgress: (done: number, total: number) => setProgress({ done, total }),
      signal: controller.signal,
    };
    const animation = { ...common, speed, fps: chosen.fps };
    try {
      let bytes: Uint8Array;
      if (format === 'gif') {
        const { exportGif } = await import('./export-gif');
        bytes = await exportGif(animation);
      } else if (format === 'webm' || format === 'mp4') {
        const { exportVideo } = await import('./export-video');
        bytes = await exportVideo({ ...animation, container: format });
      } else {
        const { exportStills } = await import('./export-stills');
        bytes = await exportStills({ ...common, format });
      }
      const name = `${store.getState().run.preset}-${from}-${to}ms`;
      saveFile(
        `${name}${isStills(format) ? '-stills' : ''}.${chosen.extension}`,
        bytes,
        chosen.mime,
      );
      setMessage(
        isStills(format)
          ? `Exported ${frames} stills, one per visible step.`
          : format === 'gif'
            ? `Exported ${frames} frames, ${width} px wide.`
            : `Exported ${frames} frames of ${chosen.label}, ${width} px wide.`,
      );
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
    <FormDialog
      title="Export animation"
      help={
        <>
          The diagram between two moments for slides: an animated GIF (10 frames a second), a video
          (25 frames a second; at most {MAX_FRAMES} frames), or one still per visible step. It is
          made in this page.
        </>
      }
      onSubmit={(e) => void onExport(e)}
      onClose={onClose}
    >
      <label className={styles.field}>
        <span>Format</span>
        <select value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
          {(Object.keys(FORMATS) as ExportFormat[]).map((f) => (
            <option key={f} value={f}>
              {FORMATS[f].label}
              {(f === 'webm' || f === 'mp4') && videoSupport !== null && !videoSupport[f]
                ? ' (not in this browser)'
                : ''}
            </option>
          ))}
        </select>
      </label>
      <MomentField label="From (ms)" value={from} end={endTime} onChange={setFrom} />
      <MomentField label="To (ms)" value={to} end={endTime} onChange={setTo} />
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
        <select
          value={speed}
          disabled={isStills(format)}
          onChange={(e) => setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <p className={styles.help} aria-live="polite">
        {!valid
          ? `“To” must come after “From”, within 0 to ${Math.ceil(endTime)} ms.`
          : unsupported
            ? format === 'mp4'
              ? 'This browser cannot encode H.264, the codec MP4 slides need: choose WebM or GIF.'
              : 'This browser cannot encode WebM video: choose GIF or stills.'
            : isStills(format)
              ? `${frames} stills, one per visible step.`
              : `${frames} frames.`}
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
          disabled={!valid || unsupported || frames === 0 || progress !== null || !figure}
        >
          {chosen.button}
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
    </FormDialog>
  );
}

/** One end of the exported stretch, in whole milliseconds of the run. */
function MomentField(props: {
  label: string;
  value: number;
  end: number;
  onChange: (ms: number) => void;
}) {
  return (
    <label className={styles.field}>
      <span>{props.label}</span>
      <input
        type="number"
        min={0}
        max={Math.ceil(props.end)}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
    </label>
  );
}
