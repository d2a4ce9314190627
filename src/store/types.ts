/** The shape of one visualizer's store: five slices, each with the actions that change it. */
import type { Conversation } from '../wire/conversation/conversations';
import type { ExpertMark } from '../wire/conversation/expert';
import type { MissingSegment } from '../runner/packetdrill/to-trace';
import type { OpenedCapture } from '../wire/read-capture';
import type { LessonSlice } from './slices/lesson';
import type { PredictSlice } from './slices/predict';
import type { RunPlan } from './run-job';
import type { Timeline } from './timeline';
import type { TimeAxisMode } from './time-axis';
import type {
  Intervention,
  RecordedRun,
  LinkSettings,
  Numbering,
  PresetSummary,
  RunSettings,
  Theme,
} from './world';

export interface TimelineSlice {
  /** The current run: its trace exactly as the simulator produced it, plus indexes. */
  timeline: Timeline;
  /** The settings the run started with (a link change mid-run is an intervention on top). */
  base: RunSettings;
  /** The interventions that shaped this run (a fork adds one). */
  interventions: readonly Intervention[];
  /** Drops a segment in flight at the playhead: the past is kept, the future recomputed. */
  dropSegment: (id: number) => void;
}

/** A run being computed away from the page's main thread; the run on screen stays meanwhile. */
export interface PendingRun {
  readonly id: number;
  readonly kind: 'scenario' | 'fork';
}

export interface PendingRunSlice {
  pendingRun: PendingRun | null;
  /** Computes the plan's run and shows it: at once when small, in the background when big. */
  carryOut: (plan: RunPlan) => void;
  /** Stops the run being computed; the run on screen stays as it is. */
  cancelRun: () => void;
}

export interface PlaybackSlice {
  playing: boolean;
  /** Fraction of real time (1/40 plays 50 ms in 2 s). */
  speed: number;
  /** The playhead, in virtual milliseconds. */
  t: number;
  /** Index of the last trace event that has happened (-1 before the first). */
  cursor: number;
  /** How much of the time axis the diagram shows at once (zoom), in axis units (time-axis.ts). */
  viewSpan: number;
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  /** One event forward (several events can share an instant). */
  stepNext: () => void;
  /** One event back. */
  stepPrevious: () => void;
  /** To the next moment the diagram changes (src/sim/visible-steps.ts): presenter keys. */
  nextStep: () => void;
  /** To the previous moment the diagram changed. */
  previousStep: () => void;
  toStart: () => void;
  toEnd: () => void;
  /** Moves the playhead to any moment (scrubbing). */
  seek: (t: number) => void;
  /**
   * Advances the playhead by wall-clock milliseconds × speed (a compressed break in about a
   * second); stops at the end.
   */
  tick: (wallMs: number) => void;
  setSpeed: (speed: number) => void;
  zoomIn: () => void;
  zoomOut: () => void;
}

export interface SettingsSlice {
  presets: readonly PresetSummary[];
  run: RunSettings;
  numbering: Numbering;
  theme: Theme;
  /** Loads another preset with its own settings, from the start. */
  choosePreset: (name: string) => void;
  /** Link settings fork mid-run; any other run setting re-runs the scenario. */
  changeRunSettings: (patch: Partial<Omit<RunSettings, 'preset'>>) => void;
  /**
   * Opens a run exactly as given: settings and the interventions that forked it (a link's
   * `fork`), from the start. One simulator run and one undo entry, whatever changed.
   */
  openRun: (base: RunSettings, interventions: readonly Intervention[]) => void;
  setNumbering: (numbering: Numbering) => void;
  setTheme: (theme: Theme) => void;
}

export interface SelectionSlice {
  /** The selected segment's id (the inspector shows it), or null. */
  selectedId: number | null;
  select: (id: number | null) => void;
}

/** A run the user left by forking: undo returns to it exactly. */
export interface Branch {
  readonly run: RunSettings;
  readonly base: RunSettings;
  readonly interventions: readonly Intervention[];
  readonly timeline: Timeline;
  readonly t: number;
  readonly cursor: number;
}

export interface HistorySlice {
  past: readonly Branch[];
  undo: () => void;
}

