/**
 * An endpoint's state and last transition at a moment of the trace, as the state machine
 * figure shows it (an endpoint with no `state` event yet is CLOSED, RFC 9293 §3.3.2:
 * "CLOSED … represents no connection state at all").
 */
import type { TcpState } from '../../engine';
import type { StateEvent } from '../../sim/trace';

export interface EndpointMachine {
  readonly name: string;
  readonly state: TcpState;
  readonly last?: Pick<StateEvent, 'from' | 'to' | 'cause' | 't'>;
}
