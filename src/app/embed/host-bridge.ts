/**
 * The host-page API of an embed (docs/embedding.md): commands from the parent page in, events to
 * it out. Loaded after the embed's first view. Only the parent window may send commands, only
 * from an allowed origin, and only commands that pass readHostCommand; each one calls a store
 * action with checked numbers. Nothing received is run as code or put into the page as HTML.
 */
import type { LabState, LabStore, RunSource } from '../../store';
import { selectTraceFacts } from '../../ui/connected/trace-facts';
import {
  hostMessageProblem,
  isOriginAllowed,
  labMessage,
  readHostCommand,
  type HostCommand,
  type LabEvent,
} from './host-protocol';
import { eventsPassed } from './lab-events';
import { parentOrigin } from './parent-origin';
import type { RangeController } from './playback-range';

export interface HostBridgeInit {
  store: LabStore;
  world: RunSource;
  range: RangeController;
  rangeStart: number;
  allowList: readonly string[] | undefined;
  /** The element whose height the parent is told. */
  root: HTMLElement;
}

function playbackEvent(state: LabState): LabEvent {
  return {
    event: 'playback',
    playing: state.playing,
    t: Math.round(state.t * 1000) / 1000,
    scenario: state.run.preset,
    duration: state.timeline.endTime,
  };
}

function act(command: HostCommand, init: HostBridgeInit, post: (event: LabEvent) => void) {
  const { store, world } = init;
  const state = store.getState();
  switch (command.command) {
    case 'play':
      return state.play();
    case 'pause':
      return state.pause();
    case 'seek':
      return state.seek(command.t);
    case 'step':
      return command.direction === 1 ? state.stepNext() : state.stepPrevious();
    case 'load':
      if (!world.presets.some((p) => p.name === command.scenario)) {
        return post({ event: 'error', message: `There is no scenario "${command.scenario}".` });
      }
      state.choosePreset(command.scenario);
      return store.getState().seek(init.rangeStart);
    case 'set': {
      const { theme, ...run } = command.settings;
      if (theme !== undefined) state.setTheme(theme);
      const preset = world.presets.find((p) => p.name === state.run.preset);
      const problem = run.ip === undefined ? undefined : preset?.ipProblems?.[run.ip];
      if (problem !== undefined) {
        // The other settings still apply, as a link's do when one of its parameters is ignored.
        delete run.ip;
        post({
          event: 'error',
          message: `Ignored set ip=${command.settings.ip}: ${preset?.name} ${problem}.`,
        });
      }
      if (Object.keys(run).length > 0) store.getState().changeRunSettings(run);
      return;
    }
  }
}

/** Starts listening and reporting; returns the function that stops both. */
export function startHostBridge(init: HostBridgeInit): () => void {
  const { store, root, allowList } = init;
  if (window.parent === window) return () => {};
  // Learned from the first command an allowed parent sends; until then, from the referrer.
  let target = parentOrigin(document.referrer, allowList);
  const post = (event: LabEvent) => {
    if (target !== null) window.parent.postMessage(labMessage(event), target);
  };

  const onMessage = (message: MessageEvent) => {
    if (message.source !== window.parent) return;
    if (!isOriginAllowed(message.origin, allowList)) return;
    const command = readHostCommand(message.data);
    if (!command) {
      // A malformed command in our envelope is answered with what was wrong, as a link's note.
      const problem = hostMessageProblem(message.data);
      if (problem !== undefined) {
        target = message.origin;
        post({ event: 'error', message: problem });
      }
      return;
    }
    target = message.origin;
    act(command, init, post);
  };
  window.addEventListener('message', onMessage);

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.timeline !== previous.timeline) post(playbackEvent(state));
    else if (state.cursor > previous.cursor) {
      for (const event of eventsPassed(
        state.timeline,
        previous.cursor,
        state.cursor,
        selectTraceFacts(state),
      )) {
        post(event);
      }
    }
    if (state.playing !== previous.playing) post(playbackEvent(state));
  });
  const stopFinished = init.range.onFinished((t) => post({ event: 'finished', t }));

  let height = -1;
  const reportHeight = () => {
    const next = Math.ceil(root.getBoundingClientRect().height);
    if (next === height) return;
    height = next;
    post({ event: 'height', height });
  };
  const resizes = new ResizeObserver(reportHeight);
  resizes.observe(root);

  const state = store.getState();
  post({ event: 'ready', scenario: state.run.preset, duration: state.timeline.endTime });
  reportHeight();
  return () => {
    window.removeEventListener('message', onMessage);
    unsubscribe();
    stopFinished();
    resizes.disconnect();
  };
}
