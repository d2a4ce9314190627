import type { TimerName } from '../../sim/trace';

/** How the diagram names each timer beside a lifeline. */
export const TIMER_SHORT_NAMES: Record<TimerName, string> = {
  retransmit: 'RTO',
  'loss-probe': 'TLP',
  'time-wait': 'TIME-WAIT',
  'delayed-ack': 'Delayed ACK',
  'fin-wait-2': 'FIN-WAIT-2',
  persist: 'Persist',
  keepalive: 'Keep-alive',
};
