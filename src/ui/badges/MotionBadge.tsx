/**
 * The badge with its pop, by framer-motion: a new element per state (keyed), so each change
 * scales in from a little larger. Loaded just after the first view (StateBadge shows the still
 * badge until then): the first screen has no change to animate, and framer-motion's element
 * machinery weighs about 10 KB of gzip. The badge is the page's only framer-motion element, so
 * its features and its reduced-motion setting (a still change for a user who asked for less
 * motion) come with it: a LazyMotion or MotionConfig around the page would bring that machinery
 * (VisualElement, where LazyMotion registers features) into the first view.
 */
import { domAnimation, LazyMotion, m, MotionConfig } from 'framer-motion';
import { useState, type ReactNode } from 'react';

export interface MotionBadgeProps {
  readonly state: string;
  readonly label: string;
  readonly className: string;
  readonly phase: string;
  readonly children: ReactNode;
}

export default function MotionBadge({
  state,
  label,
  className,
  phase,
  children,
}: MotionBadgeProps) {
  // The state shown when this component arrived is no change: only later states pop.
  const [shown, setShown] = useState(state);
  const [pop, setPop] = useState(false);
  if (state !== shown) {
    setShown(state);
    setPop(true);
  }
  return (
    <MotionConfig reducedMotion="user">
      <LazyMotion features={domAnimation} strict>
        <m.span
          key={state}
          role="status"
          aria-label={label}
          className={className}
          data-phase={phase}
          initial={pop ? { scale: 1.18, opacity: 0.6 } : false}
          animate={{ scale: 1, opacity: 1 }}
          transition={{ duration: 0.35, ease: 'easeOut' }}
        >
          {children}
        </m.span>
      </LazyMotion>
    </MotionConfig>
  );
}
