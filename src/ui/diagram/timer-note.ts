import type { TimerSpan } from '../../store';
import { formatTime } from './geometry';
import { TIMER_SHORT_NAMES } from './timer-names';

/**
 * The note's words at virtual time t (the bar is drawn only once the timer is set). A bracketed
 * timer (one running through a break of the compressed axis) ends by saying its length.
 */
export function timerNote(
  timer: TimerSpan,
  t: number,
  ended: boolean,
  compact = false,
  bracketed = false,
): string {
  const name = TIMER_SHORT_NAMES[timer.timer];
  if (!ended && t < timer.endAt) {
    const remaining = `${name} ${formatTime(timer.expiresAt - t)}`;
    // "left" where the margin has room for it; the shrinking bar says the same.
    return compact || remaining.length > 11 ? remaining : `${remaining} left`;
  }
  if (bracketed) return timerLength(timer);
  if (timer.outcome === 'fired') return `${name} fired`;
  if (timer.outcome === 'cancelled') return `${name} stopped`;
  if (timer.outcome === 'reset') return `${name} restarted`;
  return `${name} ${formatTime(timer.expiresAt - timer.setAt)}`;
}

/** The timer's planned length with its name: "TIME-WAIT 60 s", "RTO 2 s". */
export function timerLength(timer: TimerSpan): string {
  return `${TIMER_SHORT_NAMES[timer.timer]} ${formatTime(timer.expiresAt - timer.setAt)}`;
}
