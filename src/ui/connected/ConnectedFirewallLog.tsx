/** The firewall log fed from the store: shown only for a run in which a firewall stopped something. */
import { useMemo } from 'react';
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { FirewallLog } from '../firewall/FirewallLog';
import { firewallLog } from '../format/firewall-log';
import { selectTraceFacts } from './trace-facts';

const selectTrace = (s: LabState) => s.timeline.events;
const selectCursor = (s: LabState) => s.cursor;
const selectSelect = (s: LabState) => s.select;

export default function ConnectedFirewallLog() {
  const trace = useLab(selectTrace);
  const cursor = useLab(selectCursor);
  const select = useLab(selectSelect);
  const facts = useLab(selectTraceFacts);
  const all = useMemo(() => firewallLog(trace, facts), [trace, facts]);
  if (all.length === 0) return null;
  const sofar = all.filter((e) => e.index <= cursor);
  return <FirewallLog entries={sofar} total={all.length} onSelectSegment={select} />;
}
