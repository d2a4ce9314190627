/**
 * The application's own calls on a host: listen, connect, send, receive, close, shutdown,
 * abort, from the scenario or an intervention. A send() larger than the send buffer blocks
 * like a blocking send(): its remaining bytes are handed over as room frees, and the calls
 * the application makes meanwhile wait for it to return.
 */
import {
  formatEndpoint,
  handleCall,
  unacknowledgedBytes,
  type AppCall,
  type SocketId,
} from '../engine';
import { acceptNow, applyOutputs, recordData, traceCall, type Args } from './application';
import { balancerAsRemote } from './load-balancer';
import { filler } from './filler';
import type { ScenarioCall } from './scenario';
import type { EndpointRuntime, World } from './world';

/** The socket a call acts on: the latest connection (to `peer`, when given). */
function targetSocket(world: World, ep: EndpointRuntime, peer?: string): SocketId | undefined {
  const peerAddress = peer === undefined ? undefined : world.endpoints.get(peer)?.spec.address;
  for (let i = ep.connections.length - 1; i >= 0; i--) {
    const socket = ep.connections[i] as SocketId;
    if (peerAddress === undefined || ep.peers.get(socket) === peerAddress) return socket;
  }
  return undefined;
}

/** A scenario or intervention call made by the application of endpoint `name`. */
export function makeCall(world: World, name: string, call: ScenarioCall): void {
  const ep = world.endpoints.get(name);
  if (!ep) return;
  const spec = ep.spec;
  const peerArgs: Args = 'peer' in call && call.peer !== undefined ? { peer: call.peer } : {};
  switch (call.call) {
    case 'listen': {
      const port = call.port ?? spec.port;
      const args: Args = {
        port,
        ...(call.backlog === undefined ? {} : { backlog: call.backlog }),
        ...(call.fastOpen ? { fastOpen: true } : {}),
      };
      const appCall: AppCall = {
        call: 'listen',
        port,
        ...(call.backlog === undefined ? {} : { backlog: call.backlog }),
        ...(call.fastOpen ? { options: { fastOpen: true } } : {}),
      };
      const step = handleCall(ep.host, appCall, world.now);
      if (step.result.socket !== undefined) ep.listener = step.result.socket;
      traceCall(world, name, 'listen', args, step.result.result);
      applyOutputs(world, ep, step.outputs);
      return;
    }
    case 'connect': {
      const remote = world.endpoints.get(call.to)?.spec ?? balancerAsRemote(world, call.to);
      if (!remote) return;
      const data = call.data === undefined ? undefined : new TextEncoder().encode(call.data);
      const step = handleCall(
        ep.host,
        {
          call: 'connect',
          remote: remote.address,
          remotePort: remote.port,
          localPort: call.port ?? spec.port,
          ...(data === undefined ? {} : { fastOpen: data }),
        },
        world.now,
      );
      const socket = step.result.socket;
      const args: Readonly<Record<string, string>> = {
        to: call.to,
        remote: formatEndpoint(remote.address, remote.port),
        ...(call.data === undefined ? {} : { data: call.data }),
        ...(call.port === undefined ? {} : { port: String(call.port) }),
      };
      if (socket !== undefined) {
        ep.connections.push(socket);
        ep.peers.set(socket, remote.address);
        ep.pendingConnects.set(socket, args);
      }
      traceCall(world, name, 'connect', args, step.result.result);
      applyOutputs(world, ep, step.outputs);
      // What the SYN did not carry is sent after the handshake, as a blocking
      // sendto(MSG_FASTOPEN) does (Linux tcp_sendmsg_fastopen()).
      const inSyn = step.result.bytes ?? 0;
      if (socket !== undefined && data !== undefined && data.length > inSyn) {
        const rest = handleCall(
          ep.host,
          { call: 'send', socket, data: data.subarray(inSyn), handOver: true },
          world.now,
        );
        applyOutputs(world, ep, rest.outputs);
      }
      return;
    }
    case 'accept':
      acceptCall(world, ep);
      return;
    default:
      socketCall(world, ep, call, peerArgs);
  }
}

/**
 * A blocking accept(): it returns at once with the oldest connection of the accept queue, or
 * waits until the next one is ready (the trace shows the call when it returns). Without a
 * listener there is nothing to accept: EINVAL, as accept() on a socket that is not listening.
 */
function acceptCall(world: World, ep: EndpointRuntime): void {
  const listener = ep.listener === undefined ? undefined : ep.host.sockets.get(ep.listener);
  if (listener === undefined || listener.kind !== 'listener') {
    traceCall(world, ep.spec.name, 'accept', {}, 'EINVAL');
    return;
  }
  if (listener.acceptQueue.length > 0) acceptNow(world, ep);
  else ep.pendingAccepts += 1;
}

