/**
 * runScript: the script plays the remote peer, the engine is the local stack, on a virtual
 * clock. Events run in file order with packetdrill's rules for times, numbers and tolerance;
 * the first failure stops the run, as it stops packetdrill. Pure: no file system, no wall
 * clock, so the app can run a script in the browser.
 */
import type { IsnConfig } from '../../engine';
import type { Script } from '../../wire/packetdrill/ast';
import { judgeCode } from './code-block';
import { ScriptSyntaxError } from '../../wire/packetdrill/errors';
import { formatSeconds } from '../../wire/packetdrill/format';
import { parseScript } from '../../wire/packetdrill/parser';
import type { LineResult, ScriptRunResult } from './result';
import { kindOf, record, type RunContext } from './run-context';
import { runIcmp } from './run-icmp';
import { notModeled } from './ip-lines';
import { md5SecretProblem } from './md5-udp-lines';
import { runInbound, runOutbound, timelineSegment } from './run-packets';
import { pollPending, runSyscall, settlePending } from './run-syscalls';
import { summarize } from './summary';
import { configure, type ConfigRequest } from './script-config';
import { outboundView, isForSocket } from './script-socket';
import { isInbound, schedule, toleranceFor, type PreviousEvent, type Scheduled } from './timing';
import { EngineWorld } from './world';

export interface RunOptions extends ConfigRequest {
  /** The engine's ISN choice; by default RFC 9293 §3.4.1 with a fixed key. */
  readonly isn?: IsnConfig;
}

/**
 * run_all.py defines TFO_COOKIE for IPv4 runs of the google scripts. The fastopen/server ICMP
 * scripts leave their ICMP code to a CODE symbol that run_all.py does not define (packetdrill
 * would reject "bad ICMP code CODE"); the harness they were written for gave host_unreachable,
 * the code their expected EHOSTUNREACH and their opt34 copies name.
 */
const DEFAULT_DEFINES: Readonly<Record<string, string>> = {
  TFO_COOKIE: '3021b9d889017eeb',
  CODE: 'host_unreachable',
};
const DEFAULT_ISN: IsnConfig = { mode: 'rfc', key: 0x5eed1e55 };
/** packetdrill's remote ports come from the live machine; any unused port will do here. */
const FIRST_REMOTE_PORT = 48_000;

function syntaxErrorResult(error: ScriptSyntaxError): ScriptRunResult {
  return summarize({
    lines: [],
    timeline: [],
    profile: { name: '-', origin: '-', notes: [] },
    syntaxError: { line: error.line, column: error.column, message: error.message },
  });
}

/** A non-packet event that starts later than scheduled (after waiting for a blocking call). */
function lateStart(ctx: RunContext, scheduled: Scheduled): string | null {
  if (scheduled.expected.kind === 'any') return null;
  const tolerance = toleranceFor(ctx.config, scheduled.startUsecs, ctx.lastEventUsecs);
  if (ctx.world.nowUsecs <= scheduled.startUsecs + tolerance) return null;
  return `timing error: expected the event at ${formatSeconds(scheduled.startUsecs)} sec but the runner was already at ${formatSeconds(ctx.world.nowUsecs)} sec`;
}

function runEvent(ctx: RunContext, index: number, scheduled: Scheduled): void {
  const event = ctx.script.events[index]!;
  const { action } = event;
  if (action.type === 'command') {
    const verdict = ctx.config.commandVerdicts.get(index)!;
    for (const act of verdict.atRun ?? []) {
      ctx.world.advanceTo(scheduled.startUsecs);
      if (act === 'flush-tcp-metrics') ctx.world.flushFastOpenCache();
      else ctx.world.refuseTransmits(act === 'local-queue-refuses');
    }
    if (verdict.retune) {
      ctx.world.advanceTo(scheduled.startUsecs);
      ctx.world.retune(verdict.retune);
    }
    if (verdict.md5Keys) ctx.world.changeMd5Keys(verdict.md5Keys);
    record(ctx, index, scheduled, { status: verdict.status, reason: verdict.reason });
    return;
  }
  if (action.type === 'unsupported-packet') {
    record(ctx, index, scheduled, { status: 'not-applicable', reason: action.reason });
    return;
  }
  const unmodeled =
    action.type === 'packet'
      ? (notModeled(action.packet) ?? md5SecretProblem(action.packet, ctx.config.md5Secret))
      : null;
  if (unmodeled !== null) {
    record(ctx, index, scheduled, { status: 'not-applicable', reason: unmodeled });
    return;
  }
  if (action.type === 'packet' && action.packet.direction === 'outbound') {
    runOutbound(ctx, index, action.packet, scheduled);
    return;
  }
  const late = lateStart(ctx, scheduled);
  if (late) {
    record(ctx, index, scheduled, { status: 'failed', reason: late });
    return;
  }
  ctx.world.advanceTo(scheduled.startUsecs);
  if (action.type === 'packet') runInbound(ctx, index, action.packet, scheduled);
  else if (action.type === 'icmp') runIcmp(ctx, index, action.icmp, scheduled);
  else if (action.type === 'syscall') runSyscall(ctx, index, action.syscall, scheduled);
  else record(ctx, index, scheduled, judgeCode(ctx, action.code));
}

