/**
 * An endpoint's RFC 9293 state as a badge: a live status whose name is "Client state" and whose
 * text is the state itself. Colour and shape both say the phase; a change pops briefly (a still
 * change under reduced motion). The first view shows the still badge; the animated one
 * (MotionBadge, framer-motion) takes over as soon as it has loaded. If its code cannot be
 * fetched the still badge stays: it says everything the badge says, only without the pop.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { TcpState } from '../../engine';
import styles from './StateBadge.module.css';
import { PhaseIcon } from './PhaseIcon';
import { phaseOf } from './phase';

const MotionBadge = lazy(() => import('./MotionBadge').catch(() => ({ default: StillBadge })));

interface StillBadgeProps {
  readonly label: string;
  readonly className: string;
  readonly phase: string;
  readonly children: ReactNode;
}

function StillBadge({ label, className, phase, children }: StillBadgeProps) {
  return (
    <span role="status" aria-label={label} className={className} data-phase={phase}>
      {children}
    </span>
  );
}

export interface StateBadgeProps {
  /** Accessible name, e.g. "Client state". */
  label: string;
  state: TcpState;
  size?: 'normal' | 'compact';
}

export function StateBadge({ label, state, size = 'normal' }: StateBadgeProps) {
  const phase = phaseOf(state);
  const className = `${styles.badge} ${styles[phase]} ${size === 'compact' ? styles.compact : ''}`;
  const content = (
    <>
      {/* The name before the icon: the icon is what gives way in a narrow lane (the CSS). */}
      <span className={styles.text}>{state}</span>
      <PhaseIcon phase={phase} size={size === 'compact' ? 14 : 18} />
    </>
  );
  return (
    <Suspense
      fallback={
        <StillBadge label={label} className={className} phase={phase}>
          {content}
        </StillBadge>
      }
    >
      <MotionBadge state={state} label={label} className={className} phase={phase}>
        {content}
      </MotionBadge>
    </Suspense>
  );
}
