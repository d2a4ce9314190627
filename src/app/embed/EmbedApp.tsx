/**
 * The embed page (embed.html): the sequence diagram with its state badges, the controls the link
 * asks for (controls=full|minimal|none), and a link to the full page. It fits from 320 px wide,
 * tells its parent its height, pauses when it cannot be seen, and honours reduced motion: it does
 * not start playing by itself for a user who asked for less motion (without controls it shows the
 * end of its range instead, the still equivalent of the animation).
 */
import { useEffect, useRef } from 'react';
import type { LabState } from '../../store';
import { LabStoreProvider, useLab } from '../../store';
import { Scrubber } from '../../ui/controls/Scrubber';
import { SpeedSlider } from '../../ui/controls/SpeedSlider';
import { Transport } from '../../ui/controls/Transport';
import { SequenceDiagram } from '../../ui/diagram/SequenceDiagram';
import { PlayheadProvider } from '../../ui/connected/playhead';
// An embed of a lesson step (embed.html?lesson=…&step=…) shows the step under the diagram.
import { QuestionPanels } from '../../ui/lessons/QuestionPanels';
import { HIDDEN_UNTIL_ANSWERED, selectQuestionOpen } from '../../ui/predict/question-open';
import { LinkNotes } from '../LinkNotes';
import { useFrameLoop } from '../use-frame-loop';
import { useKeyboardShortcuts } from '../use-keyboard-shortcuts';
import { useTheme } from '../use-theme';
import styles from './EmbedApp.module.css';
import type { EmbedSetup } from './embed-setup';
import { EmbedCaption } from './EmbedCaption';
import { MinimalControls } from './MinimalControls';
import { OpenInLabLink } from './OpenInLabLink';
import { usePauseWhenHidden } from './use-pause-when-hidden';

const selectTitle = (s: LabState) =>
  s.presets.find((p) => p.name === s.run.preset)?.title ?? s.run.preset;

/** The scenario's title, hidden while a question waits: it would give the answer away. */
function Title() {
  const title = useLab(selectTitle);
  const hidden = useLab(selectQuestionOpen);
  return (
    <h1 className={styles.title}>
      {hidden ? `Scenario: ${HIDDEN_UNTIL_ANSWERED.toLowerCase()}` : title}
    </h1>
  );
}

function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function EmbedApp({ setup }: { setup: EmbedSetup }) {
  const { store, world, notes, controls, autoplay, range, url } = setup;
  const root = useRef<HTMLDivElement>(null);
  useFrameLoop(store);
  useKeyboardShortcuts(store);
  useTheme(store);
  usePauseWhenHidden(store, root);

  useEffect(() => {
    if (!autoplay) return;
    if (!prefersReducedMotion()) store.getState().play();
    else if (controls === 'none') store.getState().seek(range.end());
  }, [store, autoplay, controls, range]);

  useEffect(() => {
    const element = root.current;
    if (!element) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('./host-bridge').then(({ startHostBridge }) => {
      if (cancelled) return;
      stop = startHostBridge({
        store,
        world,
        range,
        rangeStart: setup.start,
        allowList: setup.origins,
        root: element,
      });
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [store, world, range, setup.start, setup.origins]);

  return (
    <LabStoreProvider store={store}>
      <PlayheadProvider>
        <div ref={root} className={styles.embed}>
          <header className={styles.bar}>
            <Title />
            <OpenInLabLink store={store} world={world} lang={url.lang} className={styles.open} />
          </header>
          <LinkNotes notes={notes} className={styles.notes} />
          <main className={styles.stage}>
            <SequenceDiagram />
          </main>
          <QuestionPanels />
          {setup.narration && <EmbedCaption />}
          {controls === 'full' && (
            <div className={styles.controls}>
              <Transport />
              <Scrubber />
              <SpeedSlider />
            </div>
          )}
          {controls === 'minimal' && (
            <div className={styles.controls}>
              <MinimalControls />
            </div>
          )}
        </div>
      </PlayheadProvider>
    </LabStoreProvider>
  );
}
