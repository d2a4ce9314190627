/**
 * Download the run on screen as a capture Wireshark opens: pcap, or pcapng with each packet's
 * narration as its comment; taken on the link or at one end (docs/captures.md). The file is
 * made in this page.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { LabStore } from '../../store';
import type { CapturePoint } from '../../wire/capture';
import styles from '../packetdrill/ScriptDialog.module.css';
import { captureOfRun, type CaptureFormat } from './capture-download';

const POINTS: readonly { value: CapturePoint; label: string }[] = [
  { value: 'link', label: 'On the link: every segment as it is sent, lost ones too' },
  { value: 'client', label: 'At the client: what it sends and what reaches it' },
  { value: 'server', label: 'At the server: what it sends and what reaches it' },
];

function save(name: string, bytes: Uint8Array) {
  const url = URL.createObjectURL(
    new Blob([new Uint8Array(bytes)], { type: 'application/vnd.tcpdump.pcap' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the object URL; it can be released after this task.
  window.setTimeout(() => URL.revokeObjectURL(url), 0);
}

export default function DownloadCaptureDialog({
  store,
  onClose,
}: {
  store: LabStore;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const ids = useId();
  // The form's choices: interface state.
  const [format, setFormat] = useState<CaptureFormat>('pcapng');
  const [point, setPoint] = useState<CapturePoint>('link');
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const onDownload = (event: FormEvent) => {
    event.preventDefault();
    const result = captureOfRun(store.getState(), format, point);
    if (!result.ok) {
      setMessage(result.message);
      return;
    }
    save(result.file.name, result.file.bytes);
    onClose();
  };

  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby={`${ids}-title`}
      onClose={onClose}
    >
      <form className={styles.form} onSubmit={onDownload}>
        <h2 id={`${ids}-title`} className={styles.title}>
          Download capture
        </h2>
        <p className={styles.help}>
          The run as Wireshark, tshark and tcpdump open it, byte for byte what{' '}
          <code>npm run sim -- --pcap</code> writes for the same run.
        </p>
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
      </form>
    </dialog>
  );
}
