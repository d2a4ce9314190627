/**
 * A layer-4 load balancer in NAT mode, as Linux IPVS runs one (LVS-NAT, ipvsadm -m): a
 * middlebox of the world like the firewall, with its own lane in the diagram.
 *
 * - Clients connect to its virtual address (VIP). A SYN without a table entry opens a flow:
 *   the scheduler picks a healthy backend (round robin, or a hash of the 4-tuple as IPVS's
 *   `sh`/`mh` schedulers do) and the connection table keeps every later segment of the flow
 *   on that backend.
 * - Inbound, the destination is rewritten to the backend (DNAT); the backends route their
 *   replies through the balancer (it is their gateway), which rewrites the source back to the
 *   VIP, so a client only ever sees the VIP. The checksums cover the addresses and are
 *   computed anew from the rewritten header (src/wire writes every frame from its addresses).
 * - Health checks are TCP probes from its internal address (keepalived's TCP_CHECK, HAProxy's
 *   `check`): a SYN every `interval`; a SYN-ACK is a success (answered with RST, so the
 *   backend keeps no half-open connection), an RST or no answer within `timeout` a failure.
 *   `fall` failures in a row mark a backend down, `rise` successes up again.
 * - A flow whose backend is marked down: its segments are dropped, as IPVS does by default
 *   (Documentation/networking/ipvs-sysctl.rst, expire_nodest_conn = 0: "the load balancer
 *   will silently drop packets when its destination server is not available"); a new SYN on
 *   it (a client's retry) drops the entry and is scheduled anew (conn_reuse_mode).
 *
 * Every decision is a `balancer` trace event saying which backend and why.
 */
import { hostSockets, ipFamily, mix32, seq, socketInfo, Flag, type Packet } from '../engine';
import { originalOfSend } from './first-transmissions';
import { roundTime } from './link';
import { sendPacket, settle } from './network';
import { sendEvent } from './send-record';
import type { Balancer, Outage } from './scenario';
import type { BalancerEvent, Rewrite } from './trace';
import { madeUpHostSyn } from './made-up-host';
import { createEndpoint, newFlight, type Flight, type World } from './world';

interface BackendHealth {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  up: boolean;
  /** Consecutive probe failures (while up) or successes (while down). */
  streak: number;
  /** False once a silent outage has taken the host off the network. */
  reachable: boolean;
}

interface Probe {
  readonly backend: string;
  settled: boolean;
}

export interface BalancerState {
  readonly spec: Balancer;
  /** The connection table: a client's "address:port" → its backend's name. */
  readonly flows: Map<string, string>;
  readonly backends: BackendHealth[];
  /** Round robin's place: the index of the next backend in turn. */
  next: number;
  /** Health-check probes by their source port. */
  readonly probes: Map<number, Probe>;
  nextProbePort: number;
  /** Retransmissions forwarded so far, by the id of the first forwarded copy. */
  readonly resent: Map<number, number>;
  /** The scenario's seed: a backend that dies comes back as a fresh host keyed from it. */
  readonly seed: number;
}

/** The balancer's own events on the world's queue. */
export type BalancerStep =
  /** A segment crossing the local network between the balancer and a backend arrives. */
  | { readonly what: 'arrive'; readonly flight: Flight }
  | { readonly what: 'probe'; readonly backend: string }
  | { readonly what: 'probe-timeout'; readonly port: number }
  | { readonly what: 'outage'; readonly outage: Outage };

/** Linux's ephemeral port range (ip_local_port_range): where the probes' source ports come from. */
const PROBE_PORTS = { first: 32768, last: 60999 };

export function createBalancer(world: World, spec: Balancer, seed: number): BalancerState {
  world.names.set(spec.address, spec.name);
  world.names.set(spec.internalAddress, spec.name);
  // It answers the clients from the servers' end of the link.
  world.sides.set(spec.name, 'server');
  const backends = spec.backends.map((name) => {
    const ep = world.endpoints.get(name);
    return {
      name,
      address: ep?.spec.address ?? '',
      port: ep?.spec.port ?? 0,
      up: true,
      streak: 0,
      reachable: true,
    };
  });
  for (const backend of backends) {
    world.queue.push(spec.health.interval, {
      kind: 'balancer',
      step: { what: 'probe', backend: backend.name },
    });
  }
  return {
    spec,
    flows: new Map(),
    backends,
    next: 0,
    probes: new Map(),
    nextProbePort: PROBE_PORTS.first,
    resent: new Map(),
    seed,
  };
}

