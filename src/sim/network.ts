/**
 * The path of a segment: from the sender through faults, the link and the firewall to its
 * delivery, duplication or drop, each written to the trace. A lost segment vanishes half-way
 * along the link (its `drop` event is timed there, so a diagram can show where it died).
 */
import { Flag, type CongestionNote, type Packet } from '../engine';
import { describeRule, firewallVerdict, forgedReset } from './firewall';
import { roundTime, transmit, wireSize } from './link';
import { originalOfSend } from './first-transmissions';
import { flagList, sendEvent, type SendEnd } from './send-record';
import type { DropReason, SendEvent } from './trace';
import { routesViaBalancer } from './load-balancer';
import { directionOf, inFlight, newFlight, type Flight, type World } from './world';

/** Sends `packet` from the endpoint (or spoofed source) `from` at the world's current time. */
export function sendPacket(
  world: World,
  from: string,
  packet: Packet,
  retransmit: number,
  synCookie = false,
  congestion?: CongestionNote,
): void {
  // A load balancer's backend sends everything through it, its gateway (LVS-NAT).
  if (world.balancer !== undefined && routesViaBalancer(world, from, packet, retransmit)) return;
  const now = world.now;
  const id = world.nextId++;
  const receiver = world.names.get(packet.dst);
  const to = receiver ?? packet.dst;
  const direction = directionOf(world, from);
  const segment = packet.segment;

  // Every segment draws from its direction's stream, whatever happens to it next. Its size on
  // the wire matters only to a link with a bandwidth (serialization): others skip adding it up.
  // Two named loads rather than one by a computed key: V8 left `links[direction]` to its
  // generic keyed-load stub (half a percent of a world's samples in `perf`).
  const link = direction === 'c2s' ? world.links.c2s : world.links.s2c;
  const bytes = link.settings.bandwidth > 0 ? wireSize(segment) : 0;
  const verdict = transmit(link, now, bytes);
  // Read at once: the verdict object is the link's, rewritten by its next transmit.
  const { lost, arrivesAt: linkArrival, duplicateAt } = verdict;
  const fault = world.faults.apply(direction, segment);
  const rule = firewallVerdict(world.firewall, direction, packet);

  const original = originalOfSend(world.trace, world.shared.labels, from, packet, retransmit);

  const arrivesAt = roundTime(linkArrival + fault.delay);
  const reason: DropReason | undefined = fault.drop
    ? 'rule'
    : lost
      ? 'loss'
      : rule
        ? 'firewall'
        : undefined;

  if (segment.flags & Flag.SYN) {
    const sender = world.endpoints.get(from);
    if (sender && sender.iss === undefined) sender.iss = segment.seq;
  }

  const payload = world.hex.hex(segment.payload);
  const end: SendEnd = reason === undefined ? 'arrives' : 'drops';
  // A segment that is dropped vanishes half-way along the link (see above).
  const endTime = reason === undefined ? arrivesAt : roundTime(now + (arrivesAt - now) / 2);
  // The rarer fields follow the congestion note's place in the JSON form, so when one of them
  // is there the note is added after them, in place; otherwise it is in the event's literal.
  const rare = packet.udp !== undefined || packet.ip !== undefined || synCookie;
  const event = sendEvent(
    world.shared,
    packet,
    now,
    id,
    from,
    to,
    retransmit,
    original,
    payload,
    end,
    endTime,
    rare ? undefined : congestion,
  );
  // The rarer fields are added to the event in place, in this order. A spread copy per field
  // ({ ...event, congestion }) gave every copy a hidden class of its own (V8 clones the
  // literal's shape rather than following a shared transition): with a congestion note on
  // every data segment, a long run held 893 bytes per segment instead of 340.
  const sent: { -readonly [K in keyof SendEvent]: SendEvent[K] } = event;
  if (rare) {
    if (packet.udp) sent.udp = packet.udp;
    if (packet.ip) sent.ip = packet.ip;
    if (synCookie) sent.synCookie = true;
    if (congestion) sent.congestion = congestion;
  }
  world.trace.push(sent);

  const flight = newFlight(id, packet, 0, retransmit, payload, receiver);
  if (reason !== undefined) {
    const midway = endTime;
    const matched = reason === 'firewall' && rule ? describeRule(world.firewall, rule) : undefined;
    world.queue.push(midway, { kind: 'drop', flight, reason, rule: matched });
    if (reason === 'firewall' && rule?.action === 'reject') {
      const reset = forgedReset(packet);
      if (reset) {
        world.queue.push(midway, { kind: 'forge', packet: reset, from: to, transit: midway - now });
      }
    }
    return;
  }

  flight.pending = 1;
  world.queue.push(arrivesAt, flight);
  const copyAt =
    fault.duplicateBy !== undefined ? roundTime(arrivesAt + fault.duplicateBy) : duplicateAt;
  if (copyAt !== undefined) {
    flight.pending = 2;
    world.trace.push({ t: now, type: 'duplicate', id, arrivesAt: copyAt });
    world.queue.push(copyAt, { kind: 'deliver', flight, duplicate: true });
  }
}

/**
 * A reset forged by a rejecting firewall, in the name of the host the segment was for. It
 * starts half-way, where the firewall sits, and reaches the sender after the other half of the
 * trip; it takes no random draws (the middlebox's own path is not the link's lossy one).
 */
export function sendForged(world: World, from: string, packet: Packet, transit: number): void {
  const now = world.now;
  const id = world.nextId++;
  const receiver = world.names.get(packet.dst);
  const to = receiver ?? packet.dst;
  const arrivesAt = roundTime(now + transit);
  const segment = packet.segment;
  world.trace.push({
    t: now,
    type: 'send',
    id,
    from,
    to,
    src: world.shared.labels.label(packet.src, segment.srcPort),
    dst: world.shared.labels.label(packet.dst, segment.dstPort),
    flags: flagList(segment.flags),
    seq: segment.seq,
    ack: segment.ack,
    len: 0,
    win: segment.window,
    options: world.shared.options.list(from, packet),
    retransmit: 0,
    payload: '',
    arrivesAt,
    forgedBy: 'firewall',
  });
  const flight = newFlight(id, packet, 1, undefined, undefined, receiver);
  world.queue.push(arrivesAt, flight);
}

/** Records the end of one of a flight's deliveries. */
export function settle(flight: Flight): void {
  flight.pending -= 1;
}

/** A drop decided at send time happens now (half-way). */
export function recordDrop(world: World, flight: Flight, reason: DropReason, rule?: string): void {
  world.trace.push(
    rule === undefined
      ? { t: world.now, type: 'drop', id: flight.id, reason }
      : { t: world.now, type: 'drop', id: flight.id, reason, rule },
  );
}

/** A user's drop of segment `id`: only while some delivery of it is still due. */
export function userDrop(world: World, id: number): void {
  const flight = inFlight(world, id);
  if (!flight) return;
  flight.pending = 0;
  world.trace.push({ t: world.now, type: 'drop', id, reason: 'user' });
}
