/** The state of one run that every event handler reads and updates. */
import type { IpOptions, KeepaliveSettings, Output, SocketId } from '../../engine';
import type { Script, ScriptEvent, SyscallSpec } from '../../wire/packetdrill/ast';
import type { LineKind, LineResult, LineStatus, TimelineEntry } from './result';
import type { RunConfig } from './script-config';
import type { Addresses, ScriptSocket } from './script-socket';
import type { Scheduled } from './timing';
import type { EngineWorld } from './world';

export interface FdEntry {
  readonly fd: number;
  socket: SocketId | null;
  port: number | null;
  listening: boolean;
  nonBlocking: boolean;
  /** TCP_MAXSEG and SO_RCVBUF set before listen or connect. */
  options: {
    mss?: number;
    receiveBuffer?: number;
    fastOpen?: boolean;
    noOptions?: boolean;
    synRetries?: number;
    userTimeoutMs?: number;
    /** Keep-alives as the socket layer turns them on (keepalive-options.ts engineKeepalive). */
    keepalive?: KeepaliveSettings;
    /** IP_TTL, IP_TOS and their IPv6 twins (ip-options.ts). */
    ip?: IpOptions;
    /** FreeBSD TCP_MD5SIG: the socket signs its segments (md5-udp-lines.ts). */
    tcpMd5?: boolean;
    /** FreeBSD TCP_REMOTE_UDP_ENCAPS_PORT: the connection runs over UDP to this port. */
    udpEncapsPort?: number;
  };
  /** Linux TCP_FASTOPEN_CONNECT: connect() may defer the SYN to the first write. */
  fastOpenConnect?: boolean;
  /** The server port of a connect() deferred by TCP_FASTOPEN_CONNECT, until the first write. */
  deferredPort?: number | null;
  /** The script socket (seq mapping) this fd created, if any. */
  scriptSocket: ScriptSocket | null;
}

/** What a system call returned: the value and, for -1, the errno name. */
export interface CallValue {
  readonly value: number;
  readonly errno: string | null;
}

/** A blocking call in progress: the script goes on while it waits (packetdrill's syscall thread). */
export interface PendingCall {
  readonly index: number;
  readonly spec: SyscallSpec;
  readonly startUsecs: number;
  readonly returnUsecs: number;
  /** Looks at the outputs of the last engine step and returns the result once the call completes. */
  readonly poll: (outputs: readonly Output[]) => CallValue | null;
  done: { readonly value: CallValue; readonly atUsecs: number } | null;
}

export interface RunContext {
  readonly script: Script;
  readonly config: RunConfig;
  readonly world: EngineWorld;
  readonly addresses: Addresses;
  readonly fds: Map<number, FdEntry>;
  /** packetdrill's socket under test: the connection the packet lines talk about. */
  sut: ScriptSocket | null;
  pending: PendingCall | null;
  /** Outputs of the engine step in progress, for the pending call to look at. */
  readonly stepOutputs: Output[];
  readonly results: (LineResult | undefined)[];
  readonly timeline: TimelineEntry[];
  /** Scheduled time of the previous event, for the percentage tolerance. */
  lastEventUsecs: number | null;
  nextRemotePort: number;
  failed: boolean;
}

export function kindOf(event: ScriptEvent): LineKind {
  const { action } = event;
  if (action.type === 'icmp') return 'inbound';
  if (action.type === 'packet' || action.type === 'unsupported-packet') {
    const direction = action.type === 'packet' ? action.packet.direction : action.direction;
    return direction;
  }
  return action.type;
}

export interface Verdict {
  readonly status: LineStatus;
  readonly reason?: string;
  readonly expected?: string;
  readonly actual?: string;
  readonly actualUsecs?: number;
}

/** Records the verdict of event `index`; a failure stops the run. */
export function record(
  ctx: RunContext,
  index: number,
  scheduled: Scheduled | null,
  verdict: Verdict,
): void {
  const event = ctx.script.events[index]!;
  const result: LineResult = {
    line: event.line,
    column: event.column,
    kind: kindOf(event),
    text: event.text,
    ...verdict,
    ...(scheduled && scheduled.expected.kind !== 'any'
      ? { scriptUsecs: scheduled.startUsecs }
      : {}),
  };
  ctx.results[index] = result;
  if (verdict.status === 'failed') ctx.failed = true;
  if (event.action.type === 'syscall') {
    ctx.timeline.push({
      type: 'call',
      t: (verdict.actualUsecs ?? ctx.world.nowUsecs) / 1000,
      line: event.line,
      text: event.text,
      status: verdict.status,
    });
  }
}
