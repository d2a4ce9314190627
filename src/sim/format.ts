/**
 * The trace as text, one line per event, readable like a packet capture:
 *    0.000 client → server  SYN seq=700 win=64240 <mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7>  #1
 * Used by the CLI's `--format text` and by the presets' golden files.
 */
import type { SendEvent, TraceEvent, TraceOption } from './trace';

/** Virtual milliseconds as seconds: 3 decimals, 6 when the time has a fraction of a millisecond. */
export function formatTime(ms: number): string {
  const seconds = ms / 1000;
  return (Number.isInteger(ms) ? seconds.toFixed(3) : seconds.toFixed(6)).padStart(8);
}

export function formatOption(option: TraceOption): string {
  switch (option.kind) {
    case 'eol':
      return 'eol';
    case 'nop':
      return 'nop';
    case 'mss':
      return `mss ${option.value}`;
    case 'wscale':
      return `wscale ${option.shift}`;
    case 'sackOK':
      return 'sackOK';
    case 'sack':
      return `sack ${option.blocks.map(([a, b]) => `${a}:${b}`).join(' ')}`;
    case 'ts':
      return `TS val ${option.val} ecr ${option.ecr}`;
    case 'unknown':
      return `opt ${option.type}`;
  }
}

/** "SYN,ACK seq=200 ack=701 win=65160 <mss 1460,nop,wscale 7>" */
export function formatSegment(e: SendEvent): string {
  const parts = [e.flags.length > 0 ? e.flags.join(',') : 'none', `seq=${e.seq}`];
  if (e.flags.includes('ACK')) parts.push(`ack=${e.ack}`);
  parts.push(`win=${e.win}`);
  if (e.len > 0) parts.push(`len=${e.len}`);
  if (e.options.length > 0) parts.push(`<${e.options.map(formatOption).join(',')}>`);
  return parts.join(' ');
}

/** Up to 40 characters of the bytes as text, non-printable ones escaped. */
export function previewBytes(hex: string): string {
  let text = '';
  for (let i = 0; i < hex.length && text.length < 40; i += 2) {
    const b = parseInt(hex.slice(i, i + 2), 16);
    if (b === 0x0d) text += '\\r';
    else if (b === 0x0a) text += '\\n';
    else if (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c) text += String.fromCharCode(b);
    else text += `\\x${hex.slice(i, i + 2)}`;
  }
  return hex.length / 2 > 40 ? `"${text}"…` : `"${text}"`;
}

function formatArgs(args: Readonly<Record<string, string | number | boolean>>): string {
  return Object.entries(args)
    .map(
      ([k, v]) => `${k}=${typeof v === 'string' && k === 'data' ? JSON.stringify(v) : String(v)}`,
    )
    .join(', ');
}

/** The trace as text lines (the send events give later deliveries and drops their direction). */
export function formatTrace(trace: readonly TraceEvent[]): string[] {
  const sends = new Map<number, SendEvent>();
  return trace.map((e) => {
    const time = formatTime(e.t);
    switch (e.type) {
      case 'send': {
        sends.set(e.id, e);
        const notes = [`#${e.id}`];
        if (e.retransmit > 0) {
          notes.push(
            `retransmit ${e.retransmit}${e.original === undefined ? '' : ` of #${e.original}`}`,
          );
        }
        if (e.forgedBy) notes.push(`forged by ${e.forgedBy}`);
        if (e.synCookie) notes.push('SYN cookie');
        if (e.rewrite)
          notes.push(`${e.rewrite.field} rewritten from ${e.rewrite.was} (#${e.rewrite.of})`);
        if (e.healthCheck) notes.push('health check');
        return `${time} ${e.from} → ${e.to}  ${formatSegment(e)}  ${notes.join(', ')}`;
      }
      case 'deliver': {
        const s = sends.get(e.id);
        const who = s ? `${s.to} ← ${s.from}` : '?';
        return `${time} ${who}  #${e.id} arrives${e.duplicate ? ' (duplicate copy)' : ''}`;
      }
      case 'drop': {
        const s = sends.get(e.id);
        const who = s ? `${s.from} → ${s.to}` : '?';
        const queue = e.queue === undefined ? '' : `: ${e.queue} queue`;
        return `${time} ${who}  #${e.id} dropped (${e.reason}${queue})`;
      }
      case 'duplicate':
        return `${time} link  #${e.id} duplicated, the copy arrives at ${formatTime(e.arrivesAt).trim()}`;
      case 'state':
        return `${time} ${e.endpoint}  ${e.from} → ${e.to}  (${e.cause})`;
      case 'timer': {
        const what =
          e.action === 'set'
            ? `set for ${formatTime(e.at ?? 0).trim()}`
            : e.action === 'fire'
              ? 'fires'
              : 'cancelled';
        const conn = e.local === undefined ? '' : `  (${e.local} ↔ ${e.remote ?? '?'})`;
        return `${time} ${e.endpoint}  timer ${e.timer} ${what}${conn}`;
      }
      case 'queue':
        return `${time} ${e.endpoint}  queues of ${e.listener}: syn ${e.syn.length}/${e.room} [${e.syn.join(' ')}], accept ${e.accept.length}/${e.room} [${e.accept.join(' ')}]`;
      case 'call': {
        const verb = e.async ? 'completes' : '=';
        return `${time} ${e.endpoint}  ${e.call}(${formatArgs(e.args)}) ${verb} ${e.result}`;
      }
      case 'data':
        return e.eof
          ? `${time} ${e.endpoint}  reads end of stream (EOF)`
          : `${time} ${e.endpoint}  reads ${e.len} bytes ${previewBytes(e.bytes)}`;
      case 'balancer':
        return `${time} ${e.balancer}  ${e.action}${e.action === 'health' ? ` ${e.backend} ${e.health}` : ''}: ${e.why}`;
      case 'outage':
        return `${time} ${e.endpoint}  outage (${e.how}), connections lost: ${e.lost.length === 0 ? 'none' : e.lost.join(' ')}`;
    }
  });
}
