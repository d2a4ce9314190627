/**
 * The simulated world of one run: the hosts (one engine host per endpoint address), the link,
 * the event queue and virtual clock, and the trace being written. It lives only for the length
 * of one runScenario call.
 */
import {
  createHost,
  ipFamily,
  profileForFamily,
  profiles,
  type Host,
  type HostConfig,
  type Profile,
  type SocketId,
} from '../engine';
import { nthAddress } from './address-range';
import { linuxHost } from './linux-sysctls';
import { FaultBook } from './faults';
import { HexTable } from './hex';
import { EndpointLabels, OptionLists, type SharedParts } from './send-record';
import { createLinkState, type LinkState } from './link';
import { EventQueue } from './queue';
import { deriveSeed, namedStream } from './rng';
import type {
  Direction,
  FirewallRule,
  Injection,
  Scenario,
  ScenarioCall,
  ScenarioEndpoint,
  Side,
  TimedCall,
  Trigger,
  TriggerEvent,
} from './scenario';
import type { Intervention } from './run-types';
import {
  createBalancer,
  scheduleOutage,
  type BalancerState,
  type BalancerStep,
} from './load-balancer';
import type { DropReason, QueueEvent, TraceEvent } from './trace';
import type { Packet } from '../engine';

/**
 * A segment on the link, from send to its last delivery or drop. It is in flight while a
 * delivery of it is due (`pending` > 0); only queued events hold it (see inFlight).
 */
export interface Flight {
  readonly id: number;
  readonly packet: Packet;
  /** Deliveries still due (the original and perhaps a copy); 0 once it is lost or dropped. */
  pending: number;
  /** The sender's retransmission count (a middlebox that forwards it keeps the count). */
  readonly retransmit: number | undefined;
  /** Its payload's hex as its send event has it, when the world's own link carries it. */
  readonly payload: string | undefined;
  /**
   * The endpoint or spoofed source its destination address belongs to (World's `names`,
   * fixed when the world is made), looked up once at its send: a delivery then finds its
   * receiver by one map lookup, not two.
   */
  readonly receiver: string | undefined;
}

/** The event of a flight's first (or only) delivery, not a copy's. */
export type FirstDelivery = Flight & {
  readonly kind: 'deliver';
  readonly flight: Flight;
  readonly duplicate: false;
};

/**
 * A flight, every one with the same fields in the same order (absent ones undefined): flights
 * made by the link, a middlebox and a snapshot's copy share one hidden class, so the code a run
 * optimized for its flights does not deoptimize on a resumed run's (a spread copy had another).
 * A flight is also the event of its first delivery (see FirstDelivery): a send queues one
 * object, not a flight and an event that holds it (24 of the bytes a segment allocated, and
 * one allocation of three). A copy's delivery is an event of its own.
 */
export function newFlight(
  id: number,
  packet: Packet,
  pending: number,
  retransmit: number | undefined,
  payload: string | undefined,
  receiver: string | undefined,
): FirstDelivery {
  const flight = {
    kind: 'deliver' as const,
    flight: undefined as unknown as Flight,
    duplicate: false as const,
    id,
    packet,
    pending,
    retransmit,
    payload,
    receiver,
  };
  flight.flight = flight;
  return flight;
}

export type WorldEvent =
  | { readonly kind: 'deliver'; readonly flight: Flight; readonly duplicate: boolean }
  | {
      readonly kind: 'drop';
      readonly flight: Flight;
      readonly reason: DropReason;
      /** For a firewall's drop, the rule that matched (describeRule). */
      readonly rule: string | undefined;
    }
  | {
      readonly kind: 'forge';
      readonly packet: Packet;
      readonly from: string;
      readonly transit: number;
    }
  /** The endpoint's host armed a timer for this time: it may have work then. */
  | { readonly kind: 'wake'; readonly endpoint: string }
  | { readonly kind: 'call'; readonly endpoint: string; readonly call: ScenarioCall }
  | { readonly kind: 'inject'; readonly injection: Injection; readonly index: number }
  | { readonly kind: 'intervention'; readonly intervention: Intervention }
  /** The load balancer's own work: a segment from a backend, a health check, an outage. */
  | { readonly kind: 'balancer'; readonly step: BalancerStep };