export function scheduleOutage(world: World, outage: Outage): void {
  world.queue.push(outage.at, { kind: 'balancer', step: { what: 'outage', outage } });
}

/** An independent copy, for a world snapshot. */
export function copyBalancer(state: BalancerState): BalancerState {
  return {
    ...state,
    flows: new Map(state.flows),
    backends: state.backends.map((b) => ({ ...b })),
    probes: new Map([...state.probes].map(([port, p]) => [port, { ...p }])),
    resent: new Map(state.resent),
  };
}

export function handleBalancerStep(world: World, step: BalancerStep): void {
  const state = world.balancer;
  if (state === undefined) return;
  switch (step.what) {
    case 'arrive':
      return arriveFromBackend(world, state, step.flight);
    case 'probe':
      return probe(world, state, step.backend);
    case 'probe-timeout': {
      const p = state.probes.get(step.port);
      if (p && !p.settled) settleProbe(world, state, step.port, 'timeout');
      return;
    }
    case 'outage':
      return outage(world, state, step.outage);
  }
}

/**
 * A segment that reached the end of the link and is the balancer's: one for the virtual
 * address, or one for a backend that a silent outage took off the network. False: not its.
 */
export function balancerReceives(world: World, flight: Flight): boolean {
  const state = world.balancer;
  if (state === undefined) return false;
  const dst = flight.packet.dst;
  if (dst === state.spec.address) {
    inbound(world, state, flight);
    return true;
  }
  const backend = state.backends.find((b) => b.address === dst);
  if (backend !== undefined && !backend.reachable) {
    world.trace.push({ t: world.now, type: 'drop', id: flight.id, reason: 'unreachable' });
    return true;
  }
  return false;
}

/**
 * A backend's segment: every one goes to its gateway, the balancer, over the local network.
 * False when `from` is no backend (the segment takes the ordinary path).
 */
export function routesViaBalancer(
  world: World,
  from: string,
  packet: Packet,
  retransmit: number,
): boolean {
  const state = world.balancer;
  if (state === undefined || !state.spec.backends.includes(from)) return false;
  const healthCheck = packet.dst === state.spec.internalAddress;
  const flight = sendLocal(world, state, from, state.spec.name, packet, retransmit, {
    healthCheck,
  });
  world.queue.push(world.now + state.spec.delay, {
    kind: 'balancer',
    step: { what: 'arrive', flight },
  });
  return true;
}

/** The virtual address a client's connect() names, as the remote end it connects to. */
export function balancerAsRemote(
  world: World,
  name: string,
): { address: string; port: number } | undefined {
  const spec = world.balancer?.spec;
  return spec !== undefined && spec.name === name
    ? { address: spec.address, port: spec.port }
    : undefined;
}

// --- inbound: client → VIP → backend -----------------------------------------------------

function inbound(world: World, state: BalancerState, flight: Flight): void {
  const { spec, flows } = state;
  const packet = flight.packet;
  const s = packet.segment;
  const flow = `${packet.src}:${s.srcPort}`;
  const opens = (s.flags & (Flag.SYN | Flag.ACK | Flag.RST)) === Flag.SYN;
  if (s.dstPort !== spec.port) {
    return refuse(world, state, flight, flow, `no virtual service on port ${s.dstPort}`);
  }
  const current = flows.get(flow);
  const backend = current === undefined ? undefined : health(state, current);
  if (backend?.up) {
    // The connection table keeps the flow where it began, whatever the scheduler says now.
    world.trace.push({ t: world.now, type: 'deliver', id: flight.id });
    return forwardIn(world, state, flight, backend);
  }
  if (!opens) {
    const why =
      backend === undefined
        ? 'no table entry for this flow, and only a SYN opens one'
        : `its backend ${backend.name} is marked down: packets of its flows are dropped (IPVS expire_nodest_conn = 0)`;
    return refuse(world, state, flight, flow, why);
  }
  const choice = schedule(state, packet);
  if (choice === undefined) {
    return refuse(world, state, flight, flow, 'no backend is up: every health check failed');
  }
  flows.set(flow, choice.backend.name);
  world.trace.push({ t: world.now, type: 'deliver', id: flight.id });
  const why =
    backend === undefined
      ? choice.why
      : `its earlier backend ${backend.name} is marked down, so the table entry is dropped and the SYN scheduled anew: ${choice.why}`;
  record(world, {
    t: world.now,
    type: 'balancer',
    balancer: spec.name,
    action: 'assign',
    flow,
    backend: choice.backend.name,
    id: flight.id,
    why,
  });
  forwardIn(world, state, flight, choice.backend);
}

