/**
 * The full page: the header with the scenario, the settings, the sequence diagram with the state
 * badges at its centre, narration and inspector beside it (below it on phones), the transport
 * bar, and the event log and state machine further down (loaded after the first view).
 */
import { lazy, useRef, useState } from 'react';
import { LazyPart } from '../ui/lazy/LazyPart';
import { useStore } from 'zustand';
import { LabStoreProvider, type LabState } from '../store';
import { PresentButton } from '../ui/controls/PresentButton';
import { OverflowMenu } from '../ui/controls/OverflowMenu';
import { DisplaySettingsPanel, RunSettingsPanel } from '../ui/controls/RunSettings';
import { ScenarioPicker } from '../ui/controls/ScenarioPicker';
import { Scrubber } from '../ui/controls/Scrubber';
import { SpeedSlider } from '../ui/controls/SpeedSlider';
import { Transport } from '../ui/controls/Transport';
import { SequenceDiagram } from '../ui/diagram/SequenceDiagram';
import { ConnectedNarration } from '../ui/connected/ConnectedNarration';
import { LessonsButton } from '../ui/lessons/LessonsButton';
import { QuestionPanels } from '../ui/lessons/QuestionPanels';
import { PredictToggle } from '../ui/predict/PredictToggle';
import { PlayheadProvider } from '../ui/connected/playhead';
import styles from './App.module.css';
import { CaptureBannerSlot } from './capture/CaptureBannerSlot';
import { CaptureMarksSlot } from './capture/CaptureMarksSlot';
import { PendingRunProgress } from './compute/PendingRunProgress';
import { createPageStore } from './create-page-store';
import { LinkNotes } from './LinkNotes';
import { OpenScriptButton } from './packetdrill/OpenScriptButton';
import { ScenarioOnly, SettingsLock } from './packetdrill/ScenarioOnly';
import { ScriptRunBanner } from './packetdrill/ScriptRunBanner';
import { ShareButton } from './share/ShareButton';
import { useUrlSync } from './url/use-url-sync';
import { useFrameLoop } from './use-frame-loop';
import { useKeyboardShortcuts } from './use-keyboard-shortcuts';
import { useCaptureInView } from './use-capture-in-view';
import { useInspectorInView } from './use-inspector-in-view';
import { usePresentation } from './use-presentation';
import { useTheme } from './use-theme';

// Opening and downloading captures: their buttons arrive just after the first view.
const CaptureActions = lazy(() => import('./capture/CaptureActions'));
const ConnectedEventLog = lazy(() => import('../ui/connected/ConnectedEventLog'));
const ConnectedFirewallLog = lazy(() => import('../ui/connected/ConnectedFirewallLog'));
const ConnectedStateMachine = lazy(() => import('../ui/connected/ConnectedStateMachine'));
// The inspector shows nothing until a segment is selected: its code (and the wire encoder) can
// arrive just after the first view.
const ConnectedInspector = lazy(() => import('../ui/connected/ConnectedInspector'));
// Presentation mode (the diagram filling the screen) loads when first asked for.
const Presentation = lazy(() => import('./presentation/Presentation'));
const selectPresenting = (s: LabState) => s.presenting;
const selectLargeType = (s: LabState) => s.largeType;

export function App() {
  const [{ store, world, notes }] = useState(() => createPageStore(window.location.search));
  const stage = useRef<HTMLElement>(null);
  const side = useRef<HTMLElement>(null);
  const transport = useRef<HTMLDivElement>(null);
  useUrlSync(store, world);
  useFrameLoop(store);
  useKeyboardShortcuts(store, { presentation: true });
  useTheme(store);
  usePresentation(store);
  useInspectorInView(store, side);
  useCaptureInView(store, stage, transport);
  const presenting = useStore(store, selectPresenting);
  const largeType = useStore(store, selectLargeType);
  return (
    <LabStoreProvider store={store}>
      <PlayheadProvider>
        {/* Hidden, not unmounted, while presenting: leaving finds the page as it was. */}
        <div
          className={styles.page}
          hidden={presenting}
          data-large-type={largeType ? '' : undefined}
        >
          <div className={styles.screen}>
            <header className={styles.header}>
              <h1 className={styles.title}>Handshake Lab</h1>
              <ScenarioPicker />
              {/* One row on a phone, the rarer actions behind "More actions", so every action
                  shows whole and the diagram still comes first. */}
              <div className={styles.actions}>
                <LessonsButton className={styles.share} />
                <PredictToggle />
                <OverflowMenu label="More" name="More actions" className={styles.share}>
                  <OpenScriptButton store={store} className={styles.share} />
                  <LazyPart what="the capture's actions">
                    <CaptureActions store={store} stage={stage} className={styles.share} />
                  </LazyPart>
                  <ScenarioOnly>
                    <ShareButton
                      store={store}
                      world={world}
                      stage={stage}
                      className={styles.share}
                    />
                  </ScenarioOnly>
                </OverflowMenu>
              </div>
            </header>
            <LinkNotes notes={notes} className={styles.notes} />
            <section className={styles.settings} aria-label="Run and display settings">
              <SettingsLock>
                <RunSettingsPanel />
              </SettingsLock>
              <DisplaySettingsPanel />
              <PresentButton className={styles.present} />
            </section>
            <main ref={stage} className={styles.stage}>
              <PendingRunProgress />
              <ScriptRunBanner />
              <CaptureBannerSlot />
              <SequenceDiagram />
            </main>
            {/* A Tab stop: in large type its text can outgrow it, and keys then scroll it. */}
            <aside ref={side} className={styles.side} aria-label="Explanations" tabIndex={0}>
              <QuestionPanels />
              <ConnectedNarration />
              <CaptureMarksSlot />
              {/* The slot the inspector's code arrives in: it grows then, and the view follows
                  (use-inspector-in-view.ts). */}
              <div>
                <LazyPart what="the segment inspector">
                  <ConnectedInspector />
                </LazyPart>
              </div>
            </aside>
            <div ref={transport} className={styles.transport}>
              <Transport />
              <Scrubber />
              <SpeedSlider />
            </div>
          </div>
          <section className={styles.lower} aria-label="Event log and state machine">
            <LazyPart
              what="the event log"
              fallback={<p className={styles.loading}>Loading the event log…</p>}
            >
              <ConnectedEventLog />
            </LazyPart>
            <LazyPart
              what="the state machine"
              fallback={<p className={styles.loading}>Loading the state machine…</p>}
            >
              <ConnectedStateMachine />
            </LazyPart>
            <LazyPart what="the firewall log">
              <ConnectedFirewallLog />
            </LazyPart>
          </section>
        </div>
        {presenting && (
          <LazyPart what="presentation mode">
            <Presentation />
          </LazyPart>
        )}
      </PlayheadProvider>
    </LabStoreProvider>
  );
}
