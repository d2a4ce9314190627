/**
 * Each endpoint's state and last transition at a moment of the trace, from its `state` events
 * (an endpoint with none yet is CLOSED, RFC 9293 §3.3.2: "CLOSED … represents no connection
 * state at all").
 */
import type { TcpState } from '../../engine/types';
import type { StateEvent, Trace } from '../../sim/trace';

export interface EndpointMachine {
  readonly name: string;
  readonly state: TcpState;
  readonly last?: Pick<StateEvent, 'from' | 'to' | 'cause' | 't'>;
}

/** Endpoints by name (client before server); states as of event `index` (inclusive). */
export function machinesAt(trace: Trace, index: number): EndpointMachine[] {
  const order: string[] = [];
  const last = new Map<string, StateEvent>();
  const note = (name: string) => {
    if (!order.includes(name)) order.push(name);
  };
  trace.forEach((e, i) => {
    if (e.type === 'send') {
      note(e.from);
      note(e.to);
    } else if ('endpoint' in e) {
      note(e.endpoint);
    }
    if (i <= index && e.type === 'state') last.set(e.endpoint, e);
  });
  return [...order].sort().map((name) => {
    const e = last.get(name);
    if (e === undefined) return { name, state: 'CLOSED' };
    return { name, state: e.to, last: { from: e.from, to: e.to, cause: e.cause, t: e.t } };
  });
}
