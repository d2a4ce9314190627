/**
 * Download the run on screen as a capture Wireshark opens: pcap, or pcapng with each packet's
 * narration as its comment; taken on the link or at one end (docs/captures.md). The file is
 * made in this page.
 */
import { useState, type FormEvent } from 'react';
import type { LabStore } from '../../store';
import { FormDialog, formStyles as styles } from '../../ui/dialog/FormDialog';
import type { CapturePoint } from '../../wire/capture';
import { saveFile } from '../save-file';
import { captureOfRun, type CaptureFormat } from './capture-download';

const POINTS: readonly { value: CapturePoint; label: string }[] = [
  { value: 'link', label: 'On the link: every segment as it is sent, lost ones too' },
  { value: 'client', label: 'At the client: what it sends and what reaches it' },
  { value: 'server', label: 'At the server: what it sends and what reaches it' },
];

export default function DownloadCaptureDialog({
  store,
  onClose,
}: {
  store: LabStore;
  onClose: () => void;
}) {
  // The form's choices: interface state.
  const [format, setFormat] = useState<CaptureFormat>('pcapng');
  const [point, setPoint] = useState<CapturePoint>('link');
  const [message, setMessage] = useState<string | null>(null);

  const onDownload = (event: FormEvent) => {
    event.preventDefault();
    const result = captureOfRun(store.getState(), format, point);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    saveFile(result.file.name, result.file.bytes, 'application/vnd.tcpdump.pcap');
    onClose();
  };

  return (
    <FormDialog
      title="Download capture"
      help={
        <>
          The run as Wireshark, tshark and tcpdump open it, byte for byte what{' '}
          <code>npm run sim -- --pcap</code> writes for the same run.
        </>
      }
      onSubmit={onDownload}
      onClose={onClose}
    >
      <fieldset className={styles.field}>
        <legend>Format</legend>
        <label>
          <input
            type="radio"
            name="format"
            checked={format === 'pcapng'}
            onChange={() => setFormat('pcapng')}
          />{' '}
          pcapng, each packet commented with its narration
        </label>
        <label>
          <input
            type="radio"
            name="format"
            checked={format === 'pcap'}
            onChange={() => setFormat('pcap')}
          />{' '}
          pcap (classic, for older tools)
        </label>
      </fieldset>
      <label className={styles.field}>
        <span>Capture point</span>
        <select value={point} onChange={(e) => setPoint(e.target.value as CapturePoint)}>
          {POINTS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <p role="alert" className={styles.message}>
        {message}
      </p>
      <div className={styles.buttons}>
        <button type="submit" className={styles.primary}>
          Download
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </FormDialog>
  );
}
