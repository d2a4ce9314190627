/**
 * "Open packetdrill script": a native modal <dialog> with a file input, a textarea to paste
 * into, the profile, and Run. A bad script (a syntax error with its line:column, a binary or
 * huge file) is named here and nothing else changes: the run on screen stays. The script runs in
 * the run worker (src/app/compute), so a big one leaves the page responsive; while it runs the
 * dialog shows progress, and Cancel stops it and keeps the run on screen.
 */
import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { LabStore } from '../../store';
import { RunCancelled, type RunJob } from '../../store/run-job';
import { FormDialog, formStyles } from '../../ui/dialog/FormDialog';
import type { PreparedScript } from '../compute/protocol';
import { afterNextPaint } from '../compute/next-task';
import { createRunComputer } from '../compute/run-computer';
import { RunProgress } from '../compute/RunProgress';
import scriptStyles from './ScriptDialog.module.css';
import { ScriptFileSummary } from './ScriptFileSummary';
import {
  checkScriptBytes,
  checkScriptSize,
  detectProfile,
  prepareScriptRun,
  type ProfileChoice,
} from './prepare-script-run';

/**
 * A script longer than this is parsed and run in the worker (parsing it alone would hold the
 * page); a shorter one takes milliseconds and runs here, at once, with no worker to start.
 */
const READ_HERE_CHARS = 8_192;
/** A file longer than this is shown by ScriptFileSummary, not put in the text box. */
const EDIT_HERE_CHARS = 32_768;

const PROFILES: readonly { value: ProfileChoice; label: string }[] = [
  { value: 'linux', label: 'linux (packetdrill defaults)' },
  { value: 'freebsd', label: 'freebsd' },
  { value: 'rfc', label: 'rfc (RFC 9293 as written)' },
];

export interface ScriptDialogProps {
  store: LabStore;
  open: boolean;
  onClose: () => void;
}

export default function ScriptDialog({ store, open, onClose }: ScriptDialogProps) {
  const ids = useId();
  // Form state of the dialog (what the user typed), not protocol facts.
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [profile, setProfile] = useState<ProfileChoice>('linux');
  const [message, setMessage] = useState<string | null>(null);
  // The script run in progress, if any (what the dialog is doing, not a protocol fact).
  const [running, setRunning] = useState<RunJob<PreparedScript> | null>(null);
  // The profile being read from a long script's text (Run waits for it).
  const [detecting, setDetecting] = useState<RunJob<ProfileChoice> | null>(null);
  const [computer] = useState(createRunComputer);

  /** The profile the script asks for: read here for a short script, in the worker for a long one. */
  const chooseProfile = (content: string, name: string | undefined) => {
    detecting?.cancel();
    if (content.length <= READ_HERE_CHARS) {
      setDetecting(null);
      setProfile(detectProfile(content, name));
      return;
    }
    const job = computer.profile(content, name);
    setDetecting(job);
    job.result.then(
      (found) => {
        setDetecting((current) => (current === job ? null : current));
        setProfile(found);
      },
      () => setDetecting((current) => (current === job ? null : current)),
    );
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    // The size is known before reading: a huge file is refused without loading it.
    const tooBig = checkScriptSize(file.size);
    if (tooBig) {
      setMessage(`${file.name}: ${tooBig}`);
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await file.arrayBuffer());
    } catch {
      setMessage(`${file.name}: the file could not be read.`);
      return;
    }
    const problem = checkScriptBytes(bytes);
    if (problem) {
      setMessage(`${file.name}: ${problem}`);
      return;
    }
    const content = new TextDecoder().decode(bytes);
    setText(content);
    setFileName(file.name);
    chooseProfile(content, file.name);
    setMessage(null);
  };

  const onText = (event: ChangeEvent<HTMLTextAreaElement>) => {
    const next = event.target.value;
    // Pasting into an empty box starts a new, unnamed script.
    if (text.trim() === '' && fileName !== undefined) setFileName(undefined);
    if (text.trim() === '' && next.trim() !== '') chooseProfile(next, undefined);
    setText(next);
  };

  /** Empties the box (a long file's summary gives way to it), for a script to paste. */
  const onClear = () => {
    detecting?.cancel();
    setDetecting(null);
    setText('');
    setFileName(undefined);
    setMessage(null);
  };

  const onRun = (event: FormEvent) => {
    event.preventDefault();
    if (running || detecting) return;
    const options = { ...(fileName !== undefined ? { fileName } : {}), profile };
    if (text.length <= READ_HERE_CHARS) {
      const prepared = prepareScriptRun(text, options);
      if (!prepared.ok) {
        setMessage(prepared.message);
        return;
      }
      setMessage(null);
      store.getState().loadScriptRun(prepared.load);
      onClose();
      return;
    }
    const job = computer.script(text, options);
    setRunning(job);
    setMessage(null);
    job.result.then(
      (prepared) => {
        if (!prepared.ok) {
          setRunning(null);
          setMessage(prepared.message);
          return;
        }
        store.getState().loadScriptRun({ info: prepared.info, timeline: prepared.timeline });
        // The dialog closes once the new run has been drawn: closing a modal restores focus,
        // which would lay out the whole new diagram in this task instead of in the frame's.
        void afterNextPaint().then(() => {
          setRunning(null);
          onClose();
        });
      },
      (error: unknown) => {
        setRunning(null);
        if (error instanceof RunCancelled) return;
        setMessage(error instanceof Error ? error.message : String(error));
      },
    );
  };

  /** Cancel stops a script that is running (the run on screen stays); otherwise it closes. */
  const onCancel = () => {
    if (running) running.cancel();
    else onClose();
  };

  const onDialogClose = () => {
    running?.cancel();
    detecting?.cancel();
    onClose();
  };

  const summarized = fileName !== undefined && text.length > EDIT_HERE_CHARS;

  return (
    <FormDialog
      title="Open a packetdrill script"
      help="The script plays the peer; the lab’s engine is the stack under test. Each line’s verdict shows on the arrows. The script runs in this browser and is sent nowhere."
      open={open}
      onSubmit={onRun}
      onClose={onDialogClose}
    >
      <label className={formStyles.field}>
        <span>Script file (.pkt)</span>
        <input type="file" accept=".pkt,text/plain" onChange={(e) => void onFile(e)} />
      </label>
      <div className={formStyles.field}>
        {summarized ? <span>Script</span> : <label htmlFor={`${ids}-script`}>Script</label>}
        {fileName !== undefined && <span className={scriptStyles.fileName}>from {fileName}</span>}
        {summarized ? (
          <ScriptFileSummary fileName={fileName} text={text} onClear={onClear} />
        ) : (
          <textarea
            id={`${ids}-script`}
            className={scriptStyles.script}
            value={text}
            onChange={onText}
            rows={12}
            spellCheck={false}
            aria-describedby={message ? `${ids}-message` : undefined}
            aria-invalid={message ? true : undefined}
          />
        )}
      </div>
      <label className={formStyles.field}>
        <span>Profile</span>
        <select value={profile} onChange={(e) => setProfile(e.target.value as ProfileChoice)}>
          {PROFILES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <p id={`${ids}-message`} role="alert" className={formStyles.message}>
        {message}
      </p>
      {detecting && <RunProgress label="Reading the script…" />}
      {running && <RunProgress label="Running the script…" />}
      <div className={formStyles.buttons}>
        <button
          type="submit"
          className={formStyles.primary}
          disabled={running !== null || detecting !== null}
        >
          Run
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </FormDialog>
  );
}
