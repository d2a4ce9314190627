/**
 * The RFC 9293 Figure 5 state machine fed from the store (loaded lazily: it is below the first
 * view). Each endpoint's state and last transition come from the timeline's indexes, a binary
 * search per endpoint rather than a scan of the trace.
 */
import { useMemo } from 'react';
import type { LabState } from '../../store';
import { lastStateChange, stateAt, useLab } from '../../store';
import { StateMachine } from '../statemachine/StateMachine';
import type { EndpointMachine } from '../statemachine/states-at';
import { keepsNoTcpState } from '../format/stateless-endpoint';

const selectTimeline = (s: LabState) => s.timeline;
const selectCursor = (s: LabState) => s.cursor;

export default function ConnectedStateMachine() {
  const timeline = useLab(selectTimeline);
  const cursor = useLab(selectCursor);
  const machines = useMemo<EndpointMachine[]>(
    () =>
      timeline.endpoints
        .filter((endpoint) => !keepsNoTcpState(endpoint.profile))
        .map((endpoint) => {
          const change = lastStateChange(timeline, endpoint.name, cursor);
          const state = stateAt(timeline, endpoint.name, cursor);
          return change
            ? {
                name: endpoint.name,
                state,
                last: { from: change.from, to: change.to, cause: change.cause, t: change.t },
              }
            : { name: endpoint.name, state };
        }),
    [timeline, cursor],
  );
  return <StateMachine machines={machines} />;
}