function health(state: BalancerState, name: string): BackendHealth | undefined {
  return state.backends.find((b) => b.name === name);
}

/** The scheduler's pick among the backends marked up, with the reason in words. */
function schedule(
  state: BalancerState,
  packet: Packet,
): { backend: BackendHealth; why: string } | undefined {
  const list = state.backends;
  const n = list.length;
  if (state.spec.schedule === 'hash') {
    const s = packet.segment;
    const tuple = `${packet.src}:${s.srcPort}-${packet.dst}:${s.dstPort}`;
    const home = hashTuple(tuple) % n;
    for (let k = 0; k < n; k++) {
      const b = list[(home + k) % n] as BackendHealth;
      if (!b.up) continue;
      const slot = `hash of the 4-tuple ${tuple} picks slot ${home} of ${n}`;
      return {
        backend: b,
        why:
          k === 0
            ? `${slot}: ${b.name}`
            : `${slot}, whose backend is down; the next up is ${b.name}`,
      };
    }
    return undefined;
  }
  const skipped: string[] = [];
  for (let k = 0; k < n; k++) {
    const index = (state.next + k) % n;
    const b = list[index] as BackendHealth;
    if (!b.up) {
      skipped.push(b.name);
      continue;
    }
    state.next = (index + 1) % n;
    const tail = skipped.length === 0 ? '' : ` (${skipped.join(', ')} marked down, skipped)`;
    return { backend: b, why: `round robin: ${b.name} is next in turn${tail}` };
  }
  return undefined;
}

/** A deterministic 32-bit hash of the flow's 4-tuple (IPVS hashes with jhash; any good mix serves). */
export function hashTuple(tuple: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < tuple.length; i++) h = mix32(h ^ tuple.charCodeAt(i));
  return h >>> 0;
}

function refuse(
  world: World,
  state: BalancerState,
  flight: Flight,
  flow: string,
  why: string,
): void {
  world.trace.push({ t: world.now, type: 'drop', id: flight.id, reason: 'balancer' });
  record(world, {
    t: world.now,
    type: 'balancer',
    balancer: state.spec.name,
    action: 'refuse',
    flow,
    id: flight.id,
    why,
  });
}

/** DNAT: the destination becomes the backend's address and port; the rest is untouched. */
function forwardIn(
  world: World,
  state: BalancerState,
  flight: Flight,
  backend: BackendHealth,
): void {
  const { packet } = flight;
  const out: Packet = {
    src: packet.src,
    dst: backend.address,
    segment: { ...packet.segment, dstPort: backend.port },
  };
  const retransmit = forwardedRetransmit(world, state, out, flight.retransmit ?? 0);
  const was = world.shared.labels.label(packet.dst, packet.segment.dstPort);
  const local = sendLocal(world, state, state.spec.name, backend.name, out, retransmit, {
    rewrite: { by: state.spec.name, field: 'dst', was, of: flight.id },
  });
  world.queue.push(world.now + state.spec.delay, {
    kind: 'deliver',
    flight: local,
    duplicate: false,
  });
}

// --- outbound: backend → balancer → client -----------------------------------------------

function arriveFromBackend(world: World, state: BalancerState, flight: Flight): void {
  // A flight the user dropped meanwhile is no longer in flight.
  if (flight.pending <= 0) return;
  settle(flight);
  const { packet } = flight;
  const s = packet.segment;
  if (packet.dst === state.spec.internalAddress) return probeAnswer(world, state, flight);
  const flow = `${packet.dst}:${s.dstPort}`;
  const backend = state.flows.get(flow);
  const from = state.backends.find((b) => b.address === packet.src && b.port === s.srcPort);
  if (backend === undefined || backend !== from?.name) {
    return refuse(
      world,
      state,
      flight,
      flow,
      'no table entry for this reply: no client flow was sent to its sender',
    );
  }
  world.trace.push({ t: world.now, type: 'deliver', id: flight.id });
  // SNAT of the reply: the source becomes the virtual address the client connected to.
  const out: Packet = {
    src: state.spec.address,
    dst: packet.dst,
    segment: { ...s, srcPort: state.spec.port },
  };
  const retransmit = forwardedRetransmit(world, state, out, flight.retransmit ?? 0);
  const index = world.trace.length;
  sendPacket(world, state.spec.name, out, retransmit);
  const sent = world.trace[index];
  if (sent?.type === 'send') {
    const was = world.shared.labels.label(packet.src, s.srcPort);
    world.trace[index] = {
      ...sent,
      rewrite: { by: state.spec.name, field: 'src', was, of: flight.id },
    };
  }
}

