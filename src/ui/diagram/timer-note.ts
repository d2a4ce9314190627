import type { TimerSpan } from '../../store';
import { formatTime } from './geometry';
import { TIMER_SHORT_NAMES } from './timer-names';

/** The note's words at virtual time t (the bar is drawn only once the timer is set). */
export function timerNote(timer: TimerSpan, t: number, ended: boolean, compact = false): string {
  const name = TIMER_SHORT_NAMES[timer.timer];
  if (!ended && t < timer.endAt) {
    const remaining = `${name} ${formatTime(timer.expiresAt - t)}`;
    // "left" where the margin has room for it; the shrinking bar says the same.
    return compact || remaining.length > 11 ? remaining : `${remaining} left`;
  }
  if (timer.outcome === 'fired') return `${name} fired`;
  if (timer.outcome === 'cancelled') return `${name} stopped`;
  if (timer.outcome === 'reset') return `${name} restarted`;
  return `${name} ${formatTime(timer.expiresAt - timer.setAt)}`;
}
