export { createLabStore, type LabStore, type LabStoreInit } from './create-lab-store';
export { LabStoreProvider, useLab, useLabStore } from './react';
export type { LabState, Branch, CaptureReplayInfo, CaptureRunInfo, ScriptRunInfo } from './types';
export { isRecordedRun } from './slices/script-run';
export type { SegmentSpan, StateChange, Timeline, TimerSpan } from './timeline';
export * from './world-at';
export * from './speed';
export type * from './world';
export { RUN_SETTING_KEYS } from './world';
export * from './time-axis';
export { visibleSteps } from './steps';
export { queuesAt, queuesMatter } from './queues-at';
export {
  laneConnections,
  connectionsOf,
  headStateAt,
  childNumber,
  currentConnection,
  type LaneConnections,
  type ChildConnection,
} from './connections';