/** One endpoint's engine host and what its application knows about its sockets. */
export interface EndpointRuntime {
  readonly spec: ScenarioEndpoint;
  readonly host: Host;
  listener: SocketId | undefined;
  /** Connected or accepted sockets, oldest first. */
  readonly connections: SocketId[];
  /** Remote address of each connection. */
  readonly peers: Map<SocketId, string>;
  /** Each socket's ends as its timers' trace events name them (kept after it is deleted). */
  readonly socketEnds: Map<SocketId, { readonly local: string; readonly remote: string }>;
  /** Sockets whose connect() has not completed yet, with the call's trace arguments. */
  readonly pendingConnects: Map<SocketId, Readonly<Record<string, string>>>;
  /** How often each application event that an `after` trigger waits for has happened. */
  readonly eventCounts: Map<TriggerEvent, number>;
  /**
   * The calls waiting for this endpoint's events, by event; undefined when none does (fixed
   * when the world is made, shared by its snapshots): an application event asks its own
   * endpoint, not a world-wide map by endpoint name first.
   */
  readonly watching: Watching | undefined;
  /** The profile's send buffer size, in bytes. */
  readonly sendBuffer: number;
  /** Bytes a send() could not hand over yet (send buffer full), by socket, written as room frees. */
  readonly unsent: Map<SocketId, Uint8Array>;
  /** Calls made while a socket's send() was still blocked: they run once its bytes are handed over. */
  readonly deferred: Map<SocketId, ScenarioCall[]>;
  /**
   * The host said `writable` or changed a socket's state since the blocked writers were last
   * checked: only then can one of them wake (see flushUnsent).
   */
  writerMayWake: boolean;
  /** accept() calls still waiting for a connection (an application that accepts by itself). */
  pendingAccepts: number;
  /**
   * What happened to connections in the accept queue before the application accepted them:
   * bytes became readable, the peer's FIN arrived. The application learns of it once it holds
   * the socket, as a program reads only from a socket accept() gave it.
   */
  readonly beforeAccept: Map<SocketId, { readable: boolean; eof: boolean }>;
  /** ISS of the first SYN or SYN-ACK this endpoint sent. */
  iss: number | undefined;
  /** Its listener's queues as the last step that changed them left them (listener-queues.ts). */
  queues: QueueEvent | undefined;
}

export interface Watcher {
  readonly trigger: Trigger;
  readonly call: TimedCall;
}

/** The calls waiting for one endpoint's events, by event. */
export type Watching = ReadonlyMap<TriggerEvent, readonly Watcher[]>;

export interface World {
  now: number;
  readonly trace: TraceEvent[];
  readonly queue: EventQueue<WorldEvent>;
  readonly endpoints: Map<string, EndpointRuntime>;
  /** Address → name of the endpoint or spoofed source that owns it. */
  readonly names: Map<string, string>;
  readonly sides: Map<string, Side>;
  readonly links: Record<Direction, LinkState>;
  readonly faults: FaultBook;
  readonly firewall: readonly FirewallRule[];
  /** Shared "address:port" strings and option lists for send events. */
  readonly shared: SharedParts;
  nextId: number;
  readonly spoofed: { name: string; address: string; port: number }[];
  /** Shared hex strings of the payloads seen in this run (see hex.ts). */
  readonly hex: HexTable;
  /** A host reported `queues` during the current step (listener-queues.ts). */
  queuesChanged: boolean;
  /** The scenario's load balancer, a middlebox between the clients and its backends. */
  balancer: BalancerState | undefined;
}

