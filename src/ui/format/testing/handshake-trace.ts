/**
 * Hand-written trace fixtures for the explaining components' tests: a three-way handshake,
 * some data and a close, with the numbers textbooks use (client ISN 700, server ISN 200).
 */
import type { FlagName } from '../../../engine';
import type { SendEvent, Trace } from '../../../sim/trace';

export const CLIENT = '10.0.0.1:49152';
export const SERVER = '10.0.0.2:80';

/** A send event from client or server with sensible defaults for everything not given. */
export function send(
  id: number,
  from: 'client' | 'server',
  flags: readonly FlagName[],
  seq: number,
  ack: number,
  more: Partial<SendEvent> = {},
): SendEvent {
  const to = from === 'client' ? 'server' : 'client';
  return {
    type: 'send',
    t: more.t ?? id * 10,
    id,
    from,
    to,
    src: from === 'client' ? CLIENT : SERVER,
    dst: from === 'client' ? SERVER : CLIENT,
    flags,
    seq,
    ack,
    len: 0,
    win: 64240,
    options: [],
    retransmit: 0,
    payload: '',
    arrivesAt: (more.t ?? id * 10) + 5,
    ...more,
  };
}

/** "GET / HTTP/1.1\r\n\r\n" is 18 bytes, the classic first request. */
export const REQUEST_HEX = Array.from(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'), (b) =>
  b.toString(16).padStart(2, '0'),
).join('');

export const SYN = send(1, 'client', ['SYN'], 700, 0, {
  options: [{ kind: 'mss', value: 1460 }, { kind: 'sackOK' }, { kind: 'wscale', shift: 7 }],
});
export const SYN_ACK = send(2, 'server', ['SYN', 'ACK'], 200, 701, {
  options: [{ kind: 'mss', value: 1460 }, { kind: 'sackOK' }, { kind: 'wscale', shift: 7 }],
  win: 65160,
});
export const ACK = send(3, 'client', ['ACK'], 701, 201, { win: 502 });
export const DATA = send(4, 'client', ['PSH', 'ACK'], 701, 201, {
  len: 18,
  payload: REQUEST_HEX,
  win: 502,
});
export const FIN = send(5, 'client', ['FIN', 'ACK'], 719, 201, { win: 502 });

export const HANDSHAKE: Trace = [
  { type: 'call', t: 0, endpoint: 'server', call: 'listen', args: { port: 80 }, result: 'ok' },
  { type: 'call', t: 0, endpoint: 'client', call: 'connect', args: {}, result: 'ok' },
  SYN,
  {
    type: 'state',
    t: 10,
    endpoint: 'client',
    from: 'CLOSED',
    to: 'SYN-SENT',
    cause: 'active OPEN, send SYN (RFC 9293 §3.10.1)',
  },
  { type: 'deliver', t: 15, id: 1 },
  SYN_ACK,
  { type: 'deliver', t: 25, id: 2 },
  ACK,
  { type: 'deliver', t: 35, id: 3 },
  DATA,
  FIN,
];
