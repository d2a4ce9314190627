/**
 * Opening a capture: reads the file, then lists its TCP conversations to choose one, or says in
 * one message what is wrong with the file. Nothing on screen changes until a conversation is
 * chosen, so a bad file leaves the run as it was. A large file is read in the run worker (the
 * page stays responsive, Cancel stops the reading); a small one here.
 */
import { useEffect, useState } from 'react';
import type { LabStore } from '../../store';
import { ConversationList } from '../../ui/capture/ConversationList';
import { RunCancelled, type RunJob } from '../../store/run-job';
import { FormDialog, formStyles as styles } from '../../ui/dialog/FormDialog';
import { RunProgress } from '../compute/RunProgress';
import { createRunComputer } from '../compute/run-computer';
import {
  captureFileBytes,
  conversationLoad,
  openCaptureBytes,
  READ_HERE_BYTES,
  type Opening,
} from './prepare-capture';
import { MAX_CAPTURE_BYTES } from '../../wire/read-capture';

export default function CaptureDialog({
  store,
  file,
  onClose,
}: {
  store: LabStore;
  file: File;
  onClose: () => void;
}) {
  // The reading of this file (the dialog's own view of it until a conversation is chosen).
  const [read, setRead] = useState<{ file: File; opening: Opening } | null>(null);
  const opening = read?.file === file ? read.opening : null;

  // The worker that reads large files, started on the first one.
  const [computer] = useState(createRunComputer);

  useEffect(() => {
    let current = true;
    let job: RunJob<Opening> | null = null;
    const done = (opening: Opening) => {
      if (current) setRead({ file, opening });
    };
    if (file.size > READ_HERE_BYTES && file.size <= MAX_CAPTURE_BYTES) {
      // Read in the worker: the page hands it the File and never holds its bytes.
      job = computer.capture(file);
      job.result.then(done, (error: unknown) => {
        if (error instanceof RunCancelled) return;
        done({
          ok: false,
          message: `${file.name}: ${error instanceof Error ? error.message : String(error)}`,
        });
      });
    } else {
      // A small file is read here in milliseconds; one too large is refused unread.
      void captureFileBytes(file).then((read) => {
        if (current) done(read.ok ? openCaptureBytes(file.name, read.bytes) : read);
      });
    }
    return () => {
      current = false;
      // Closing the dialog while the worker reads stops it there.
      job?.cancel();
    };
  }, [file, computer]);

  return (
    <FormDialog
      title="Open a capture"
      help={`${file.name}. The capture is read in this browser and sent nowhere: captures can hold private data. Each end’s state is inferred from what it sent and received.`}
      onClose={onClose}
    >
      {opening === null && <RunProgress label={`Reading ${file.name}…`} onCancel={onClose} />}
      <p role="alert" className={styles.message}>
        {opening?.ok === false ? opening.message : ''}
      </p>
      {opening?.ok === true && (
        <>
          <SkippedNote opening={opening} />
          <ConversationList
            conversations={opening.file.conversations}
            onPick={(conversation) => {
              store.getState().loadCaptureRun(conversationLoad(opening.file, conversation));
              onClose();
            }}
          />
        </>
      )}
      <div className={styles.buttons}>
        <button type="button" onClick={onClose}>
          {opening?.ok === true ? 'Cancel' : 'Close'}
        </button>
      </div>
    </FormDialog>
  );
}

function SkippedNote({ opening }: { opening: Opening & { ok: true } }) {
  const { notTcp, damaged, cutShort } = opening.file.capture.skipped;
  const parts = [
    notTcp > 0 ? `${notTcp} frames without TCP` : '',
    damaged > 0 ? `${damaged} damaged frames (${opening.file.capture.firstDamage ?? ''})` : '',
    cutShort > 0 ? `${cutShort} frames cut short by the snap length` : '',
  ].filter((p) => p !== '');
  if (parts.length === 0) return null;
  return <p className={styles.help}>Left out: {parts.join(', ')}.</p>;
}
