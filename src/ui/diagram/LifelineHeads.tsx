/**
 * The top of each lifeline: the endpoint's name, its address:port, and its state badge, placed
 * right above the line it heads.
 */
import { useMemo } from 'react';
import type { EndpointInfo, LabState } from '../../store';
import { stateAt, useLab } from '../../store';
import { StateBadge } from '../badges/StateBadge';
import type { Geometry } from './geometry';
import styles from './SequenceDiagram.module.css';
import { keepsNoTcpState } from '../format/stateless-endpoint';

function capitalized(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** A selector for one endpoint's state at the cursor. */
const stateOf = (name: string) => (s: LabState) => stateAt(s.timeline, name, s.cursor);

function LifelineHead({
  endpoint,
  x,
  compact,
}: {
  endpoint: EndpointInfo;
  x: number;
  compact: boolean;
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
    </div>
  );
}

export function LifelineHeads({
  endpoints,
  g,
}: {
  endpoints: readonly EndpointInfo[];
  g: Geometry;
}) {
  return (
    // Three lifelines on a phone stand closer than an address is wide: the port goes under it.
    <div
      className={
        g.compact && endpoints.length > 2 ? `${styles.heads} ${styles.crowded}` : styles.heads
      }
    >
      {endpoints.map((endpoint, i) => (
        <LifelineHead
          key={endpoint.name}
          endpoint={endpoint}
          x={g.lifelineX[i] ?? 0}
          compact={g.compact}
        />
      ))}
    </div>
  );
}
