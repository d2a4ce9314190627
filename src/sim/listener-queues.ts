/**
 * A listener's queues as the trace records them: after each step in which a host reported a
 * change to a listener's queues (the engine's `queues` output), every listener whose SYN queue
 * or accept queue differs from what the previous step left gets a `queue` event, placed first
 * among that step's events so the moment a viewer steps to (the step's last event) already
 * shows the queues as the step left them. The UI draws its queue gauges from these events alone.
 */
import type { Conn } from '../engine';
import type { QueueEvent } from './trace';
import type { EndpointRuntime, World } from './world';

/** The endpoint's listener's queues now (the event a change would record), if it listens. */
function queuesOf(world: World, name: string, ep: EndpointRuntime): QueueEvent | undefined {
  if (ep.listener === undefined) return undefined;
  const l = ep.host.sockets.get(ep.listener);
  if (l === undefined || l.kind !== 'listener') return undefined;
  const remote = (id: number) => {
    const c = ep.host.sockets.get(id) as Conn | undefined;
    return c === undefined
      ? '?'
      : world.shared.labels.label(c.tuple.remoteAddress, c.tuple.remotePort);
  };
  return {
    t: world.now,
    type: 'queue',
    endpoint: name,
    listener: world.shared.labels.label(ep.host.address, l.port),
    backlog: l.backlog,
    room: l.room,
    syn: l.synQueue.map(remote),
    accept: l.acceptQueue.map(remote),
  };
}

const same = (a: QueueEvent, b: QueueEvent) =>
  a.listener === b.listener &&
  a.backlog === b.backlog &&
  a.room === b.room &&
  a.syn.join() === b.syn.join() &&
  a.accept.join() === b.accept.join();

/**
 * After a step in which some host reported `queues`: records the queues that differ from what
 * the previous step left (EndpointRuntime.queues), ahead of the step's first event at `from` in
 * the trace. A new listener's queues are recorded once they hold an entry, so a run whose
 * listener never fills one is traced as before.
 */
export function recordQueueChanges(world: World, from: number): void {
  world.queuesChanged = false;
  const changed: QueueEvent[] = [];
  for (const [name, ep] of world.endpoints) {
    const now = queuesOf(world, name, ep);
    const was = ep.queues;
    ep.queues = now;
    if (now === undefined) continue;
    if (was ? !same(was, now) : now.syn.length + now.accept.length > 0) changed.push(now);
  }
  if (changed.length > 0) world.trace.splice(from, 0, ...changed);
}