/** Segments the engine sent that no line took: shown, not judged (packetdrill ignores them). */
function leftovers(ctx: RunContext): void {
  for (const e of ctx.world.outbound.splice(0)) {
    const s = ctx.sut;
    if (!s) continue;
    const view = outboundView(s, e.packet.segment);
    const status = isForSocket(s, e.packet, ctx.addresses) ? 'unexpected' : 'ignored';
    timelineSegment(ctx, e.atUsecs, view, null, status, e.packet.ip);
  }
}

function optionLines(script: Script, ctx: RunContext): LineResult[] {
  return script.options.map((o, i) => ({
    line: o.line,
    column: o.column,
    kind: 'option',
    text: `--${o.name}${o.value === null ? '' : `=${o.value}`}`,
    ...ctx.config.optionVerdicts[i]!,
  }));
}

export function runScript(source: string, options: RunOptions = {}): ScriptRunResult {
  const defines = { ...DEFAULT_DEFINES, ...options.defines };
  let script: Script;
  try {
    script = parseScript(source, { defines });
  } catch (error) {
    if (error instanceof ScriptSyntaxError) return syntaxErrorResult(error);
    throw error;
  }
  const config = configure(script, { ...options, defines });
  const addresses = { localIp: config.localIp, remoteIp: config.remoteIp };
  const ctx: RunContext = {
    script,
    config,
    addresses,
    world: new EngineWorld(
      {
        address: config.localIp,
        profile: config.profile,
        isn: options.isn ?? DEFAULT_ISN,
        synCookies: config.synCookies,
        maxBacklog: config.maxBacklog,
      },
      (output, atUsecs) => {
        ctx.stepOutputs.push(output);
        if (output.type === 'state') {
          const { socket, from, to, cause } = output;
          ctx.timeline.push({ type: 'state', t: atUsecs / 1000, socket, from, to, cause });
        }
      },
      () => pollPending(ctx),
    ),
    fds: new Map(),
    sut: null,
    pending: null,
    stepOutputs: [],
    results: [],
    timeline: [],
    lastEventUsecs: null,
    nextRemotePort: FIRST_REMOTE_PORT,
    failed: false,
  };

  let previous: PreviousEvent | null = null;
  script.events.forEach((event, index) => {
    if (ctx.failed) return;
    if (event.action.type === 'syscall' && ctx.pending) {
      settlePending(ctx);
      if (ctx.failed) return;
    }
    const scheduled = schedule(event, previous, ctx.world.nowUsecs);
    runEvent(ctx, index, scheduled);
    if (event.time.kind !== 'none') {
      previous = { inbound: isInbound(event), usecs: scheduled.startUsecs };
      ctx.lastEventUsecs = scheduled.startUsecs;
    }
  });
  if (!ctx.failed) settlePending(ctx);
  leftovers(ctx);

  const lines: LineResult[] = [
    ...optionLines(script, ctx),
    ...script.events.map(
      (event, index): LineResult =>
        ctx.results[index] ?? {
          line: event.line,
          column: event.column,
          kind: kindOf(event),
          text: event.text,
          status: 'not-run',
          reason: 'the script had already failed',
        },
    ),
  ].sort((a, b) => a.line - b.line || a.column - b.column);
  return summarize({
    lines,
    timeline: ctx.timeline,
    profile: { name: config.profile.name, origin: config.origin, notes: config.notes },
    syntaxError: null,
  });
}