/** What the page shows about a script run besides its trace. */
export interface ScriptRunInfo {
  /** The file name, or "Pasted script". */
  readonly name: string;
  /** What the script tests, in its own words (its leading comment); the header shows it. */
  readonly summary?: string;
  readonly profile: string;
  readonly outcome: 'passed' | 'failed' | 'skipped' | 'error';
  readonly counts: {
    /** Lines compared with what the engine did, and found to agree. */
    readonly passed: number;
    readonly failed: number;
    readonly notApplicable: number;
    /** Lines carried out with nothing to compare: injected segments, socket(), settings. */
    readonly carriedOut: number;
  };
  /** The first failing line and why, if any. */
  readonly failure: { readonly line: number; readonly reason: string } | null;
  /** Segments a line expected that the engine never sent. */
  readonly missing: readonly MissingSegment[];
}

/** What the page shows about a conversation opened from a capture besides its trace. */
export interface CaptureRunInfo {
  /** The capture's file name. */
  readonly fileName: string;
  /** The capture as read (kept in this page only), and its conversations, to switch between. */
  readonly capture: OpenedCapture;
  readonly conversations: readonly Conversation[];
  readonly conversation: Conversation;
  /** Wireshark-style expert marks, by segment id. */
  readonly marks: ReadonlyMap<number, readonly ExpertMark[]>;
  /** The capture's frame number of each segment id. */
  readonly frameNumbers: ReadonlyMap<number, number>;
  /** The round trip measured on the captured handshake, ms. */
  readonly handshakeRtt: number | null;
  /** The opening replayed through the engine, if the user asked: drawn as ghosts beside it. */
  readonly replay?: CaptureReplayInfo;
}

/** A capture's opening replayed through the engine (src/runner/capture-replay/replay.ts). */
export interface CaptureReplayInfo {
  readonly profile: string;
  /** Segments of the opening, server segments compared, and places where they differ. */
  readonly segments: number;
  readonly compared: number;
  readonly differences: number;
  /** Why the replay ends where it does. */
  readonly end: string;
  /** The engine's segments where they differ, drawn as dashed ghost arrows. */
  readonly ghosts: readonly MissingSegment[];
}

/** Where the scenario run stood when a script run replaced it. */
export interface ScenarioPlace {
  readonly timeline: Timeline;
  readonly t: number;
  readonly cursor: number;
  readonly selectedId: number | null;
  readonly viewSpan: number;
}

export interface ScriptRunSlice {
  /** The script run shown instead of the scenario, or null. */
  scriptRun: ScriptRunInfo | null;
  scenarioPlace: ScenarioPlace | null;
  /** Shows a recorded run that did not come from a scenario; nothing forks while it is shown. */
  loadScriptRun: (
    load: { info: ScriptRunInfo } & ({ run: RecordedRun } | { timeline: Timeline }),
  ) => void;
  /** A conversation of a capture shown instead of the scenario, or null. */
  captureRun: CaptureRunInfo | null;
  /** Shows a conversation opened from a capture; like a script run, nothing forks. */
  loadCaptureRun: (load: { info: CaptureRunInfo; run: RecordedRun }) => void;
  /** Back to the scenario run, where it was (from a script run or a capture). */
  leaveScriptRun: () => void;
}

/** How the page shows the run to a room: the time axis, presentation mode, large type. */
export interface ViewSlice {
  timeAxis: TimeAxisMode;
  /** Presentation mode: the diagram, badges, narration and progress fill the screen. */
  presenting: boolean;
  /** Projector-size type without presentation mode (for a projector already zoomed). */
  largeType: boolean;
  /** Switches the axis and fits the view to the run on it. */
  setTimeAxis: (mode: TimeAxisMode) => void;
  setPresenting: (presenting: boolean) => void;
  setLargeType: (largeType: boolean) => void;
}

export type LabState = TimelineSlice &
  PendingRunSlice &
  PlaybackSlice &
  ViewSlice &
  SettingsSlice &
  SelectionSlice &
  HistorySlice &
  ScriptRunSlice &
  PredictSlice &
  LessonSlice;

export type { LinkSettings };
