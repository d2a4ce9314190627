import type { Phase } from './phase';

/**
 * A shape per phase so the badge never relies on colour alone: a hollow ring (closed), a
 * half-filled circle (opening), a filled circle with a tick (established), a down triangle
 * (closing).
 */
export function PhaseIcon({ phase, size = 18 }: { phase: Phase; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {phase === 'closed' && (
        <circle cx="10" cy="10" r="7" fill="none" stroke="currentColor" strokeWidth="2.5" />
      )}
      {phase === 'opening' && (
        <>
          <circle cx="10" cy="10" r="7" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <path d="M10 3 A7 7 0 0 1 10 17 Z" fill="currentColor" />
        </>
      )}
      {phase === 'established' && (
        <>
          <circle cx="10" cy="10" r="8.5" fill="currentColor" />
          <path d="M6 10.5 L9 13.5 L14.5 7" fill="none" stroke="var(--bg)" strokeWidth="2.5" />
        </>
      )}
      {phase === 'closing' && <path d="M2.5 4 H17.5 L10 17 Z" fill="currentColor" />}
    </svg>
  );
}
