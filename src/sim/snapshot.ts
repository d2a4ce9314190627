/**
 * Snapshots of a world (DESIGN.md, "One run"): the hosts, the link's random streams and
 * state, the event queue and everything the application model keeps, copied so that the run
 * and the copy go their own ways. The trace is append-only, so a snapshot keeps only its
 * length. Memo tables that only share equal strings (hex, labels, option lists) are shared.
 */
import { snapshotHost, type SocketId } from '../engine';
import type { ScenarioCall } from './scenario';
import { createLinkState, type LinkState } from './link';
import { copyBalancer } from './load-balancer';
import {
  endpointLaidOut,
  newFlight,
  worldLaidOut,
  type EndpointRuntime,
  type FirstDelivery,
  type Flight,
  type World,
  type WorldEvent,
} from './world';

export interface WorldSnapshot {
  readonly world: World;
  /** How many trace events had been written. */
  readonly tracePosition: number;
  /** Steps taken so far (the step budget counts them). */
  readonly steps: number;
  /** Time of the last event handled: the snapshot serves interventions after it. */
  readonly handledUpTo: number;
}

/** A copy of `world` whose trace is `trace` (the caller's copy of the prefix). */
export function copyWorld(world: World, trace: World['trace']): World {
  const flights = new Map<Flight, Flight>();
  const flight = (f: Flight): Flight => {
    let c = flights.get(f);
    if (c === undefined) {
      c = newFlight(f.id, f.packet, f.pending, f.retransmit, f.payload, f.receiver);
      flights.set(f, c);
    }
    return c;
  };
  const endpoints = new Map<string, EndpointRuntime>();
  for (const [name, ep] of world.endpoints) endpoints.set(name, copyEndpoint(ep));
  return worldLaidOut({
    ...world,
    trace,
    queue: world.queue.copy((item) => copyEvent(item, flight)),
    endpoints,
    links: { c2s: copyLink(world.links.c2s), s2c: copyLink(world.links.s2c) },
    faults: world.faults.copy(),
    balancer: world.balancer === undefined ? undefined : copyBalancer(world.balancer),
  });
}

/**
 * Copies list their fields as the events made in a run do (see newFlight): a flight's first
 * delivery is the flight itself there, so it is the copied flight here too (an event of three
 * fields in its place met the resumed run's code with a class it had never seen).
 */
function copyEvent(item: WorldEvent, flight: (f: Flight) => Flight): WorldEvent {
  if (item.kind === 'deliver') {
    const event: object = item;
    if (item.flight === event) return flight(item.flight) as FirstDelivery;
    return { kind: 'deliver', flight: flight(item.flight), duplicate: item.duplicate };
  }
  if (item.kind === 'drop')
    return { kind: 'drop', flight: flight(item.flight), reason: item.reason, rule: item.rule };
  if (item.kind === 'balancer' && item.step.what === 'arrive') {
    return { ...item, step: { ...item.step, flight: flight(item.step.flight) } };
  }
  return item;
}

function copyLink(link: LinkState): LinkState {
  const copy = createLinkState(link.settings, link.random.copy());
  copy.lastArrival = link.lastArrival;
  copy.busyUntil = link.busyUntil;
  return copy;
}

function copyEndpoint(ep: EndpointRuntime): EndpointRuntime {
  const deferred = new Map<SocketId, ScenarioCall[]>();
  for (const [socket, calls] of ep.deferred) deferred.set(socket, [...calls]);
  return endpointLaidOut({
    ...ep,
    host: snapshotHost(ep.host),
    connections: [...ep.connections],
    peers: new Map(ep.peers),
    socketEnds: new Map(ep.socketEnds),
    pendingConnects: new Map(ep.pendingConnects),
    eventCounts: new Map(ep.eventCounts),
    beforeAccept: new Map([...ep.beforeAccept].map(([id, seen]) => [id, { ...seen }])),
    unsent: new Map(ep.unsent),
    deferred,
  });
}
