/**
 * A small World for the store's tests, independent of the real simulator: a three-way handshake
 * relayed over a link whose one-way delay is the setting's, where a segment the user drops is sent
 * again one second after its send (as an RTO of 1 s would, RFC 6298 §2.1) and a link change
 * applies to segments sent from its moment on. It keeps the World promise the store relies on:
 * the past before an intervention is reproduced exactly.
 */
import type { FlagName } from '../../engine/types';
import type { SendEvent, TraceEvent } from '../../sim/trace';
import type { Intervention, RunResult, RunSettings, World } from '../world';

const RTO = 1000;
const STEPS: readonly {
  from: 'client' | 'server';
  flags: FlagName[];
  seq: number;
  ack: number;
}[] = [
  { from: 'client', flags: ['SYN'], seq: 700, ack: 0 },
  { from: 'server', flags: ['SYN', 'ACK'], seq: 200, ack: 701 },
  { from: 'client', flags: ['ACK'], seq: 701, ack: 201 },
];
const ADDRESS = { client: '10.0.0.1:49152', server: '10.0.0.2:80' };

function delayAt(settings: RunSettings, interventions: readonly Intervention[], t: number) {
  let delay = settings.delay;
  for (const i of interventions) if (i.kind === 'link' && i.at <= t) delay = i.link.delay ?? delay;
  return delay;
}

export function relayRun(settings: RunSettings, interventions: readonly Intervention[]): RunResult {
  const trace: TraceEvent[] = [
    { t: 0, type: 'state', endpoint: 'server', from: 'CLOSED', to: 'LISTEN', cause: 'listen' },
    { t: 0, type: 'state', endpoint: 'client', from: 'CLOSED', to: 'SYN-SENT', cause: 'connect' },
  ];
  let nextId = 1;
  let t = 0;
  for (const [index, step] of STEPS.entries()) {
    let original: number | undefined;
    for (let attempt = 0; ; attempt++) {
      const id = nextId++;
      const arrivesAt = t + delayAt(settings, interventions, t);
      const send: SendEvent = {
        t,
        type: 'send',
        id,
        from: step.from,
        to: step.from === 'client' ? 'server' : 'client',
        src: ADDRESS[step.from],
        dst: ADDRESS[step.from === 'client' ? 'server' : 'client'],
        flags: step.flags,
        seq: step.seq,
        ack: step.ack,
        len: 0,
        win: 64240,
        options: [],
        retransmit: attempt,
        ...(original !== undefined ? { original } : {}),
        payload: '',
        arrivesAt,
      };
      trace.push(send);
      trace.push({
        t,
        type: 'timer',
        endpoint: step.from,
        timer: 'retransmit',
        action: 'set',
        at: t + RTO,
      });
      original ??= id;
      const drop = interventions.find((i) => i.kind === 'drop' && i.id === id);
      if (drop && drop.at < arrivesAt) {
        trace.push({ t: drop.at, type: 'drop', id, reason: 'user' });
        t += RTO;
        trace.push({ t, type: 'timer', endpoint: step.from, timer: 'retransmit', action: 'fire' });
        continue;
      }
      trace.push({ t: arrivesAt, type: 'deliver', id });
      trace.push({
        t: arrivesAt,
        type: 'timer',
        endpoint: step.from,
        timer: 'retransmit',
        action: 'cancel',
      });
      t = arrivesAt;
      break;
    }
    const receiver = step.from === 'client' ? 'server' : 'client';
    if (index === 0) {
      trace.push({
        t,
        type: 'state',
        endpoint: receiver,
        from: 'LISTEN',
        to: 'SYN-RECEIVED',
        cause: 'rcv SYN',
      });
    } else if (index === 1) {
      trace.push({
        t,
        type: 'state',
        endpoint: 'client',
        from: 'SYN-SENT',
        to: 'ESTABLISHED',
        cause: 'rcv SYN-ACK',
      });
    } else {
      trace.push({
        t,
        type: 'state',
        endpoint: 'server',
        from: 'SYN-RECEIVED',
        to: 'ESTABLISHED',
        cause: 'rcv ACK',
      });
    }
  }
  trace.sort((a, b) => a.t - b.t);
  return {
    trace,
    stop: 'idle',
    endpoints: [
      { name: 'client', address: '10.0.0.1', port: 49152, profile: settings.profile },
      { name: 'server', address: '10.0.0.2', port: 80, profile: settings.profile },
    ],
    endTime: t,
  };
}

export const relayWorld: World = {
  presets: [
    { name: 'handshake', title: 'Three-way handshake', description: 'SYN, SYN-ACK, ACK.' },
    { name: 'slow-handshake', title: 'Slow handshake', description: 'The same over 300 ms.' },
  ],
  defaults: (preset) => ({
    preset,
    seed: 1,
    delay: preset === 'slow-handshake' ? 300 : 50,
    jitter: 0,
    loss: 0,
    profile: 'rfc',
    isn: 'textbook',
  }),
  run: relayRun,
};
