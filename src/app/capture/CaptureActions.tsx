/**
 * The header's capture actions, "Open capture" and "Download capture" (the latter for scenario
 * runs only), and the page-wide drop target for capture files. Loaded just after the first view.
 */
import type { LabStore } from '../../store';
import { ScenarioOnly } from '../packetdrill/ScenarioOnly';
import { DownloadCaptureButton } from './DownloadCaptureButton';
import { OpenCaptureButton } from './OpenCaptureButton';

export default function CaptureActions({
  store,
  className,
}: {
  store: LabStore;
  className?: string | undefined;
}) {
  return (
    <>
      <OpenCaptureButton store={store} className={className} />
      <ScenarioOnly>
        <DownloadCaptureButton store={store} className={className} />
      </ScenarioOnly>
    </>
  );
}
