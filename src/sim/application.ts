/**
 * The application model around each engine host: it makes the scenario's calls, and by
 * default reads data as soon as it is readable, accepts connections as soon as they are
 * acceptable, and learns of asynchronous outcomes (connect completing or failing, a reset)
 * as a second `call` event marked `async` (see docs/scenarios.md, "What the trace shows").
 */
import {
  handleCall,
  socketInfo,
  type AppCall,
  type CallResult,
  type Output,
  type SocketId,
} from '../engine';
import { Flag, formatEndpoint, type Errno, type Packet } from '../engine';
import { wholeAsInteger } from './link';
import { sendPacket } from './network';
import type { TriggerEvent } from './scenario';
import type { CallEvent, TimerEvent } from './trace';
import type { EndpointRuntime, World } from './world';

export type Args = CallEvent['args'];

export function traceCall(
  world: World,
  endpoint: string,
  call: string,
  args: Args,
  result: 'ok' | Errno,
  async = false,
): void {
  const event: CallEvent = { t: world.now, type: 'call', endpoint, call, args, result };
  world.trace.push(async ? { ...event, async: true } : event);
}

/** The remote address of `socket` as its host knows it. */
function socketPeer(ep: EndpointRuntime, socket: SocketId): string | undefined {
  return socketInfo(ep.host, socket)?.remoteAddress;
}

type Ends = { readonly local: string; readonly remote: string };

/**
 * The two ends of the connection `socket` (address:port), remembered so that a timer event
 * after the socket is deleted (its cancel) still names its connection, and so that the strings
 * are made once per connection; undefined for a listener.
 */
function socketEnds(ep: EndpointRuntime, socket: SocketId): Ends | undefined {
  const known = ep.socketEnds.get(socket);
  if (known !== undefined) return known;
  const info = socketInfo(ep.host, socket);
  if (info === undefined || info.remotePort === 0) return undefined;
  const ends = {
    local: formatEndpoint(info.localAddress, info.localPort),
    remote: formatEndpoint(info.remoteAddress, info.remotePort),
  };
  ep.socketEnds.set(socket, ends);
  return ends;
}

/**
 * A timer output's trace event. Literal shapes rather than spreads: one allocation with its
 * fields in place, in the key order the JSON form has always had.
 */
function timerEvent(
  t: number,
  endpoint: string,
  out: Extract<Output, { type: 'timer' }>,
  ends: Ends | undefined,
): TimerEvent {
  const { timer, action } = out;
  const type = 'timer';
  if (action === 'set' && out.at !== undefined) {
    const at = wholeAsInteger(out.at);
    return ends === undefined
      ? { t, type, endpoint, timer, action, at }
      : { t, type, endpoint, timer, action, at, local: ends.local, remote: ends.remote };
  }
  return ends === undefined
    ? { t, type, endpoint, timer, action }
    : { t, type, endpoint, timer, action, local: ends.local, remote: ends.remote };
}

/** Runs one engine call on `ep` and processes what it outputs. */
function engineCall(world: World, ep: EndpointRuntime, call: AppCall): CallResult {
  const step = handleCall(ep.host, call, world.now);
  applyOutputs(world, ep, step.outputs);
  return step.result;
}

export function recordData(world: World, endpoint: string, data: Uint8Array): void {
  world.trace.push(
    data.length === 0
      ? { t: world.now, type: 'data', endpoint, len: 0, bytes: '', eof: true }
      : { t: world.now, type: 'data', endpoint, len: data.length, bytes: world.hex.hex(data) },
  );
}

/**
 * Counts an application event and schedules the calls waiting for its n-th occurrence. Only a
 * watched event's count is ever read, and the watchers are fixed when the world is made, so an
 * event nobody waits for (every `data` of a bulk transfer, usually) is not counted: two map
 * operations per segment fewer.
 */
function notify(world: World, ep: EndpointRuntime, event: TriggerEvent): void {
  const watchers = ep.watching?.get(event);
  if (watchers === undefined) return;
  const count = (ep.eventCounts.get(event) ?? 0) + 1;
  ep.eventCounts.set(event, count);
  for (const watcher of watchers) {
    if (watcher.trigger.nth !== count) continue;
    const call = watcher.call;
    world.queue.push(world.now + watcher.trigger.delay, {
      kind: 'call',
      endpoint: call.endpoint,
      call,
    });
  }
}

/**
 * A SYN-ACK sent by no socket is a SYN cookie's: the listener answered a SYN without keeping
 * any state, its ISN standing for what it would have remembered (RFC 4987 §3.6).
 */
function synCookieOf(socket: SocketId | null, packet: Packet): boolean {
  const synAck = Flag.SYN | Flag.ACK;
  return socket === null && (packet.segment.flags & synAck) === synAck;
}

/** Writes an engine step's outputs to the world, then lets the application react to them. */
export function applyOutputs(world: World, ep: EndpointRuntime, outputs: readonly Output[]): void {
  const name = ep.spec.name;
  // The first reaction is held in a variable and a list made only for a second one: most
  // steps have none, and most of the rest one (a `readable`), and a one-element array per
  // delivery was 56 of the bytes a segment allocates.
  let first: Output | undefined;
  let reactions: Output[] | undefined;
  for (const out of outputs) {
    switch (out.type) {
      case 'packet':
        sendPacket(
          world,
          name,
          out.packet,
          out.retransmit,
          synCookieOf(out.socket, out.packet),
          out.congestion,
        );
        break;
      case 'timer':
        world.trace.push(timerEvent(world.now, name, out, socketEnds(ep, out.socket)));
        if (out.action === 'set' && out.at !== undefined) {
          world.queue.push(out.at, { kind: 'wake', endpoint: name });
        }
        break;
      case 'queues':
        world.queuesChanged = true;
        break;
      case 'writable':
        ep.writerMayWake = true;
        break;
      case 'state':
        ep.writerMayWake = true;
        world.trace.push({
          t: world.now,
          type: 'state',
          endpoint: name,
          from: out.from,
          to: out.to,
          cause: out.cause,
        });
        break;
      default:
        if (first === undefined) first = out;
        else if (reactions === undefined) reactions = [first, out];
        else reactions.push(out);
    }
  }
  if (first === undefined) return;
  if (reactions === undefined) return react(world, ep, first);
  // The application hears of a new connection before it reads from it.
  reactions.sort((a, b) => REACTION_ORDER.indexOf(a.type) - REACTION_ORDER.indexOf(b.type));
  for (const out of reactions) react(world, ep, out);
}

