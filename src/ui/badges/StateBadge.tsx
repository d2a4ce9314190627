/**
 * An endpoint's RFC 9293 state as a badge: a live status whose name is "Client state" and whose
 * text is the state itself. Colour and shape both say the phase; a change pops briefly (a still
 * change under reduced motion).
 */
import { m } from 'framer-motion';
import type { TcpState } from '../../engine/types';
import styles from './StateBadge.module.css';
import { PhaseIcon } from './PhaseIcon';
import { phaseOf } from './phase';

export interface StateBadgeProps {
  /** Accessible name, e.g. "Client state". */
  label: string;
  state: TcpState;
  size?: 'normal' | 'compact';
}

export function StateBadge({ label, state, size = 'normal' }: StateBadgeProps) {
  const phase = phaseOf(state);
  return (
    <m.span
      key={state}
      role="status"
      aria-label={label}
      className={`${styles.badge} ${styles[phase]} ${size === 'compact' ? styles.compact : ''}`}
      initial={{ scale: 1.18, opacity: 0.6 }}
      animate={{ scale: 1, opacity: 1 }}
      transition={{ duration: 0.35, ease: 'easeOut' }}
      data-phase={phase}
    >
      <PhaseIcon phase={phase} size={size === 'compact' ? 14 : 18} />
      <span className={styles.text}>{state}</span>
    </m.span>
  );
}
