/** Where the capture banner goes: its code (and the capture reader) loads only with a capture. */
import { lazy } from 'react';
import { LazyPart } from '../../ui/lazy/LazyPart';
import type { LabState } from '../../store';
import { useLab } from '../../store';

const CaptureBanner = lazy(() => import('./CaptureBanner'));
const selectShown = (s: LabState) => s.captureRun !== null;

export function CaptureBannerSlot() {
  if (!useLab(selectShown)) return null;
  return (
    <LazyPart what="the capture banner">
      <CaptureBanner />
    </LazyPart>
  );
}
