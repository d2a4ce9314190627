/**
 * runScenario: one deterministic run of a validated scenario. The virtual clock jumps from
 * event to event; the run stops at the stop time, when nothing is left to happen (including
 * TIME-WAIT's expiry: a learner sees it end), or when the step budget is spent. It never hangs.
 */
import { handlePacket, handleTimeout, nextDeadline } from '../engine';
import { ipFamily, seq } from '../engine';
import { Flag, type Output, type Packet } from '../engine';
import { applyOutputs } from './application';
import { wholeAsInteger } from './link';
import { flushUnsent, makeCall } from './socket-calls';
import { recordDrop, sendForged, sendPacket, settle, userDrop } from './network';
import type { EndpointInfo, Intervention, RunOptions, RunResult } from './run-types';
import type { Injection, LinkPatch, Scenario } from './scenario';
import { recordQueueChanges } from './listener-queues';
import { madeUpHostSyn } from './made-up-host';
import { copyWorld, type WorldSnapshot } from './snapshot';
import { balancerReceives, handleBalancerStep } from './load-balancer';
import type { TraceEvent } from './trace';
import {
  createWorld,
  scheduleIntervention,
  spoofedAddress,
  type Flight,
  type World,
  type WorldEvent,
} from './world';

export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const world = createWorld(scenario, options.interventions ?? []);
  return runWorld(world, scenario, limitsOf(scenario, options), 0, -Infinity);
}

/**
 * The run from `checkpoint` on, with `interventions` added (each at or after the moment the
 * checkpoint was taken, see checkpointFor): the same trace as running from the start with the
 * checkpoint's interventions and these, at the cost of only the part after the checkpoint.
 * `trace` is the trace of the run the checkpoint was taken in (its first events are reused).
 */
export function resumeScenario(
  scenario: Scenario,
  checkpoint: WorldSnapshot,
  trace: readonly TraceEvent[],
  interventions: readonly Intervention[],
  options: Omit<RunOptions, 'interventions'> = {},
): RunResult {
  const world = copyWorld(checkpoint.world, trace.slice(0, checkpoint.tracePosition));
  for (const intervention of interventions) scheduleIntervention(world, intervention);
  return runWorld(
    world,
    scenario,
    limitsOf(scenario, options),
    checkpoint.steps,
    checkpoint.handledUpTo,
  );
}

/**
 * When a run stops and how often it takes a snapshot, always as one object of one shape: the
 * caller's options differ in shape from one call to the next (a run from the start names its
 * interventions, a resumed run does not), and the run's loop, optimized for the first call's
 * shape, was thrown away at the start of a fork's first resumed run.
 */
interface RunLimits {
  readonly until: number | undefined;
  readonly maxSteps: number;
  readonly every: number;
}

function limitsOf(scenario: Scenario, options: Omit<RunOptions, 'interventions'>): RunLimits {
  return {
    until: options.until ?? scenario.until,
    maxSteps: options.maxSteps ?? scenario.maxSteps,
    every: options.checkpointEvery ?? 0,
  };
}

/** The latest checkpoint that an intervention at `at` can resume from (nothing at `at` handled yet). */
export function checkpointFor(
  checkpoints: readonly WorldSnapshot[],
  at: number,
): WorldSnapshot | undefined {
  let found: WorldSnapshot | undefined;
  for (const c of checkpoints) if (c.handledUpTo < at) found = c;
  return found;
}

/** Where a run has got to: one object per run, written by each stretch of it (runStretch). */
interface Progress {
  steps: number;
  /** Time of the last event handled. */
  handledUpTo: number;
  /** Why the run stopped; null while it goes on. */
  stop: RunResult['stop'] | null;
}

