/**
 * The top of each lifeline: the endpoint's name, its address:port, and its state badge, placed
 * right above the line it heads.
 */
import { useMemo } from 'react';
import type { EndpointInfo, LabState } from '../../store';
import { queuesMatter, stateAt, useLab } from '../../store';
import { StateBadge } from '../badges/StateBadge';
import type { Geometry } from './geometry';
import styles from './SequenceDiagram.module.css';
import { keepsNoTcpState } from '../format/stateless-endpoint';
import { QueueGauges } from './QueueGauges';

const selectTimeline = (s: LabState) => s.timeline;

function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A selector for one endpoint's state at the cursor. */
const stateOf = (name: string) => (s: LabState) => stateAt(s.timeline, name, s.cursor);

function LifelineHead({
  endpoint,
  x,
  compact,
  queues,
}: {
  endpoint: EndpointInfo;
  x: number;
  compact: boolean;
  /** The run's lifelines, when this endpoint's listen queues are drawn under its head. */
  queues: readonly EndpointInfo[] | undefined;
}) {
  const selectState = useMemo(() => stateOf(endpoint.name), [endpoint.name]);
  const state = useLab(selectState);
  const spoofed = keepsNoTcpState(endpoint.profile);
  return (
    <div className={styles.head} style={{ left: `${x}px` }}>
      <span className={styles.headName}>{endpoint.name}</span>
      <span className={styles.headAddress}>
        <span>{endpoint.address}</span>
        <span>:{endpoint.port}</span>
      </span>
      {!spoofed && (
        <StateBadge
          label={`${capitalized(endpoint.name)} state`}
          state={state}
          size={compact ? 'compact' : 'normal'}
        />
      )}
      {queues && <QueueGauges endpoint={endpoint.name} endpoints={queues} />}
    </div>
  );
}

/** Below this distance between two lifelines a full head (address:port, state badge) overlaps the next. */
const TIGHT_GAP_PX = 150;

function closestGap(xs: readonly number[]): number {
  let gap = Infinity;
  for (let i = 1; i < xs.length; i++) gap = Math.min(gap, (xs[i] ?? 0) - (xs[i - 1] ?? 0));
  return gap;
}

export function LifelineHeads({
  endpoints,
  g,
}: {
  endpoints: readonly EndpointInfo[];
  g: Geometry;
}) {
  const timeline = useLab(selectTimeline);
  const withQueues = endpoints.map((e) => queuesMatter(timeline, e.name));
  // Lifelines closer than a full head is wide (five or six lanes, as a load balancer's run has,
  // on a projector) take the phone's compact heads.
  const tight = g.compact || closestGap(g.lifelineX) < TIGHT_GAP_PX;
  const classes = [
    styles.heads,
    // Three lifelines on a phone stand closer than an address is wide: the port goes under it.
    tight && endpoints.length > 2 ? styles.crowded : '',
    withQueues.some(Boolean) ? styles.withQueues : '',
  ];
  return (
    <div className={classes.join(' ')}>
      {endpoints.map((endpoint, i) => (
        <LifelineHead
          key={endpoint.name}
          endpoint={endpoint}
          x={g.lifelineX[i] ?? 0}
          compact={tight}
          queues={withQueues[i] ? endpoints : undefined}
        />
      ))}
    </div>
  );
}
