/** Beside the narration while a capture is shown: its expert marks, loaded with the capture. */
import { lazy } from 'react';
import { LazyPart } from '../../ui/lazy/LazyPart';
import type { LabState } from '../../store';
import { useLab } from '../../store';

const ExpertMarks = lazy(() =>
  import('../../ui/capture/ExpertMarks').then((m) => ({ default: m.ExpertMarks })),
);
const selectShown = (s: LabState) => s.captureRun !== null;

export function CaptureMarksSlot() {
  if (!useLab(selectShown)) return null;
  return (
    <LazyPart what="the capture's expert marks">
      <ExpertMarks />
    </LazyPart>
  );
}