/**
 * A forwarded segment is a retransmission when its sender's was one and the balancer has
 * forwarded the same sequence space on this path before (a capture beside it sees it twice);
 * a retry the scheduler sends to another backend is a first transmission on its new path.
 */
function forwardedRetransmit(
  world: World,
  state: BalancerState,
  out: Packet,
  incoming: number,
): number {
  const name = state.spec.name;
  const original = originalOfSend(world.trace, world.shared.labels, name, out, incoming);
  if (original === undefined) return 0;
  const count = (state.resent.get(original) ?? 0) + 1;
  state.resent.set(original, count);
  return count;
}

// --- the local network between the balancer and its backends ------------------------------

interface LocalMarks {
  readonly rewrite?: Rewrite;
  readonly healthCheck?: boolean;
}

/**
 * A segment on the local network between the balancer and a backend: a fixed delay, no
 * loss and no random draw (the lab's link is the clients' path; this one is a data centre's).
 */
function sendLocal(
  world: World,
  state: BalancerState,
  from: string,
  to: string,
  packet: Packet,
  retransmit: number,
  marks: LocalMarks,
): Flight {
  const id = world.nextId++;
  const original = originalOfSend(world.trace, world.shared.labels, from, packet, retransmit);
  const sender = world.endpoints.get(from);
  if (sender && sender.iss === undefined && packet.segment.flags & Flag.SYN) {
    sender.iss = packet.segment.seq;
  }
  const arrivesAt = roundTime(world.now + state.spec.delay);
  const event = sendEvent(
    world.shared,
    packet,
    world.now,
    id,
    from,
    to,
    retransmit,
    original,
    world.hex.hex(packet.segment.payload),
    'arrives',
    arrivesAt,
  );
  world.trace.push({
    ...event,
    ...(marks.rewrite ? { rewrite: marks.rewrite } : {}),
    ...(marks.healthCheck ? { healthCheck: true } : {}),
  });
  return newFlight(id, packet, 1, retransmit, undefined, world.names.get(packet.dst));
}

// --- health checks ---------------------------------------------------------------------

function probe(world: World, state: BalancerState, name: string): void {
  const backend = health(state, name);
  if (backend === undefined) return;
  const { health: check, internalAddress } = state.spec;
  const port = state.nextProbePort;
  state.nextProbePort = port >= PROBE_PORTS.last ? PROBE_PORTS.first : port + 1;
  state.probes.set(port, { backend: name, settled: false });
  const host = madeUpHostSyn(ipFamily(internalAddress));
  const packet: Packet = {
    src: internalAddress,
    dst: backend.address,
    segment: {
      srcPort: port,
      dstPort: backend.port,
      // A probe's ISN from nothing but its port, so every run probes alike.
      seq: seq(mix32(port) >>> 0),
      ack: seq(0),
      flags: Flag.SYN,
      window: host.window,
      urgent: 0,
      // The balancer's own TCP, on the backends' Ethernet, in their address family.
      options: [{ kind: 'mss', value: host.mss }],
      payload: new Uint8Array(0),
    },
  };
  const flight = sendLocal(world, state, state.spec.name, name, packet, 0, { healthCheck: true });
  world.queue.push(world.now + state.spec.delay, { kind: 'deliver', flight, duplicate: false });
  world.queue.push(world.now + check.timeout, {
    kind: 'balancer',
    step: { what: 'probe-timeout', port },
  });
  world.queue.push(world.now + check.interval, {
    kind: 'balancer',
    step: { what: 'probe', backend: name },
  });
}

