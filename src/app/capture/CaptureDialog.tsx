/**
 * Opening a capture: reads the file, then lists its TCP conversations to choose one, or says in
 * one message what is wrong with the file. Nothing on screen changes until a conversation is
 * chosen, so a bad file leaves the run as it was.
 */
import { useEffect, useState } from 'react';
import type { LabStore } from '../../store';
import { ConversationList } from '../../ui/capture/ConversationList';
import { FormDialog, formStyles as styles } from '../../ui/dialog/FormDialog';
import { conversationLoad, openCaptureFile, type Opening } from './prepare-capture';

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

  useEffect(() => {
    let current = true;
    void openCaptureFile(file).then((result) => {
      if (current) setRead({ file, opening: result });
    });
    return () => {
      current = false;
    };
  }, [file]);

  return (
    <FormDialog
      title="Open a capture"
      help={`${file.name}. The capture is read in this browser and sent nowhere: captures can hold private data. Each end’s state is inferred from what it sent and received.`}
      onClose={onClose}
    >
      {opening === null && <p role="status">Reading {file.name}…</p>}
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
