/**
 * The Share or embed dialog: a link to this view, an iframe snippet (with its embed options), and
 * a still SVG and PNG of the diagram for places that allow no iframes. A modal <dialog>: focus
 * moves into it, Tab stays inside, Escape or Close closes it and focus returns to its button.
 * Loaded only when first opened.
 */
import { useId, useMemo, useState } from 'react';
import type { LabStore, RunSource } from '../../store';
import { PanelDialog } from '../../ui/dialog/PanelDialog';
import type { Controls } from '../url/url-params';
import { CopyField } from './CopyField';
import { shareLinks, type EmbedOptions } from './share-links';
import styles from './ShareDialog.module.css';
import { useDiagramStill } from './use-diagram-still';

export interface ShareDialogProps {
  store: LabStore;
  world: RunSource;
  /** The figure whose still is offered. */
  figure: HTMLElement | null;
  onClose: () => void;
}

const CONTROL_CHOICES: readonly { value: Controls; text: string }[] = [
  { value: 'full', text: 'Full: all playback controls' },
  { value: 'minimal', text: 'Minimal: Play and Time' },
  { value: 'none', text: 'None: the diagram only' },
];

export default function ShareDialog({ store, world, figure, onClose }: ShareDialogProps) {
  const id = useId();
  // The view is taken once, when the dialog opens: links and still then describe the same moment.
  const [view] = useState(() => {
    store.getState().pause();
    return store.getState();
  });
  // Embed options being chosen: interface state, not protocol facts.
  const [options, setOptions] = useState<EmbedOptions>({
    controls: 'full',
    autoplay: false,
    loop: false,
  });
  const links = useMemo(
    () => shareLinks(view, world, window.location.href, options),
    [view, world, options],
  );
  const scenarioTitle = view.presets.find((p) => p.name === view.run.preset)?.title ?? '';
  const stillTitle = `Sequence diagram: ${scenarioTitle} at ${Math.round(view.t)} ms`;
  const still = useDiagramStill(figure, stillTitle);

  const fileBase = `handshake-lab-${view.run.preset}-${Math.round(view.t)}ms`;
  return (
    <PanelDialog title="Share or embed" onClose={onClose}>
      <CopyField label="Link to this view" buttonName="Copy link" value={links.link} />
      <section className={styles.contents} aria-labelledby={`${id}-contents`}>
        <h3 id={`${id}-contents`}>What the link holds</h3>
        <ul>
          {links.contents.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </section>

      <fieldset className={styles.options}>
        <legend>Embed on a web page</legend>
        <div className={styles.optionRow}>
          <label htmlFor={`${id}-controls`}>Controls</label>
          <select
            id={`${id}-controls`}
            value={options.controls}
            onChange={(event) =>
              setOptions({ ...options, controls: event.currentTarget.value as Controls })
            }
          >
            {CONTROL_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.text}
              </option>
            ))}
          </select>
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={options.autoplay}
              onChange={(event) =>
                setOptions({ ...options, autoplay: event.currentTarget.checked })
              }
            />
            Autoplay
          </label>
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={options.loop}
              onChange={(event) => setOptions({ ...options, loop: event.currentTarget.checked })}
            />
            Loop
          </label>
        </div>
        <CopyField label="Embed code" buttonName="Copy embed code" value={links.snippet} rows={4} />
        <p className={styles.hint}>
          The frame fits any width from 320 px and tells its page its height (the height event of
          the host-page API), so a page can resize it.
        </p>
      </fieldset>

      <section className={styles.still} aria-labelledby={`${id}-still`}>
        <h3 id={`${id}-still`}>Still picture</h3>
        <p className={styles.hint}>For places that allow no frames: the diagram as it is now.</p>
        {still.svgUrl && <img className={styles.preview} src={still.svgUrl} alt={stillTitle} />}
        <div className={styles.downloads}>
          {still.svgUrl && (
            <a href={still.svgUrl} download={`${fileBase}.svg`}>
              Download SVG
            </a>
          )}
          {still.pngUrl ? (
            <a href={still.pngUrl} download={`${fileBase}.png`}>
              Download PNG
            </a>
          ) : (
            !still.error && <span className={styles.hint}>Preparing the PNG…</span>
          )}
        </div>
        {still.error && <p role="alert">{still.error}</p>}
      </section>
    </PanelDialog>
  );
}
