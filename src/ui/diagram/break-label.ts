/** The words of a time-axis break's label: "⋯ 59.95 s ⋯", how long nothing was on the wire. */
import type { AxisBreak } from '../../store';
import { formatTime } from './geometry';

export function breakLabel(b: AxisBreak): string {
  return `⋯ ${formatTime(b.quiet)} ⋯`;
}
