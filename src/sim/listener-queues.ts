/**
 * A listener's queues as the trace records them: after each step, every listener whose SYN queue
 * or accept queue changed gets a `queue` event, placed first among that step's events so the
 * moment a viewer steps to (the step's last event) already shows the queues as the step left
 * them. The UI draws its queue gauges from these events alone.
 */
import type { Conn } from '../engine';
import type { QueueEvent } from './trace';
import type { World } from './world';

/** Each listening endpoint's queues now, by endpoint name (the events a change would record). */
export function listenerQueues(world: World): Map<string, QueueEvent> {
  const found = new Map<string, QueueEvent>();
  for (const [name, ep] of world.endpoints) {
    if (ep.listener === undefined) continue;
    const l = ep.host.sockets.get(ep.listener);
    if (l === undefined || l.kind !== 'listener') continue;
    const remote = (id: number) => {
      const c = ep.host.sockets.get(id) as Conn | undefined;
      return c === undefined
        ? '?'
        : world.shared.labels.label(c.tuple.remoteAddress, c.tuple.remotePort);
    };
    found.set(name, {
      t: world.now,
      type: 'queue',
      endpoint: name,
      listener: world.shared.labels.label(ep.host.address, l.port),
      backlog: l.backlog,
      syn: l.synQueue.map(remote),
      accept: l.acceptQueue.map(remote),
    });
  }
  return found;
}

const same = (a: QueueEvent, b: QueueEvent) =>
  a.listener === b.listener &&
  a.backlog === b.backlog &&
  a.syn.join() === b.syn.join() &&
  a.accept.join() === b.accept.join();

/**
 * Records the queues that differ from `before` (taken before the step), ahead of the step's
 * first event at `from` in the trace. A new listener's queues are recorded once they hold an
 * entry, so a run whose listener never fills one is traced as before.
 */
export function recordQueueChanges(
  world: World,
  before: ReadonlyMap<string, QueueEvent>,
  from: number,
): void {
  const changed: QueueEvent[] = [];
  for (const [name, now] of listenerQueues(world)) {
    const was = before.get(name);
    if (was ? !same(was, now) : now.syn.length + now.accept.length > 0) changed.push(now);
  }
  if (changed.length > 0) world.trace.splice(from, 0, ...changed);
}