function runWorld(
  world: World,
  scenario: Scenario,
  limits: RunLimits,
  stepsSoFar: number,
  handledSoFar: number,
): RunResult {
  const every = limits.every;
  const checkpoints: WorldSnapshot[] = [];
  const progress: Progress = { steps: stepsSoFar, handledUpTo: handledSoFar, stop: null };
  for (;;) {
    const steps = progress.steps;
    if (every > 0 && steps % every === 0 && checkpoints.at(-1)?.steps !== steps) {
      checkpoints.push({
        world: copyWorld(world, []),
        tracePosition: world.trace.length,
        steps,
        handledUpTo: progress.handledUpTo,
      });
    }
    runStretch(world, limits, progress, every > 0 ? steps - (steps % every) + every : Infinity);
    if (progress.stop !== null) break;
  }
  const result = {
    // A copy of exactly its length: the array grew by half again each time it filled, so up
    // to a third of its slots (8 bytes each) were spare, held for as long as the run is kept.
    trace: world.trace.slice(),
    stop: progress.stop,
    endpoints: endpointInfo(world, scenario),
    endTime: world.now,
  };
  return every > 0 ? { ...result, checkpoints } : result;
}

/**
 * The run's events up to the step `upTo` (the next checkpoint), or until it stops. A function
 * called once per checkpoint rather than one loop over the whole run: V8 compiled that loop on
 * the stack (OSR) with most of the world and engine inlined into it, for that one call, and a
 * fork's resumed run, a new call, started again from unoptimized code and compiled it all anew
 * (paired against one loop, 8 pairs: a fork's first drop × 0.94, its second × 0.87).
 */
function runStretch(world: World, limits: RunLimits, progress: Progress, upTo: number): void {
  const { until, maxSteps } = limits;
  let steps = progress.steps;
  let handledUpTo = progress.handledUpTo;
  let stop: RunResult['stop'] | null = null;
  while (steps < upTo) {
    const head = world.queue.peek();
    if (head === undefined) {
      stop = 'idle';
      break;
    }
    // A wake-up for a timer re-armed or cancelled since is no event: discard it unseen, so
    // it neither counts as a step nor keeps an otherwise idle run alive.
    if (isIdleWake(world, head.item, head.time)) {
      world.queue.pop();
      continue;
    }
    const next = head.time;
    if (until !== undefined && next > until) {
      stop = 'until';
      world.now = until;
      break;
    }
    if (steps >= maxSteps) {
      stop = 'budget';
      break;
    }
    const entry = world.queue.pop();
    if (!entry) {
      stop = 'idle';
      break;
    }
    world.now = wholeAsInteger(entry.time);
    const traceBefore = world.trace.length;
    handle(world, entry.item);
    if (world.queuesChanged) recordQueueChanges(world, traceBefore);
    handledUpTo = entry.time;
    steps++;
  }
  progress.steps = steps;
  progress.handledUpTo = handledUpTo;
  progress.stop = stop;
}

function handle(world: World, event: WorldEvent): void {
  switch (event.kind) {
    case 'deliver':
      return deliver(world, event.flight, event.duplicate);
    case 'drop':
      return recordDrop(world, event.flight, event.reason, event.rule);
    case 'forge':
      return sendForged(world, event.from, event.packet, event.transit);
    case 'wake': {
      const ep = world.endpoints.get(event.endpoint);
      if (!ep) return;
      return applyOutputs(world, ep, handleTimeout(ep.host, world.now));
    }
    case 'call':
      return makeCall(world, event.endpoint, event.call);
    case 'inject':
      return inject(world, event.injection, event.index);
    case 'intervention':
      return intervene(world, event.intervention);
    case 'balancer':
      return handleBalancerStep(world, event.step);
  }
}

function isIdleWake(world: World, event: WorldEvent, time: number): boolean {
  if (event.kind !== 'wake') return false;
  const host = world.endpoints.get(event.endpoint)?.host;
  const due = host === undefined ? null : nextDeadline(host);
  return due === null || due > time;
}

