/**
 * The inspector fed from the store: the selected segment's header, field by field. Bringing it
 * into view when a segment is selected is the page's work (src/app/use-inspector-in-view.ts),
 * because this part's code may arrive after the selection that shows it.
 */
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { Inspector } from '../inspector/Inspector';
import { selectTraceFacts } from './trace-facts';

const selectSelected = (s: LabState) =>
  s.selectedId === null ? undefined : s.timeline.spanById[s.selectedId]?.send;

export default function ConnectedInspector() {
  const segment = useLab(selectSelected);
  const facts = useLab(selectTraceFacts);
  return <Inspector segment={segment} facts={facts} />;
}
