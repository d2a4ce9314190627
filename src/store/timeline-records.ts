/**
 * State changes and timer lives from the trace. As with segment journeys (timeline-spans.ts),
 * what a new run shares with the previous one (its first `shared` events, the very same
 * objects) is taken from the previous timeline, and only the rest is read.
 */
import type { TcpState } from '../engine';
import { timerConnection, type TimerEvent, type TraceEvent } from '../sim/trace';
import type { StateChange, Timeline, TimerSpan } from './timeline';

type StateIndexes = Pick<Timeline, 'states' | 'stateIndexes' | 'stateTimes' | 'initialStates'>;

export function buildStates(
  trace: readonly TraceEvent[],
  previous: StateIndexes | undefined,
  shared: number,
): StateIndexes {
  const states = new Map<string, StateChange[]>();
  const initialStates = new Map<string, TcpState>();
  if (previous && shared > 0) {
    for (const [name, list] of previous.states) {
      const indexes = previous.stateIndexes.get(name) as Int32Array;
      let count = 0;
      while (count < indexes.length && (indexes[count] as number) < shared) count++;
      if (count === 0) continue;
      states.set(name, list.slice(0, count));
      initialStates.set(name, (list[0] as StateChange).from);
    }
  }
  for (let index = shared; index < trace.length; index++) {
    const event = trace[index] as TraceEvent;
    if (event.type !== 'state') continue;
    let list = states.get(event.endpoint);
    if (!list) {
      list = [];
      states.set(event.endpoint, list);
      initialStates.set(event.endpoint, event.from);
    }
    list.push({ t: event.t, index, from: event.from, to: event.to, cause: event.cause });
  }
  const stateIndexes = new Map<string, Int32Array>();
  const stateTimes = new Map<string, Float64Array>();
  for (const [name, list] of states) {
    const indexes = new Int32Array(list.length);
    const times = new Float64Array(list.length);
    list.forEach((change, i) => {
      indexes[i] = change.index;
      times[i] = change.t;
    });
    stateIndexes.set(name, indexes);
    stateTimes.set(name, times);
  }
  return { states, stateIndexes, stateTimes, initialStates };
}

type OpenTimer = Omit<TimerSpan, 'endAt' | 'endIndex' | 'outcome'>;

/**
 * A timer's life, every one with the same fields in the same order: spans kept from the
 * previous timeline and new ones share one hidden class (a spread made another per origin, and
 * the readers deoptimized on each fork's first).
 */
function timerSpan(
  open: OpenTimer,
  endAt: number,
  endIndex: number,
  outcome: TimerSpan['outcome'],
): TimerSpan {
  const { endpoint, connection, timer, setAt, setIndex, expiresAt } = open;
  return { endpoint, connection, timer, setAt, setIndex, expiresAt, endAt, endIndex, outcome };
}

/**
 * Each connection's running timers, by name. The connection of a timer event (timerConnection)
 * is a string built from three fields; consecutive events of one endpoint mostly belong to the
 * same connection, so the last one per endpoint is remembered rather than built again.
 */
class RunningTimers {
  private readonly byConnection = new Map<string, Map<string, OpenTimer>>();
  private readonly recent = new Map<string, { local?: string; remote?: string; key: string }>();

  connectionOf(event: TimerEvent): string {
    const last = this.recent.get(event.endpoint);
    if (last && last.local === event.local && last.remote === event.remote) return last.key;
    const key = timerConnection(event);
    this.recent.set(event.endpoint, {
      ...(event.local === undefined ? {} : { local: event.local }),
      ...(event.remote === undefined ? {} : { remote: event.remote }),
      key,
    });
    return key;
  }

  timersOf(connection: string): Map<string, OpenTimer> {
    let timers = this.byConnection.get(connection);
    if (!timers) {
      timers = new Map();
      this.byConnection.set(connection, timers);
    }
    return timers;
  }

  *all(): Iterable<OpenTimer> {
    for (const timers of this.byConnection.values()) yield* timers.values();
  }
}

/** Timer lives by set order; those ended within the shared events are the previous run's. */
export function buildTimers(
  trace: readonly TraceEvent[],
  previous: readonly TimerSpan[],
  shared: number,
): TimerSpan[] {
  const running = new RunningTimers();
  const kept: TimerSpan[] = [];
  for (const timer of previous) {
    if (timer.setIndex >= shared) continue;
    if (timer.endIndex >= 0 && timer.endIndex < shared) {
      kept.push(timer);
      continue;
    }
    running.timersOf(timer.connection).set(timer.timer, timer);
  }
  const built: TimerSpan[] = [];
  for (let index = shared; index < trace.length; index++) {
    const event = trace[index] as TraceEvent;
    if (event.type !== 'timer') continue;
    const connection = running.connectionOf(event);
    const timers = running.timersOf(connection);
    const pending = timers.get(event.timer);
    if (pending) {
      const outcome =
        event.action === 'fire' ? 'fired' : event.action === 'cancel' ? 'cancelled' : 'reset';
      built.push(timerSpan(pending, event.t, index, outcome));
      timers.delete(event.timer);
    }
    if (event.action === 'set') {
      timers.set(event.timer, {
        endpoint: event.endpoint,
        connection,
        timer: event.timer,
        setAt: event.t,
        setIndex: index,
        expiresAt: event.at ?? event.t,
      });
    }
  }
  for (const pending of running.all()) {
    built.push(timerSpan(pending, pending.expiresAt, -1, 'pending'));
  }
  built.sort((a, b) => a.setIndex - b.setIndex);
  // A life still open where the runs part may have been set before a kept one: merge by set order.
  const out: TimerSpan[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < built.length) {
    const a = kept[i];
    const b = built[j];
    if (b === undefined || (a !== undefined && a.setIndex < b.setIndex)) {
      out.push(a as TimerSpan);
      i++;
    } else {
      out.push(b);
      j++;
    }
  }
  return out;
}
