/**
 * Over the diagram while a conversation from a capture is shown: which file and conversation,
 * that the states are inferred, another conversation of the same file, and the way back (the
 * expert marks sit beside the narration, CaptureMarksSlot). A capture is not expressible as a link (it stays in this browser).
 */
import type { LabState } from '../../store';
import { useLab, useLabStore } from '../../store';
import styles from '../packetdrill/ScriptRunBanner.module.css';
import captureStyles from '../../ui/capture/Capture.module.css';
import { conversationLoad } from './prepare-capture';
import { ReplayControls } from './ReplayControls';

const selectCaptureRun = (s: LabState) => s.captureRun;
const selectLeave = (s: LabState) => s.leaveScriptRun;

export default function CaptureBanner() {
  const run = useLab(selectCaptureRun);
  const leave = useLab(selectLeave);
  const store = useLabStore();
  if (run === null) return null;
  const { conversation, conversations } = run;
  const rtt = run.handshakeRtt;
  return (
    <section className={styles.banner} aria-label="Capture">
      <div className={styles.text}>
        <p className={styles.head}>
          <strong>{run.fileName}</strong>
          <span>
            {conversation.a} → {conversation.b} · {conversation.packetIndexes.length} packets
          </span>
        </p>
        {conversations.length > 1 && (
          <label className={captureStyles.pick}>
            Conversation{' '}
            <select
              value={conversation.index}
              onChange={(event) => {
                const next = conversations.find((c) => c.index === Number(event.target.value));
                if (!next) return;
                const file = { fileName: run.fileName, capture: run.capture, conversations };
                store.getState().loadCaptureRun(conversationLoad(file, next));
              }}
            >
              {conversations.map((c) => (
                <option key={c.index} value={c.index}>
                  {c.index}: {c.a} → {c.b} ({c.packetIndexes.length} packets)
                </option>
              ))}
            </select>
          </label>
        )}
        <ReplayControls run={run} />
        <details className={styles.help}>
          <summary>States inferred · times as captured · about captures</summary>
          The states on the badges are inferred from what each end sent and received (RFC 9293
          §3.10.7); a capture shows segments, not states. Each segment leaves at its capture time;
          {rtt === null
            ? ' the capture holds no handshake to measure, so arrivals are drawn just after.'
            : ` its arrival is drawn half a round trip later (${rtt.toFixed(3)} ms measured on the handshake).`}{' '}
          The capture stays in this browser: it is not part of the page’s link.
        </details>
      </div>
      <button type="button" className={styles.back} onClick={leave}>
        Back to scenarios
      </button>
    </section>
  );
}
