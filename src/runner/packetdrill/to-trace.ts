/**
 * A packetdrill run (runner.ts) as the lab's trace (src/sim/trace.ts), so the store and every
 * view of the visualizer (diagram, badges, inspector, narration, event log) show it as they show
 * a scenario. Two endpoints: "script" (the peer the script plays) and "engine" (the stack under
 * test). Pure.
 *
 * Where this differs from the run it shows, on purpose (docs/conformance.md, "In the app"):
 * - Numbers are the script's (its own ISN as written, the engine's ISN as the script writes it,
 *   usually 0), not the engine's live ones: the lines and the arrows then read alike.
 * - The runner has no link (a segment arrives when it is sent). A sequence diagram of segments
 *   that take no time stacks every "+0" line on one row, so each crossing is drawn taking
 *   CROSSING_MS, and an event that would start before the previous segment arrived waits for it.
 *   Times therefore run a little late against the script's; the line's own time stays in the
 *   inspector (`script.line`).
 */
import type { CallEvent, SendEvent, TraceEvent } from '../../sim/trace';
import type { LineResult, ScriptRunResult, TimelineEntry, TimelineSegment } from './result';
import { optionsOfSegmentText } from './to-trace-options';

export const SCRIPT_ENDPOINT = 'script';
export const ENGINE_ENDPOINT = 'engine';
/** How long a crossing is drawn (ms of virtual time): enough to separate "+0" lines. */
export const CROSSING_MS = 10;
/** The first port the engine's connect() picks (engine/host.ts); the runner's remote port. */
const ENGINE_EPHEMERAL_PORT = 49_152;
const SCRIPT_REMOTE_PORT = 48_000;

export interface ScriptAddresses {
  readonly localIp: string;
  readonly remoteIp: string;
  /** packetdrill's --bind_port (the engine listens) and --connect_port (the engine connects). */
  readonly bindPort: number;
  readonly connectPort: number;
}

export interface TraceEndpoint {
  readonly name: string;
  readonly address: string;
  readonly port: number;
  readonly profile: string;
  readonly iss?: number;
}

/** An outbound line the engine never answered: drawn as a ghost arrow at the time it was due. */
export interface MissingSegment {
  readonly t: number;
  /** Where its crossing would have ended. */
  readonly endsAt: number;
  readonly line: number;
  readonly from: string;
  readonly to: string;
  /** The line's segment, e.g. "S. 0:0(0) ack 1". */
  readonly expected: string;
  readonly reason: string;
  /** Words for the ghost other than a script line's (a replayed capture's engine segment). */
  readonly caption?: string;
  readonly note?: string;
}

export interface ScriptTrace {
  readonly trace: TraceEvent[];
  readonly endpoints: TraceEndpoint[];
  readonly endTime: number;
  readonly stop: 'idle';
  readonly missing: MissingSegment[];
}

const PACKETDRILL_PROFILE = 'packetdrill';

type Entry =
  TimelineEntry | { readonly type: 'missing'; readonly t: number; readonly line: LineResult };

/** "connect(3, ..., ...) = 0" → "connect"; "-1 ECONNREFUSED" → the errno. */
function callParts(text: string): { call: string; errno: string | null } {
  const call = /([A-Za-z_][\w]*)\s*\(/.exec(text)?.[1] ?? 'call';
  const errno = /=\s*-1\s+(E[A-Z]+)/.exec(text)?.[1] ?? null;
  return { call, errno };
}

function lastUsecs(result: ScriptRunResult): number {
  return result.timeline.reduce((max, e) => Math.max(max, e.t), 0) * 1000;
}

/** Entries in time order; the runner appends a segment when a line takes it, not when sent. */
function ordered(result: ScriptRunResult): Entry[] {
  const missing: Entry[] = result.lines
    .filter((l) => l.kind === 'outbound' && l.status === 'failed' && l.actual === 'no segment')
    // A `*` line has no time of its own: it was due after everything the run recorded.
    .map((line) => ({ type: 'missing', t: (line.scriptUsecs ?? lastUsecs(result)) / 1000, line }));
  const entries: Entry[] = [
    ...result.timeline.filter((e) => e.type !== 'segment' || e.status !== 'ignored'),
    ...missing,
  ];
  // Array.prototype.sort is stable: entries at one instant keep the runner's causal order.
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.t - b.e.t || a.i - b.i)
    .map((x) => x.e);
}

function firstSynSeq(
  result: ScriptRunResult,
  direction: 'inbound' | 'outbound',
): number | undefined {
  const syn = result.timeline.find(
    (e): e is TimelineSegment =>
      e.type === 'segment' && e.direction === direction && e.flags.includes('SYN'),
  );
  return syn?.seq;
}

/** Numbers without SYN are relative in a script: add the ISN of their sequence space. */
function absolute(n: number, isSyn: boolean, isn: number | undefined): number {
  return isSyn ? n >>> 0 : (n + (isn ?? 0)) >>> 0;
}

