/** "Download capture": the dialog and the pcap writers load on the first click. */
import { lazy } from 'react';
import type { LabStore } from '../../store';
import { DialogButton } from '../../ui/dialog/DialogButton';

const DownloadCaptureDialog = lazy(() => import('./DownloadCaptureDialog'));

export function DownloadCaptureButton(props: { store: LabStore; className?: string | undefined }) {
  return (
    <DialogButton label="Download capture" className={props.className}>
      {({ close }) => <DownloadCaptureDialog store={props.store} onClose={() => close()} />}
    </DialogButton>
  );
}
