/**
 * The four phases a connection's states fall into, for colour and shape: closed (no connection),
 * opening (the handshake, RFC 9293 §3.5), established, closing (§3.6).
 */
import type { TcpState } from '../../engine';

export type Phase = 'closed' | 'opening' | 'established' | 'closing';

const PHASES: Record<TcpState, Phase> = {
  CLOSED: 'closed',
  LISTEN: 'opening',
  'SYN-SENT': 'opening',
  'SYN-RECEIVED': 'opening',
  ESTABLISHED: 'established',
  'FIN-WAIT-1': 'closing',
  'FIN-WAIT-2': 'closing',
  'CLOSE-WAIT': 'closing',
  CLOSING: 'closing',
  'LAST-ACK': 'closing',
  'TIME-WAIT': 'closing',
};

export function phaseOf(state: TcpState): Phase {
  return PHASES[state];
}
