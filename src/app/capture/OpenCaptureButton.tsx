/**
 * The way in for real traffic: "Open capture" (a file picker) and a capture file dropped anywhere
 * on the page. The reader, the conversation list and their styles load only when a file
 * arrives, so the first view stays small. The file is read in this page and sent nowhere.
 */
import { lazy, useEffect, useRef, useState } from 'react';
import { LazyPart } from '../../ui/lazy/LazyPart';
import type { LabStore } from '../../store';

const CaptureDialog = lazy(() => import('./CaptureDialog'));

export const CAPTURE_ACCEPT = '.pcap,.pcapng,.cap,.dmp,application/vnd.tcpdump.pcap';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true;

/** A file dropped on the page (not on a text field) is opened as a capture. */
function useCaptureDrop(onFile: (file: File) => void) {
  useEffect(() => {
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      const target = event.target;
      if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (file) onFile(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [onFile]);
}

export function OpenCaptureButton({
  store,
  className,
}: {
  store: LabStore;
  className?: string | undefined;
}) {
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  // The file being opened: interface state until the user picks a conversation.
  const [file, setFile] = useState<File | null>(null);
  useCaptureDrop(setFile);
  return (
    <>
      <button
        ref={button}
        type="button"
        className={className}
        aria-haspopup="dialog"
        onClick={() => input.current?.click()}
      >
        Open capture
      </button>
      <input
        ref={input}
        type="file"
        accept={CAPTURE_ACCEPT}
        hidden
        aria-label="Capture file (pcap or pcapng)"
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          event.target.value = '';
          if (chosen) setFile(chosen);
        }}
      />
      {file && (
        <LazyPart what="the capture reader">
          <CaptureDialog
            store={store}
            file={file}
            onClose={() => {
              setFile(null);
              button.current?.focus();
            }}
          />
        </LazyPart>
      )}
    </>
  );
}
