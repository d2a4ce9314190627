/** Segments and options written back in packetdrill syntax, for reports and the timeline. */
import { Flag } from '../../engine';
import type { PacketSpec, ScriptOptions, ScriptTcpOption } from './ast';

const LETTERS: readonly (readonly [number, string])[] = [
  [Flag.SYN, 'S'],
  [Flag.FIN, 'F'],
  [Flag.RST, 'R'],
  [Flag.PSH, 'P'],
  [Flag.URG, 'U'],
  [Flag.ECE, 'E'],
  [Flag.CWR, 'W'],
];

/** `S.`, `FP.`, `R`, `.`, or `-` for no flag at all. */
export function formatFlags(flags: number): string {
  let text = '';
  for (const [bit, letter] of LETTERS) if (flags & bit) text += letter;
  if (flags & Flag.ACK) text += '.';
  return text === '' ? '-' : text;
}

export function formatOption(option: ScriptTcpOption): string {
  switch (option.kind) {
    case 'nop':
    case 'eol':
    case 'sackOK':
      return option.kind;
    case 'mss':
      return `mss ${option.value}`;
    case 'wscale':
      return `wscale ${option.shift}`;
    case 'sack':
      return `sack ${option.blocks.map(([a, b]) => `${a}:${b}`).join(' ')}`;
    case 'ts':
      return `TS val ${option.val} ecr ${option.ecr}`;
    case 'fastopen': {
      const name = option.experimental ? 'FOEXP' : 'FO';
      const cookie = option.cookie ?? option.symbol ?? '';
      return cookie === '' ? name : `${name} ${cookie}`;
    }
    case 'md5':
      return `md5 ${option.digest}`;
    case 'raw':
      return `option ${option.type} ${option.data}`;
  }
}

export function formatOptions(options: ScriptOptions): string {
  if (options === 'unchecked') return '<...>';
  if (options.length === 0) return '';
  return `<${options.map(formatOption).join(',')}>`;
}

/** A segment as a packetdrill line writes it, without time and direction. */
export function formatSegment(p: PacketSpec): string {
  const parts = [formatFlags(p.flags), `${p.seqStart}:${p.seqEnd}(${p.payloadLength})`];
  if (p.flags & Flag.ACK && p.ack !== null) parts.push(`ack ${p.ack}`);
  if (p.window !== null) parts.push(`win ${p.window}`);
  if (p.urgent !== null && p.urgent !== 0) parts.push(`urg ${p.urgent}`);
  const options = formatOptions(p.options);
  if (options !== '') parts.push(options);
  return parts.join(' ');
}

/** Microseconds as packetdrill prints seconds: `1.100000`. */
export function formatSeconds(usecs: number): string {
  return (usecs / 1_000_000).toFixed(6);
}
