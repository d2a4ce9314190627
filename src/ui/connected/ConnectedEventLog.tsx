/** The event log fed from the store (loaded lazily: it is below the first view). */
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { EventLog } from '../eventlog/EventLog';
import { selectTraceFacts } from './trace-facts';

const selectTrace = (s: LabState) => s.timeline.events;
const selectCursor = (s: LabState) => s.cursor;
const selectSelectedId = (s: LabState) => s.selectedId;
const selectSelect = (s: LabState) => s.select;

export default function ConnectedEventLog() {
  const trace = useLab(selectTrace);
  const cursor = useLab(selectCursor);
  const selectedId = useLab(selectSelectedId);
  const select = useLab(selectSelect);
  const facts = useLab(selectTraceFacts);
  return (
    <EventLog
      trace={trace}
      facts={facts}
      currentIndex={cursor}
      selectedSegmentId={selectedId ?? undefined}
      onSelectSegment={select}
    />
  );
}
