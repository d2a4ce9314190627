/**
 * The inspector fed from the store: the selected segment's header, field by field. On a phone
 * it sits below the diagram, out of sight, so a newly selected segment brings it into view
 * (instantly under reduced motion); a selection the page opened with does not scroll.
 */
import { useEffect, useRef } from 'react';
import type { LabState } from '../../store';
import { useLab } from '../../store';
import { Inspector } from '../inspector/Inspector';
import { selectTraceFacts } from './trace-facts';

/** The width below which the page stacks in one column (src/app/App.module.css). */
const ONE_COLUMN = '(max-width: 900px)';

const selectSelected = (s: LabState) =>
  s.selectedId === null ? undefined : s.timeline.spanById[s.selectedId]?.send;

export default function ConnectedInspector() {
  const segment = useLab(selectSelected);
  const facts = useLab(selectTraceFacts);
  const anchor = useRef<HTMLDivElement>(null);
  const shown = useRef(segment?.id);
  useEffect(() => {
    if (segment === undefined || segment.id === shown.current) return;
    shown.current = segment.id;
    if (!window.matchMedia(ONE_COLUMN).matches) return;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    anchor.current?.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
  }, [segment]);
  return (
    <div ref={anchor}>
      <Inspector segment={segment} facts={facts} />
    </div>
  );
}
