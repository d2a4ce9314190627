/**
 * The header's capture and export actions, "Open capture", "Download capture" (for scenario
 * runs only) and "Export animation", and the page-wide drop target for capture files. Loaded
 * just after the first view.
 */
import type { RefObject } from 'react';
import type { LabStore } from '../../store';
import { ExportButton } from '../export/ExportButton';
import { ScenarioOnly } from '../packetdrill/ScenarioOnly';
import { DownloadCaptureButton } from './DownloadCaptureButton';
import { OpenCaptureButton } from './OpenCaptureButton';

export default function CaptureActions({
  store,
  stage,
  className,
}: {
  store: LabStore;
  stage: RefObject<HTMLElement | null>;
  className?: string | undefined;
}) {
  return (
    <>
      <OpenCaptureButton store={store} className={className} />
      <ScenarioOnly>
        <DownloadCaptureButton store={store} className={className} />
      </ScenarioOnly>
      <ExportButton store={store} stage={stage} className={className} />
    </>
  );
}