/** The engine profile for an endpoint: its named profile with the scenario's option toggles. */
export function endpointProfile(spec: ScenarioEndpoint): Profile {
  // A linux endpoint runs the profile its sysctls derive (a Linux 6.x kernel's by default).
  const named = spec.profile === 'linux' ? linuxHost(spec.sysctls).profile : profiles[spec.profile];
  // The profile's MSS is an IPv4 host's; over IPv6 the longer header leaves 20 bytes less.
  const base = profileForFamily(named, ipFamily(spec.address));
  const o = spec.options;
  return {
    ...base,
    ...(o.mss === undefined ? {} : { mss: o.mss }),
    ...(o.wscale === undefined ? {} : { windowScale: o.wscale === false ? null : o.wscale }),
    ...(o.sack === undefined ? {} : { sackPermitted: o.sack }),
    ...(o.timestamps === undefined ? {} : { timestamps: o.timestamps }),
    ...(o.fastOpen === undefined ? {} : { fastOpen: o.fastOpen }),
  };
}

/** When the endpoint answers with SYN cookies and the largest backlog it grants. */
function endpointListens(spec: ScenarioEndpoint): Pick<HostConfig, 'synCookies' | 'maxBacklog'> {
  if (spec.profile !== 'linux') return { synCookies: spec.synCookies ? 'on-overflow' : 'never' };
  const host = linuxHost(spec.sysctls);
  return { synCookies: host.synCookies, maxBacklog: host.maxBacklog };
}

export function createEndpoint(
  spec: ScenarioEndpoint,
  seed: number,
  watching: Watching | undefined,
): EndpointRuntime {
  const profile = endpointProfile(spec);
  const host = createHost({
    address: spec.address,
    profile,
    // A random ISN uses the RFC 9293 §3.4.1 generator keyed from the scenario seed.
    isn:
      spec.isn === 'random'
        ? { mode: 'rfc', key: deriveSeed(seed, `isn:${spec.name}`) }
        : { mode: 'fixed', value: spec.isn },
    ...endpointListens(spec),
  });
  return endpointLaidOut({
    spec,
    host,
    sendBuffer: profile.sendBuffer,
    connections: [],
    peers: new Map(),
    socketEnds: new Map(),
    unsent: new Map(),
    deferred: new Map(),
    writerMayWake: false,
    pendingConnects: new Map(),
    eventCounts: new Map(),
    watching,
    pendingAccepts: 0,
    beforeAccept: new Map(),
    listener: undefined,
    iss: undefined,
    queues: undefined,
  });
}

/**
 * An endpoint's fields in the one order every endpoint has them, each in the object itself:
 * fresh endpoints and snapshot copies share one hidden class, so the code a run optimized for
 * its endpoints runs on a snapshot's as fast (a spread copy kept most fields in a side array).
 */
export function endpointLaidOut(ep: EndpointRuntime): EndpointRuntime {
  return {
    spec: ep.spec,
    host: ep.host,
    listener: ep.listener,
    connections: ep.connections,
    peers: ep.peers,
    socketEnds: ep.socketEnds,
    pendingConnects: ep.pendingConnects,
    eventCounts: ep.eventCounts,
    watching: ep.watching,
    sendBuffer: ep.sendBuffer,
    unsent: ep.unsent,
    deferred: ep.deferred,
    writerMayWake: ep.writerMayWake,
    pendingAccepts: ep.pendingAccepts,
    beforeAccept: ep.beforeAccept,
    iss: ep.iss,
    queues: ep.queues,
  };
}

