/**
 * The engine under test on a virtual clock. The script plays the remote peer, so there is no
 * link and no second endpoint: inbound segments go straight into the host, and the host's
 * outbound segments wait in a queue until a `>` line takes them. Timers fire in time order only
 * when the runner moves the clock. Time is kept in integer microseconds, as packetdrill keeps
 * it; the engine is called with milliseconds.
 */
import {
  addMd5Key,
  flushMd5Keys,
  createHost,
  fastOpenReady,
  flushFastOpenCache,
  handleCall,
  handleIcmp,
  handlePacket,
  handleTimeout,
  hostSockets,
  nextDeadline,
  refuseTransmits,
  retuneHost,
  socketInfo,
  type AppCall,
  type CallResult,
  type Host,
  type HostConfig,
  type IcmpMessage,
  type Output,
  type Packet,
  type Profile,
  type SocketId,
  type SocketInfo,
} from '../../engine';
import type { Md5Key, Md5KeyChange } from './setkey';

export interface Emitted {
  readonly packet: Packet;
  readonly atUsecs: number;
  readonly socket: SocketId | null;
  readonly retransmit: number;
}

const toMs = (usecs: number): number => usecs / 1000;
const toUsecs = (ms: number): number => Math.round(ms * 1000);

export class EngineWorld {
  private host: Host | null = null;
  private pendingKeys: Md5Key[] = [];
  private config: HostConfig;
  private clock = 0;
  /** Segments the engine sent that no `>` line has taken yet, oldest first. */
  readonly outbound: Emitted[] = [];

  /**
   * `onOutput` sees every output as the engine produces it; `onStep` runs after each complete
   * engine step, a safe point to call the engine again (a blocked accept() retrying).
   */
  constructor(
    config: HostConfig,
    private readonly onOutput: (output: Output, atUsecs: number) => void,
    private readonly onStep: () => void = () => undefined,
  ) {
    this.config = config;
  }

  get nowUsecs(): number {
    return this.clock;
  }

  get profile(): Profile {
    return this.config.profile;
  }

  /** Whether the host exists yet; profile changes are only possible before. */
  get started(): boolean {
    return this.host !== null;
  }

  /** Socket options that change the whole profile (FreeBSD's TCP_KEEPINIT) before the first call. */
  tuneProfile(change: Partial<Profile>): boolean {
    if (this.host) return false;
    this.config = { ...this.config, profile: { ...this.config.profile, ...change } };
    return true;
  }

  private ensureHost(): Host {
    if (this.host) return this.host;
    this.host = createHost(this.config);
    for (const k of this.pendingKeys) addMd5Key(this.host, k.src, k.dst, k.key);
    return this.host;
  }

  /**
   * setkey: the TCP-MD5 keys change; before the host exists they wait for it, so a profile
   * change before the first call (tuneProfile) still applies.
   */
  changeMd5Keys(change: Md5KeyChange): void {
    if (change.flush) {
      this.pendingKeys = [];
      if (this.host) flushMd5Keys(this.host);
    }
    if (this.host) for (const k of change.add) addMd5Key(this.host, k.src, k.dst, k.key);
    else this.pendingKeys.push(...change.add);
  }

  call(call: AppCall): CallResult {
    const step = handleCall(this.ensureHost(), call, toMs(this.clock));
    this.take(step.outputs);
    this.onStep();
    return step.result;
  }

  inject(packet: Packet): void {
    this.take(handlePacket(this.ensureHost(), packet, toMs(this.clock)));
    this.onStep();
  }

  injectIcmp(message: IcmpMessage): void {
    this.take(handleIcmp(this.ensureHost(), message, toMs(this.clock)));
    this.onStep();
  }

  info(socket: SocketId): SocketInfo | undefined {
    return this.host ? socketInfo(this.host, socket) : undefined;
  }

  /** A sysctl line after the first call: the running host reads the new values from now on. */
  retune(change: Partial<Profile>): void {
    this.config = { ...this.config, profile: { ...this.config.profile, ...change } };
    if (this.host) retuneHost(this.host, change);
  }

  /** `ip tcp_metrics flush`: the host forgets the Fast Open cookies it learned. */
  flushFastOpenCache(): void {
    flushFastOpenCache(this.ensureHost());
  }

  /** `tc qdisc`: the host's own interface queue refuses every packet, or accepts them again. */
  refuseTransmits(refuses: boolean): void {
    refuseTransmits(this.ensureHost(), refuses);
  }

  /** Whether a Fast Open connect to the server would carry data in its SYN now. */
  fastOpenReady(remote: string, remotePort: number): boolean {
    return fastOpenReady(this.ensureHost(), remote, remotePort, toMs(this.clock));
  }

  sockets(): SocketId[] {
    return this.host ? hostSockets(this.host) : [];
  }

  /** When the engine next needs to run, on the script's microsecond clock. */
  nextTimerUsecs(): number | null {
    const at = this.host ? nextDeadline(this.host) : null;
    return at === null ? null : toUsecs(at);
  }

  /** Fires every timer due at or before `usecs`, in time order; the clock ends at `usecs`. */
  advanceTo(usecs: number): void {
    for (;;) {
      const next = this.nextTimerUsecs();
      if (next === null || next > usecs) break;
      this.fireAt(next);
    }
    if (usecs > this.clock) this.clock = usecs;
  }

  /**
   * Fires timers until a segment waits in the queue that `wanted` accepts, or the next timer
   * is after `deadline`. True when such a segment is waiting.
   */
  advanceUntilSegment(deadlineUsecs: number, wanted: (e: Emitted) => boolean): boolean {
    for (;;) {
      if (this.outbound.some(wanted)) return true;
      const next = this.nextTimerUsecs();
      if (next === null || next > deadlineUsecs) return false;
      this.fireAt(next);
    }
  }

  /** Fires the timers due at `usecs` (the earliest), moving the clock there. */
  private fireAt(usecs: number): void {
    if (usecs > this.clock) this.clock = usecs;
    const host = this.ensureHost();
    for (let at = nextDeadline(host); at !== null && toUsecs(at) === usecs;) {
      // The engine's own due time: microseconds back to milliseconds may round below it.
      this.take(handleTimeout(host, Math.max(at, toMs(usecs))));
      this.onStep();
      at = nextDeadline(host);
    }
  }

  private take(outputs: readonly Output[]): void {
    for (const output of outputs) {
      if (output.type === 'packet') {
        this.outbound.push({
          packet: output.packet,
          atUsecs: this.clock,
          socket: output.socket,
          retransmit: output.retransmit,
        });
      }
      this.onOutput(output, this.clock);
    }
  }
}
