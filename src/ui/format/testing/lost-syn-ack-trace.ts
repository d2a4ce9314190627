/**
 * A lost SYN-ACK, by hand: the server's SYN-ACK is dropped, its SYN-ACK timer fires after 1 s
 * and it resends with a doubled timeout; meanwhile nothing else changes. Times in ms.
 */
import type { Trace } from '../../../sim/trace';
import { SYN, SYN_ACK, send } from './handshake-trace';

export const RESENT_SYN_ACK = send(3, 'server', ['SYN', 'ACK'], 200, 701, {
  t: 1025,
  retransmit: 1,
  original: 2,
});

export const LOST_SYN_ACK: Trace = [
  SYN,
  { type: 'deliver', t: 15, id: 1 },
  {
    type: 'state',
    t: 15,
    endpoint: 'server',
    from: 'LISTEN',
    to: 'SYN-RECEIVED',
    cause: 'rcv SYN (RFC 9293 §3.10.7.2)',
  },
  SYN_ACK,
  { type: 'timer', t: 25, endpoint: 'server', timer: 'retransmit', action: 'set', at: 1025 },
  { type: 'drop', t: 27, id: 2, reason: 'loss' },
  { type: 'timer', t: 1025, endpoint: 'server', timer: 'retransmit', action: 'fire' },
  RESENT_SYN_ACK,
  { type: 'timer', t: 1025, endpoint: 'server', timer: 'retransmit', action: 'set', at: 3025 },
  { type: 'deliver', t: 1030, id: 3 },
];
