/**
 * Each timer's name as a person reads it, where the narration and the lessons' questions name
 * it: "the client starts its retransmission timer".
 */
import type { TimerEvent } from '../sim/trace';

export const TIMER_NAMES: Readonly<Record<TimerEvent['timer'], string>> = {
  retransmit: 'retransmission timer',
  'loss-probe': 'tail-loss probe timer',
  'time-wait': 'TIME-WAIT timer',
  'delayed-ack': 'delayed-ACK timer',
  'fin-wait-2': 'FIN-WAIT-2 timer',
  persist: 'persist timer',
  keepalive: 'keep-alive timer',
};
