/**
 * "Replay the opening": the capture's first SYN and the client's segments drive the engine in
 * the server's place under a chosen profile, and the diagram marks where the engine would have
 * sent something else, both segments drawn (src/runner/capture-replay/replay.ts). A summary says
 * how much was compared and where the replay stops.
 */
import { useState } from 'react';
import type { ProfileName } from '../../engine';
import type { CaptureRunInfo } from '../../store';
import { useLabStore } from '../../store';
import styles from '../packetdrill/ScriptRunBanner.module.css';
import captureStyles from '../../ui/capture/Capture.module.css';
import { replayedLoad } from './prepare-capture';

const PROFILES: readonly { name: ProfileName; label: string }[] = [
  { name: 'linux', label: 'Linux' },
  { name: 'freebsd', label: 'FreeBSD' },
  { name: 'rfc', label: 'RFC 9293' },
];

function summary(run: CaptureRunInfo): string | null {
  const r = run.replay;
  if (!r) return null;
  const verdict =
    r.differences === 0
      ? `the engine sends what the server sent (${r.compared} segments compared)`
      : `${r.differences} ${r.differences === 1 ? 'place differs' : 'places differ'} (✕ “differs”; the engine's segments dashed)`;
  return `Replayed under ${r.profile}: ${verdict}. It covers ${r.segments} segments and stops ${r.end}.`;
}

export function ReplayControls({ run }: { run: CaptureRunInfo }) {
  const store = useLabStore();
  // The profile chosen and a refusal's message: interface state.
  const [profile, setProfile] = useState<ProfileName>('linux');
  const [message, setMessage] = useState<string | null>(null);
  if (!run.conversation.opensInCapture) return null;
  const replay = () => {
    const outcome = replayedLoad(run, profile);
    if (!outcome.ok) {
      setMessage(outcome.message);
      return;
    }
    setMessage(null);
    store.getState().loadCaptureRun(outcome.load);
  };
  const done = summary(run);
  const r = run.replay;
  return (
    <>
      <details className={styles.help}>
        <summary>Replay the opening through the engine</summary>
        {/* Once replayed, the status below says what it covered: the banner stays short and
            leaves the diagram its room. */}
        {!r && (
          <p>
            The capture’s SYN and the client’s segments drive the engine in the server’s place;
            where the engine would have answered otherwise, the diagram marks the server’s segment
            and dashes the engine’s beside it.
          </p>
        )}
        <label className={captureStyles.pick}>
          Engine profile{' '}
          <select value={profile} onChange={(e) => setProfile(e.target.value as ProfileName)}>
            {PROFILES.map((p) => (
              <option key={p.name} value={p.name}>
                {p.label}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="button" className={styles.back} onClick={replay}>
          Replay through the engine
        </button>
      </details>
      <p role="status" className={message ? styles.failure : styles.help}>
        {message ?? done}
      </p>
    </>
  );
}
