/**
 * What a run produces: a verdict per script line and a timeline of both sides' segments that
 * the app can draw. Plain JSON-able data.
 */
import type { FlagName, IpFields, TcpState } from '../../engine';

/**
 * - passed: the runner compared what the engine did with what the line says, and they agree.
 * - failed: they disagree (or the line could not be carried out); `expected`/`actual` say how.
 * - performed: the runner carried the line out (injected a segment, created an fd) and there
 *   was nothing to compare.
 * - applied: a configuration line (`--option`, sysctl) became a profile setting.
 * - not-applicable: the line asks about something the simulation does not model; `reason` says
 *   what. Such a line is never counted as passed.
 * - not-run: the script had already failed before this line.
 */
export type LineStatus =
  'passed' | 'failed' | 'performed' | 'applied' | 'not-applicable' | 'not-run';

export type LineKind = 'inbound' | 'outbound' | 'syscall' | 'command' | 'code' | 'option';

export interface LineResult {
  readonly line: number;
  readonly column: number;
  readonly kind: LineKind;
  readonly text: string;
  readonly status: LineStatus;
  /** Why it failed, what was applied, or why it is not applicable. */
  readonly reason?: string;
  /** For a failed packet or call: the line's expectation and what the engine did, in script syntax. */
  readonly expected?: string;
  readonly actual?: string;
  /** Script time of the event and the virtual time it happened, in microseconds. */
  readonly scriptUsecs?: number;
  readonly actualUsecs?: number;
}

/** One segment on the wire, with numbers in script space (relative as the script writes them). */
export interface TimelineSegment {
  readonly type: 'segment';
  /** Virtual time in milliseconds. */
  readonly t: number;
  readonly direction: 'inbound' | 'outbound';
  readonly flags: readonly FlagName[];
  readonly seq: number;
  readonly ack: number;
  readonly len: number;
  readonly win: number;
  /** The segment in packetdrill syntax, e.g. `S. 0:0(0) ack 1 win 65535 <mss 1460>`. */
  readonly text: string;
  /** The script line that injected or matched it; null for a segment no line accounted for. */
  readonly line: number | null;
  /**
   * injected: an inbound line; matched / mismatch: an outbound line compared with it;
   * unexpected: sent by the engine after the script had no more `>` lines for it;
   * ignored: sent on another connection than the one under test (packetdrill ignores those).
   */
  readonly status: 'injected' | 'matched' | 'mismatch' | 'unexpected' | 'ignored';
  /** The TTL and TOS of its IP header when not the default (engine ip-fields.ts). */
  readonly ip?: IpFields;
}

export interface TimelineCall {
  readonly type: 'call';
  readonly t: number;
  readonly line: number;
  readonly text: string;
  readonly status: LineStatus;
}

export interface TimelineState {
  readonly type: 'state';
  readonly t: number;
  readonly socket: number;
  readonly from: TcpState;
  readonly to: TcpState;
  readonly cause: string;
}

export type TimelineEntry = TimelineSegment | TimelineCall | TimelineState;

/**
 * - passed: no line failed and every packet line was checked or performed.
 * - failed: a line failed (`firstFailure`).
 * - skipped: nothing failed, but some packet line could not be checked.
 * - error: the script could not be parsed (`syntaxError`).
 */
export type Outcome = 'passed' | 'failed' | 'skipped' | 'error';

export interface LineCounts {
  readonly passed: number;
  readonly failed: number;
  readonly performed: number;
  readonly applied: number;
  readonly notApplicable: number;
  readonly notRun: number;
}

export interface ScriptRunResult {
  readonly outcome: Outcome;
  /** The profile the engine ran with and the variations the script asked for. */
  readonly profile: {
    readonly name: string;
    readonly origin: string;
    readonly notes: readonly string[];
  };
  readonly lines: readonly LineResult[];
  readonly counts: LineCounts;
  /** Packet lines in the script and how many of them were checked or performed. */
  readonly packetLines: { readonly total: number; readonly checked: number };
  readonly firstFailure: LineResult | null;
  readonly syntaxError: {
    readonly line: number;
    readonly column: number;
    readonly message: string;
  } | null;
  readonly timeline: readonly TimelineEntry[];
}