const REACTION_ORDER: readonly Output['type'][] = [
  'acceptable',
  'established',
  'readable',
  'eof',
  'error',
  'closed',
];

/**
 * Whether the application holds `socket` (connected it, or accepted it). A connection still in
 * a listener's accept queue is the kernel's: nothing reads from it until accept() returns it.
 */
function held(ep: EndpointRuntime, socket: SocketId): boolean {
  return ep.connections.includes(socket) || ep.listener === undefined;
}

/**
 * receive() on each socket id, made once and shared by every run: the engine only reads a call,
 * and a fresh one per delivery was 40 of the bytes a segment allocates. Ids past the table
 * (a run with thousands of connections) get a fresh call each time.
 */
const RECEIVES: (AppCall | undefined)[] = [];
const RECEIVES_KEPT = 1024;

function receiveCall(socket: SocketId): AppCall {
  if (socket < 0 || socket >= RECEIVES_KEPT) return { call: 'receive', socket };
  let call = RECEIVES[socket];
  if (call === undefined) {
    call = Object.freeze({ call: 'receive', socket });
    RECEIVES[socket] = call;
  }
  return call;
}

/** The automatic read: what is readable now, as the application's `data` event. */
function readNow(world: World, ep: EndpointRuntime, socket: SocketId): void {
  const result = engineCall(world, ep, receiveCall(socket));
  if (result.data !== undefined && result.data.length > 0)
    recordData(world, ep.spec.name, result.data);
  notify(world, ep, 'data');
}

function readEof(world: World, ep: EndpointRuntime): void {
  if (ep.spec.autoRead) recordData(world, ep.spec.name, new Uint8Array(0));
  notify(world, ep, 'eof');
}

/** Something happened on a connection the application does not hold yet: kept for after accept(). */
function beforeAccept(ep: EndpointRuntime, socket: SocketId, what: 'readable' | 'eof'): void {
  const seen = ep.beforeAccept.get(socket) ?? { readable: false, eof: false };
  seen[what] = true;
  ep.beforeAccept.set(socket, seen);
}

/**
 * accept() on the endpoint's listener: the oldest connection of its accept queue becomes the
 * application's (traced as an `accept` call naming the peer). What arrived on it meanwhile is
 * read now, as a server reads right after accept() returns.
 */
export function acceptNow(world: World, ep: EndpointRuntime): void {
  if (ep.listener === undefined) return;
  const name = ep.spec.name;
  const step = handleCall(ep.host, { call: 'accept', socket: ep.listener }, world.now);
  const socket = step.result.socket;
  const remote = socket === undefined ? undefined : socketPeer(ep, socket);
  if (socket !== undefined) {
    ep.connections.push(socket);
    if (remote !== undefined) ep.peers.set(socket, remote);
  }
  const from = remote === undefined ? {} : { from: world.names.get(remote) ?? remote };
  traceCall(world, name, 'accept', from, step.result.result);
  applyOutputs(world, ep, step.outputs);
  if (socket === undefined) return;
  notify(world, ep, 'accepted');
  const seen = ep.beforeAccept.get(socket);
  ep.beforeAccept.delete(socket);
  if (seen?.readable && ep.spec.autoRead) readNow(world, ep, socket);
  if (seen?.eof) readEof(world, ep);
}

/** The default application's reaction to what its host reported. */
function react(world: World, ep: EndpointRuntime, out: Output): void {
  const name = ep.spec.name;
  switch (out.type) {
    case 'readable':
      if (!held(ep, out.socket)) beforeAccept(ep, out.socket, 'readable');
      else if (ep.spec.autoRead) readNow(world, ep, out.socket);
      return;
    case 'eof':
      if (!held(ep, out.socket)) beforeAccept(ep, out.socket, 'eof');
      else readEof(world, ep);
      return;
    case 'acceptable': {
      if (ep.spec.autoAccept) {
        acceptNow(world, ep);
      } else if (ep.pendingAccepts > 0) {
        // An accept() call that was waiting for a connection returns with this one.
        ep.pendingAccepts -= 1;
        acceptNow(world, ep);
      }
      return;
    }
    case 'established': {
      const args = ep.pendingConnects.get(out.socket);
      if (args) {
        ep.pendingConnects.delete(out.socket);
        traceCall(world, name, 'connect', args, 'ok', true);
      }
      notify(world, ep, 'established');
      return;
    }
    case 'error': {
      const args = ep.pendingConnects.get(out.socket);
      if (args) {
        ep.pendingConnects.delete(out.socket);
        traceCall(world, name, 'connect', args, out.errno, true);
      } else {
        // The application's pending read is where a reset or a timeout surfaces.
        traceCall(world, name, 'receive', {}, out.errno, true);
      }
      notify(world, ep, 'error');
      return;
    }
    case 'closed':
      notify(world, ep, 'closed');
      return;
    default:
      return;
  }
}