/** send, receive, close, shutdown, abort: calls on an existing connection. */
function socketCall(
  world: World,
  ep: EndpointRuntime,
  call: Exclude<ScenarioCall, { call: 'listen' } | { call: 'connect' } | { call: 'accept' }>,
  peerArgs: Args,
): void {
  const name = ep.spec.name;
  const socket = targetSocket(world, ep, call.peer);
  let args: Args = peerArgs;
  let appCall: AppCall | undefined;
  switch (call.call) {
    case 'send': {
      const data =
        call.bytes !== undefined ? filler(call.bytes) : new TextEncoder().encode(call.data ?? '');
      args = {
        ...peerArgs,
        len: data.length,
        ...(call.data === undefined ? {} : { data: call.data }),
      };
      // The bytes are made for this call and never written again: the engine keeps them.
      if (socket !== undefined) appCall = { call: 'send', socket, data, handOver: true };
      break;
    }
    case 'shutdown':
      args = { ...peerArgs, how: call.how };
      if (socket !== undefined) appCall = { call: 'shutdown', socket, how: call.how };
      break;
    case 'receive':
    case 'close':
    case 'abort':
      if (socket !== undefined) appCall = { call: call.call, socket };
      break;
  }
  if (appCall === undefined || socket === undefined) {
    // No connection to act on: what a socket call on an unconnected socket reports.
    traceCall(world, name, call.call, args, 'ENOTCONN');
    return;
  }
  if (ep.unsent.has(socket)) {
    // The application is still inside a blocking send(): this call comes after it returns.
    const list = ep.deferred.get(socket) ?? [];
    list.push(call);
    ep.deferred.set(socket, list);
    return;
  }
  const step = handleCall(ep.host, appCall, world.now);
  traceCall(world, name, call.call, args, step.result.result);
  if (call.call === 'receive' && step.result.data !== undefined) {
    recordData(world, name, step.result.data);
  }
  if (appCall.call === 'send' && step.result.result === 'ok') {
    const taken = step.result.bytes ?? appCall.data.length;
    if (taken < appCall.data.length) ep.unsent.set(socket, appCall.data.subarray(taken));
  }
  applyOutputs(world, ep, step.outputs);
}

/**
 * Hands over bytes that an earlier send() could not, now that acknowledgments may have freed
 * room in the send buffer. Only the original call is traced; these continuations are not
 * separate application calls (a blocking send() is one call).
 *
 * A delivery calls it only when the host said `writable` or changed a state since the last
 * check (EndpointRuntime.writerMayWake), as a program waits for EPOLLOUT: a blocked socket's
 * buffer is full when it blocks, shrinks only by an acknowledgment (after which the engine says
 * `writable` once a third is free) or by closing (a state change), so the check below, kept as
 * it was, finds nothing to wake at any other delivery.
 */
export function flushUnsent(world: World, ep: EndpointRuntime): void {
  ep.writerMayWake = false;
  const unsent = ep.unsent;
  if (unsent.size === 1) {
    // The usual case, one blocked writer: its entry is handled alone, so nothing the writer
    // does meanwhile (a deferred call's new blocked send) is met by this loop, as with the
    // copy below, which it is spared.
    for (const [socket, data] of unsent) {
      if (wakes(ep, socket)) handOver(world, ep, socket, data);
      break;
    }
    return;
  }
  // Most arrivals wake no writer: find that out before copying the entries.
  let woken = false;
  for (const socket of unsent.keys()) woken ||= wakes(ep, socket);
  if (!woken) return;
  for (const [socket, data] of [...unsent]) {
    if (wakes(ep, socket)) handOver(world, ep, socket, data);
  }
}

/** Hands a woken writer's bytes to its host, as many as its send buffer takes. */
function handOver(world: World, ep: EndpointRuntime, socket: SocketId, data: Uint8Array): void {
  const step = handleCall(ep.host, { call: 'send', socket, data, handOver: true }, world.now);
  const taken = step.result.result === 'ok' ? (step.result.bytes ?? data.length) : data.length;
  if (taken < data.length) ep.unsent.set(socket, data.subarray(taken));
  else ep.unsent.delete(socket);
  applyOutputs(world, ep, step.outputs);
  if (!ep.unsent.has(socket)) runDeferred(world, ep, socket);
}

/**
 * Like Linux (sk_stream_is_writeable), a blocked writer wakes only once a third of the buffer
 * is free, not for every acknowledged segment.
 */
function wakes(ep: EndpointRuntime, socket: SocketId): boolean {
  return unacknowledgedBytes(ep.host, socket) <= (ep.sendBuffer * 2) / 3;
}

/** The calls that waited for a blocking send() on `socket`, in order, until one blocks again. */
function runDeferred(world: World, ep: EndpointRuntime, socket: SocketId): void {
  const list = ep.deferred.get(socket);
  ep.deferred.delete(socket);
  if (!list) return;
  while (list.length > 0 && !ep.unsent.has(socket)) {
    const call = list.shift() as ScenarioCall;
    makeCall(world, ep.spec.name, call);
  }
  if (list.length > 0) ep.deferred.set(socket, list);
}
