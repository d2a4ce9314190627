/**
 * Hand-built traces shaped like the simulator's, for the wire tests to run on before and
 * besides the real presets: a textbook handshake with a request and a close, and a lost
 * SYN-ACK recovered by retransmission.
 */
import type { DropEvent, SendEvent, Trace, TraceOption } from '../../sim/trace';
import { bytesToHex } from '../hex';

const CLIENT = '10.0.0.1:49152';
const SERVER = '10.0.0.2:80';

type SendSpec = Pick<SendEvent, 't' | 'id' | 'from' | 'flags' | 'seq' | 'ack'> &
  Partial<Pick<SendEvent, 'win' | 'options' | 'retransmit' | 'original' | 'arrivesAt'>> & {
    readonly text?: string;
  };

export function send(spec: SendSpec): SendEvent {
  const fromClient = spec.from === 'client';
  const payload = new TextEncoder().encode(spec.text ?? '');
  const { text: _text, ...rest } = spec;
  return {
    type: 'send',
    to: fromClient ? 'server' : 'client',
    src: fromClient ? CLIENT : SERVER,
    dst: fromClient ? SERVER : CLIENT,
    len: payload.length,
    win: 502,
    options: [],
    retransmit: 0,
    payload: bytesToHex(payload),
    ...rest,
  };
}

const synOptions = (val: number, ecr: number): TraceOption[] => [
  { kind: 'mss', value: 1460 },
  { kind: 'sackOK' },
  { kind: 'ts', val, ecr },
  { kind: 'nop' },
  { kind: 'wscale', shift: 7 },
];
const ts = (val: number, ecr: number): TraceOption[] => [
  { kind: 'nop' },
  { kind: 'nop' },
  { kind: 'ts', val, ecr },
];

/** Handshake (ISNs 700 and 200), an 18-byte request, its ACK, then both FINs. 50 ms one way. */
export function handshakeTrace(): Trace {
  const sends: SendEvent[] = [
    send({
      t: 0,
      id: 1,
      from: 'client',
      flags: ['SYN'],
      seq: 700,
      ack: 0,
      win: 64240,
      options: synOptions(1, 0),
    }),
    send({
      t: 50,
      id: 2,
      from: 'server',
      flags: ['SYN', 'ACK'],
      seq: 200,
      ack: 701,
      win: 65160,
      options: synOptions(5, 1),
    }),
    send({
      t: 100,
      id: 3,
      from: 'client',
      flags: ['ACK'],
      seq: 701,
      ack: 201,
      options: ts(101, 5),
    }),
    send({
      t: 100,
      id: 4,
      from: 'client',
      flags: ['PSH', 'ACK'],
      seq: 701,
      ack: 201,
      options: ts(101, 5),
      text: 'GET / HTTP/1.1\r\n\r\n',
    }),
    send({
      t: 150,
      id: 5,
      from: 'server',
      flags: ['ACK'],
      seq: 201,
      ack: 719,
      options: ts(155, 101),
    }),
    send({
      t: 200,
      id: 6,
      from: 'client',
      flags: ['FIN', 'ACK'],
      seq: 719,
      ack: 201,
      options: ts(201, 155),
    }),
    send({
      t: 250,
      id: 7,
      from: 'server',
      flags: ['FIN', 'ACK'],
      seq: 201,
      ack: 720,
      options: ts(255, 201),
    }),
    send({
      t: 300,
      id: 8,
      from: 'client',
      flags: ['ACK'],
      seq: 720,
      ack: 202,
      options: ts(301, 255),
    }),
  ];
  return withDeliveries(sends, []);
}

/** The server's SYN-ACK is lost; both sides retransmit after 1 s and the handshake completes. */
export function lostSynAckTrace(): Trace {
  const sends: SendEvent[] = [
    send({
      t: 0,
      id: 1,
      from: 'client',
      flags: ['SYN'],
      seq: 700,
      ack: 0,
      win: 64240,
      options: synOptions(1, 0),
    }),
    send({
      t: 50,
      id: 2,
      from: 'server',
      flags: ['SYN', 'ACK'],
      seq: 200,
      ack: 701,
      win: 65160,
      options: synOptions(5, 1),
    }),
    send({
      t: 1000,
      id: 3,
      from: 'client',
      flags: ['SYN'],
      seq: 700,
      ack: 0,
      win: 64240,
      options: synOptions(1001, 0),
      retransmit: 1,
      original: 1,
    }),
    send({
      t: 1050,
      id: 4,
      from: 'server',
      flags: ['SYN', 'ACK'],
      seq: 200,
      ack: 701,
      win: 65160,
      options: synOptions(1055, 1001),
      retransmit: 1,
      original: 2,
    }),
    send({
      t: 1100,
      id: 5,
      from: 'client',
      flags: ['ACK'],
      seq: 701,
      ack: 201,
      options: ts(1101, 1055),
    }),
  ];
  return withDeliveries(sends, [{ t: 50, type: 'drop', id: 2, reason: 'loss' }]);
}

/** Adds arrivesAt and a deliver event 50 ms after each send that is not dropped, in time order. */
function withDeliveries(sends: readonly SendEvent[], drops: readonly DropEvent[]): Trace {
  const dropped = new Set(drops.map((d) => d.id));
  const events = [
    ...sends.map((s) => (dropped.has(s.id) ? s : { ...s, arrivesAt: s.t + 50 })),
    ...drops,
    ...sends
      .filter((s) => !dropped.has(s.id))
      .map((s) => ({ t: s.t + 50, type: 'deliver' as const, id: s.id })),
  ];
  // Deliveries before sends at the same instant: a reply is sent after its cause arrives.
  const rank = (type: string): number => (type === 'deliver' ? 0 : type === 'send' ? 1 : 2);
  return events.sort((a, b) => a.t - b.t || rank(a.type) - rank(b.type));
}