export function scriptRunToTrace(result: ScriptRunResult, where: ScriptAddresses): ScriptTrace {
  const scriptIsn = firstSynSeq(result, 'inbound');
  const engineIsn = firstSynSeq(result, 'outbound');
  const firstSyn = result.timeline.find((e) => e.type === 'segment' && e.flags.includes('SYN'));
  const engineActive = firstSyn?.type === 'segment' && firstSyn.direction === 'outbound';
  const engine: TraceEndpoint = {
    name: ENGINE_ENDPOINT,
    address: where.localIp,
    port: engineActive ? ENGINE_EPHEMERAL_PORT : where.bindPort,
    profile: result.profile.name,
    ...(engineIsn !== undefined ? { iss: engineIsn } : {}),
  };
  const script: TraceEndpoint = {
    name: SCRIPT_ENDPOINT,
    address: where.remoteIp,
    port: engineActive ? where.connectPort : SCRIPT_REMOTE_PORT,
    profile: PACKETDRILL_PROFILE,
    ...(scriptIsn !== undefined ? { iss: scriptIsn } : {}),
  };
  const at = (e: TraceEndpoint) => `${e.address}:${e.port}`;
  const lineById = new Map(result.lines.map((l) => [l.line, l]));

  const trace: TraceEvent[] = [];
  const missing: MissingSegment[] = [];
  const sends: SendEvent[] = [];
  let shift = 0;
  let clock = 0;
  const place = (t: number): number => {
    const d = Math.max(t + shift, clock);
    shift = d - t;
    return d;
  };

  for (const entry of ordered(result)) {
    const t = place(entry.t);
    if (entry.type === 'state') {
      const { from, to, cause } = entry;
      trace.push({ t, type: 'state', endpoint: ENGINE_ENDPOINT, from, to, cause });
    } else if (entry.type === 'call') {
      const { call, errno } = callParts(entry.text);
      const event: CallEvent = {
        t,
        type: 'call',
        endpoint: ENGINE_ENDPOINT,
        call,
        args: { line: entry.line, script: entry.text.trim() },
        result: (errno ?? 'ok') as CallEvent['result'],
      };
      trace.push(event);
    } else if (entry.type === 'missing') {
      const { line } = entry;
      missing.push({
        t,
        endsAt: t + CROSSING_MS,
        line: line.line,
        from: ENGINE_ENDPOINT,
        to: SCRIPT_ENDPOINT,
        expected: line.expected ?? line.text,
        reason: line.reason ?? 'Timed out waiting for packet',
      });
      clock = t + CROSSING_MS;
    } else {
      const inbound = entry.direction === 'inbound';
      const [sender, receiver] = inbound ? [script, engine] : [engine, script];
      const senderIsn = inbound ? scriptIsn : engineIsn;
      const receiverIsn = inbound ? engineIsn : scriptIsn;
      const isSyn = entry.flags.includes('SYN');
      const seq = absolute(entry.seq, isSyn, senderIsn);
      // In a segment with SYN both numbers are absolute (packetdrill socket.h).
      const ack = entry.flags.includes('ACK') ? absolute(entry.ack, isSyn, receiverIsn) : 0;
      const original = sends.find(
        (s) =>
          s.from === sender.name &&
          s.seq === seq &&
          s.len === entry.len &&
          s.retransmit === 0 &&
          s.flags.join() === entry.flags.join(),
      );
      const line = entry.line === null ? undefined : lineById.get(entry.line);
      const failed = entry.status === 'mismatch';
      const send: SendEvent = {
        t,
        type: 'send',
        id: sends.length + 1,
        from: sender.name,
        to: receiver.name,
        src: at(sender),
        dst: at(receiver),
        flags: entry.flags,
        seq,
        ack,
        len: entry.len,
        win: entry.win,
        options: optionsOfSegmentText(entry.text),
        retransmit: original ? sends.filter((s) => s.original === original.id).length + 1 : 0,
        ...(original ? { original: original.id } : {}),
        // The runner compares lengths only; its payload bytes are zeros (docs/conformance.md).
        payload: '00'.repeat(entry.len),
        ...(entry.ip ? { ip: entry.ip } : {}),
        arrivesAt: t + CROSSING_MS,
        script: {
          line: entry.line,
          verdict: entry.status === 'unexpected' ? 'unchecked' : failed ? 'failed' : 'passed',
          ...(failed && line?.expected !== undefined ? { expected: line.expected } : {}),
          ...(failed && line?.actual !== undefined ? { actual: line.actual } : {}),
          ...(failed && line?.reason !== undefined ? { message: line.reason } : {}),
        },
      };
      sends.push(send);
      trace.push(send, { t: t + CROSSING_MS, type: 'deliver', id: send.id });
      clock = t + CROSSING_MS;
    }
  }
  const last = trace[trace.length - 1]?.t ?? 0;
  const endTime = Math.max(clock, last) + CROSSING_MS;
  return {
    trace,
    endpoints: engineActive ? [engine, script] : [script, engine],
    endTime,
    stop: 'idle',
    missing,
  };
}
