/** The simulator's public API (docs/scenarios.md is the user's guide to scenarios). */
export { validateScenario, type ValidationResult } from './validate';
export { checkpointFor, resumeScenario, runScenario } from './run';
export type { WorldSnapshot } from './snapshot';
export type { EndpointInfo, Intervention, RunOptions, RunResult } from './run-types';
export { presets, getPreset, type Preset } from './presets';
export { formatTrace, formatSegment, formatOption, formatTime } from './format';
export type * from './scenario';
export { DEFAULT_LINK_DIRECTION, SEGMENT_KINDS, TRIGGER_EVENTS, CALL_NAMES } from './scenario';
export type * from './trace';
export { isVisibleChange, visibleStepIndices } from './visible-steps';