function deliver(world: World, flight: Flight, duplicate: boolean): void {
  // A flight the user dropped meanwhile is no longer in flight.
  if (flight.pending <= 0) return;
  settle(flight);
  if (world.balancer !== undefined && balancerReceives(world, flight)) return;
  const to = flight.receiver;
  const ep = to === undefined ? undefined : world.endpoints.get(to);
  if (!ep) {
    // A reply to a spoofed source: nobody is there to receive it.
    world.trace.push({ t: world.now, type: 'drop', id: flight.id, reason: 'unreachable' });
    return;
  }
  if (flight.payload !== undefined)
    world.hex.delivering(flight.packet.segment.payload, flight.payload);
  const outputs = handlePacket(ep.host, flight.packet, world.now);
  // A listener with a full queue refuses the SYN as it arrives: the trace records that moment
  // as the segment's drop, with the queue that was full, not as a delivery.
  const refused = refusal(outputs);
  world.trace.push(
    refused !== undefined
      ? { t: world.now, type: 'drop', id: flight.id, reason: 'queue-full', queue: refused.queue }
      : duplicate
        ? { t: world.now, type: 'deliver', id: flight.id, duplicate: true }
        : { t: world.now, type: 'deliver', id: flight.id },
  );
  applyOutputs(world, ep, outputs);
  if (ep.writerMayWake && ep.unsent.size > 0) flushUnsent(world, ep);
}

/** The listener's refusal among a step's outputs (a loop: find's callback was a closure per delivery). */
function refusal(outputs: readonly Output[]): Extract<Output, { type: 'refused' }> | undefined {
  for (let i = 0; i < outputs.length; i++) {
    const out = outputs[i] as Output;
    if (out.type === 'refused') return out;
  }
  return undefined;
}

/** One raw packet from a spoofed source; the next one is queued `interval` later. */
function inject(world: World, injection: Injection, index: number): void {
  const target = world.endpoints.get(injection.to)?.spec;
  if (!target) return;
  const flags = injection.flags.reduce((acc, f) => acc | Flag[f], 0);
  // Each source has its own address and a sequence number drawn from nothing but its index,
  // so a flood looks the same in every run (RFC 4987 §2: the sources are spoofed).
  const host = madeUpHostSyn(ipFamily(target.address));
  const packet: Packet = {
    src: spoofedAddress(injection.fromAddress, index),
    dst: target.address,
    segment: {
      srcPort: injection.fromPort,
      dstPort: target.port,
      seq: seq(1000 + index * 7919),
      ack: seq(0),
      flags,
      window: host.window,
      urgent: 0,
      // The spoofed hosts sit on Ethernet like the target, in its address family.
      options: flags & Flag.SYN ? [{ kind: 'mss', value: host.mss }] : [],
      payload: new Uint8Array(0),
    },
  };
  sendPacket(world, injection.name, packet, 0);
  if (index + 1 < injection.count) {
    world.queue.push(world.now + injection.interval, {
      kind: 'inject',
      injection,
      index: index + 1,
    });
  }
}

function intervene(world: World, intervention: Intervention): void {
  switch (intervention.kind) {
    case 'drop':
      return userDrop(world, intervention.id);
    case 'link':
      return patchLink(world, intervention.link);
    case 'call':
      return makeCall(world, intervention.endpoint, intervention.call);
  }
}

function patchLink(world: World, patch: LinkPatch): void {
  if (patch.c2s) world.links.c2s.settings = { ...world.links.c2s.settings, ...patch.c2s };
  if (patch.s2c) world.links.s2c.settings = { ...world.links.s2c.settings, ...patch.s2c };
}

function endpointInfo(world: World, scenario: Scenario): EndpointInfo[] {
  const infos: EndpointInfo[] = scenario.endpoints.map((spec) => {
    const endpoint = world.endpoints.get(spec.name);
    const iss = endpoint?.iss;
    const host = endpoint?.host;
    const stack = host && {
      profile: host.profile,
      synCookies: host.synCookies,
      maxBacklog: host.maxBacklog,
      ...(spec.profile === 'linux' ? { sysctls: spec.sysctls } : {}),
    };
    const info = {
      name: spec.name,
      address: spec.address,
      port: spec.port,
      profile: spec.profile,
      ...(stack ? { stack } : {}),
    };
    return iss === undefined ? info : { ...info, iss };
  });
  const balancer = scenario.balancer;
  if (balancer) {
    infos.push({
      name: balancer.name,
      address: balancer.address,
      port: balancer.port,
      profile: 'balancer',
    });
  }
  for (const source of world.spoofed) {
    if (infos.some((info) => info.name === source.name)) continue;
    infos.push({
      name: source.name,
      address: source.address,
      port: source.port,
      profile: 'spoofed',
    });
  }
  return infos;
}
