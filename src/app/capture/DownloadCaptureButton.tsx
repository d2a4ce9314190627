/** "Download capture": the dialog and the pcap writers load on the first click. */
import { lazy, Suspense, useRef, useState } from 'react';
import type { LabStore } from '../../store';

const DownloadCaptureDialog = lazy(() => import('./DownloadCaptureDialog'));

export function DownloadCaptureButton({
  store,
  className,
}: {
  store: LabStore;
  className?: string | undefined;
}) {
  const button = useRef<HTMLButtonElement>(null);
  // Whether the dialog is open: interface state, not a protocol fact.
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        ref={button}
        type="button"
        className={className}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Download capture
      </button>
      {open && (
        <Suspense fallback={null}>
          <DownloadCaptureDialog
            store={store}
            onClose={() => {
              setOpen(false);
              button.current?.focus();
            }}
          />
        </Suspense>
      )}
    </>
  );
}
