/** The page's note while a big fork or re-run is computed: the run on screen stays playable. */
import { useLab, type LabState } from '../../store';
import { RunProgress } from './RunProgress';

const selectPending = (s: LabState) => s.pendingRun;
const selectCancel = (s: LabState) => s.cancelRun;

export function PendingRunProgress() {
  const pending = useLab(selectPending);
  const cancel = useLab(selectCancel);
  if (!pending) return null;
  const label = pending.kind === 'fork' ? 'Computing the new future…' : 'Computing the run…';
  return <RunProgress label={label} onCancel={cancel} />;
}