/** A backend's answer to a probe: SYN-ACK (up, and the balancer resets it) or RST (refused). */
function probeAnswer(world: World, state: BalancerState, flight: Flight): void {
  world.trace.push({ t: world.now, type: 'deliver', id: flight.id });
  const { packet } = flight;
  const s = packet.segment;
  const port = s.dstPort;
  const synAck = Flag.SYN | Flag.ACK;
  if ((s.flags & synAck) === synAck) {
    // The probe is done: an RST (seq = the SYN-ACK's ack, RFC 9293 §3.10.7.3) frees the
    // backend's half-open connection. A late SYN-ACK to a probe that timed out gets the same.
    const reset: Packet = {
      src: packet.dst,
      dst: packet.src,
      segment: {
        srcPort: port,
        dstPort: s.srcPort,
        seq: s.ack,
        ack: seq(0),
        flags: Flag.RST,
        window: 0,
        urgent: 0,
        options: [],
        payload: new Uint8Array(0),
      },
    };
    const to = world.names.get(packet.src) ?? packet.src;
    const rst = sendLocal(world, state, state.spec.name, to, reset, 0, { healthCheck: true });
    world.queue.push(world.now + state.spec.delay, {
      kind: 'deliver',
      flight: rst,
      duplicate: false,
    });
  }
  const p = state.probes.get(port);
  if (p === undefined || p.settled) return;
  if ((s.flags & synAck) === synAck) settleProbe(world, state, port, 'ok');
  else if (s.flags & Flag.RST) settleProbe(world, state, port, 'refused');
}

function settleProbe(
  world: World,
  state: BalancerState,
  port: number,
  result: 'ok' | 'refused' | 'timeout',
): void {
  const p = state.probes.get(port);
  const backend = p === undefined ? undefined : health(state, p.backend);
  if (p === undefined || backend === undefined) return;
  p.settled = true;
  state.probes.delete(port);
  const { fall, rise, timeout } = state.spec.health;
  const success = result === 'ok';
  // The streak counts what could change the backend's mark: failures while up, successes while down.
  backend.streak = success === backend.up ? 0 : backend.streak + 1;
  const words =
    result === 'ok'
      ? 'answered SYN-ACK: it accepts connections'
      : result === 'refused'
        ? 'answered RST: nothing listens on the port'
        : `no answer in the probe's ${timeout} ms timeout`;
  const needed = backend.up ? fall : rise;
  const progress =
    backend.streak === 0
      ? backend.up
        ? 'it stays up'
        : 'it stays down'
      : `${backend.streak} of ${needed} ${backend.up ? 'failures' : 'successes'} in a row`;
  record(world, {
    t: world.now,
    type: 'balancer',
    balancer: state.spec.name,
    action: 'probe',
    backend: backend.name,
    result,
    streak: backend.streak,
    why: `health check of ${backend.name}: ${words}; ${progress}`,
  });
  if (backend.streak < needed) return;
  backend.up = !backend.up;
  backend.streak = 0;
  record(world, {
    t: world.now,
    type: 'balancer',
    balancer: state.spec.name,
    action: 'health',
    backend: backend.name,
    health: backend.up ? 'up' : 'down',
    why: backend.up
      ? `${rise} health checks in a row succeeded: new flows may go to ${backend.name} again`
      : `${fall} health checks in a row failed: no new flow goes to ${backend.name}, and its flows' segments are dropped`,
  });
}

function record(world: World, event: BalancerEvent): void {
  world.trace.push(event);
}

// --- outages -----------------------------------------------------------------------------

/**
 * A backend dies. Its host's TCP state is gone either way; the runtime is replaced by a fresh
 * host at the same address with no socket. silent: it is off the network too, so nothing
 * reaches it. reset: it is up, but a closed port answers every segment with RST.
 */
function outage(world: World, state: BalancerState, o: Outage): void {
  const old = world.endpoints.get(o.endpoint);
  const backend = health(state, o.endpoint);
  if (old === undefined || backend === undefined) return;
  const sockets = hostSockets(old.host).flatMap((socket) => socketInfo(old.host, socket) ?? []);
  const lost = sockets
    .filter((info) => info.remotePort !== 0)
    .map((info) => `${info.remoteAddress}:${info.remotePort}`);
  world.trace.push({ t: world.now, type: 'outage', endpoint: o.endpoint, how: o.how, lost });
  const cause =
    o.how === 'silent'
      ? 'the host went down (outage): its TCP state is gone without a segment sent; CLOSED is no connection state at all (RFC 9293 §3.3.2)'
      : 'the service died (outage): the host dropped its TCP state, and a closed port answers with RST (RFC 9293 §3.3.2, §3.10.7.1)';
  for (const info of sockets) {
    if (info.state === 'CLOSED') continue;
    world.trace.push({
      t: world.now,
      type: 'state',
      endpoint: o.endpoint,
      from: info.state,
      to: 'CLOSED',
      cause: info.state === 'LISTEN' ? `${cause} (the listener too)` : cause,
    });
  }
  const fresh = createEndpoint(old.spec, state.seed, old.watching);
  if (old.iss !== undefined) fresh.iss = old.iss;
  world.endpoints.set(o.endpoint, fresh);
  if (o.how === 'silent') backend.reachable = false;
}