export function createWorld(scenario: Scenario, interventions: readonly Intervention[]): World {
  const world: World = worldLaidOut({
    now: 0,
    trace: [],
    queue: new EventQueue<WorldEvent>(),
    endpoints: new Map(),
    names: new Map(),
    sides: new Map(),
    links: {
      c2s: createLinkState(scenario.link.c2s, namedStream(scenario.seed, 'link:c2s')),
      s2c: createLinkState(scenario.link.s2c, namedStream(scenario.seed, 'link:s2c')),
    },
    faults: new FaultBook(scenario.faults),
    firewall: scenario.firewall,
    shared: { labels: new EndpointLabels(), options: new OptionLists() },
    nextId: 1,
    spoofed: [],
    hex: new HexTable(),
    queuesChanged: false,
    balancer: undefined,
  });
  const watching = watchersOf(scenario.calls);
  for (const spec of scenario.endpoints) {
    world.endpoints.set(spec.name, createEndpoint(spec, scenario.seed, watching.get(spec.name)));
    world.names.set(spec.address, spec.name);
    world.sides.set(spec.name, spec.side);
  }
  if (scenario.balancer) {
    world.balancer = createBalancer(world, scenario.balancer, scenario.seed);
    for (const outage of scenario.outages ?? []) scheduleOutage(world, outage);
  }
  for (const injection of scenario.inject) {
    // Spoofed sources sit on the side opposite their target.
    const target = world.sides.get(injection.to);
    world.sides.set(injection.name, target === 'server' ? 'client' : 'server');
    world.spoofed.push({
      name: injection.name,
      address: injection.fromAddress,
      port: injection.fromPort,
    });
    for (let k = 0; k < injection.count; k++) {
      world.names.set(spoofedAddress(injection.fromAddress, k), injection.name);
    }
    world.queue.push(injection.at, { kind: 'inject', injection, index: 0 });
  }
  // Interventions go first among events at the same instant (rank 0) and take no ordering
  // slot from ordinary events, so the run before each `at` is unchanged.
  for (const intervention of interventions) scheduleIntervention(world, intervention);
  for (const call of scenario.calls) {
    if (!call.after)
      world.queue.push(call.at ?? 0, { kind: 'call', endpoint: call.endpoint, call });
  }
  return world;
}

/** The calls that wait for an endpoint event (`after`), by endpoint name, then event. */
function watchersOf(calls: readonly TimedCall[]): Map<string, Map<TriggerEvent, Watcher[]>> {
  const byEndpoint = new Map<string, Map<TriggerEvent, Watcher[]>>();
  for (const call of calls) {
    if (!call.after) continue;
    const { endpoint, event } = call.after;
    let byEvent = byEndpoint.get(endpoint);
    if (byEvent === undefined) {
      byEvent = new Map();
      byEndpoint.set(endpoint, byEvent);
    }
    const list = byEvent.get(event) ?? [];
    list.push({ trigger: call.after, call });
    byEvent.set(event, list);
  }
  return byEndpoint;
}

/**
 * The world's fields in the one order every world has them, each in the object itself: a fresh
 * world and a snapshot's copy share one hidden class (see endpointLaidOut).
 */
export function worldLaidOut(w: World): World {
  return {
    now: w.now,
    trace: w.trace,
    queue: w.queue,
    endpoints: w.endpoints,
    names: w.names,
    sides: w.sides,
    links: w.links,
    faults: w.faults,
    firewall: w.firewall,
    shared: w.shared,
    nextId: w.nextId,
    spoofed: w.spoofed,
    hex: w.hex,
    queuesChanged: w.queuesChanged,
    balancer: w.balancer,
  };
}

/** Interventions go first among events at the same instant (rank 0). */
export function scheduleIntervention(world: World, intervention: Intervention): void {
  world.queue.push(intervention.at, { kind: 'intervention', intervention }, 0);
}

/** The k-th spoofed source after `base` (10.0.0.1, 10.0.0.2, ...), in the base's family. */
export const spoofedAddress = nthAddress;

/**
 * The flight of segment `id` while a delivery of it is due. Only a user's drop asks, so the
 * queued events are searched (a few hundred at most) rather than every send keeping a map
 * entry of its own.
 */
export function inFlight(world: World, id: number): Flight | undefined {
  const item = world.queue.find((e) => {
    const flight = deliveredFlight(e);
    return flight !== undefined && flight.id === id && flight.pending > 0;
  });
  return item === undefined ? undefined : deliveredFlight(item);
}

/** The flight an event delivers (to an endpoint, or from a backend to the balancer), if any. */
function deliveredFlight(event: WorldEvent): Flight | undefined {
  if (event.kind === 'deliver') return event.flight;
  if (event.kind === 'balancer' && event.step.what === 'arrive') return event.step.flight;
  return undefined;
}

/** The link direction a packet from `sender` travels. */
export function directionOf(world: World, sender: string): Direction {
  return world.sides.get(sender) === 'server' ? 's2c' : 'c2s';
}
