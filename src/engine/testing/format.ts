/**
 * Test-only: one line per segment, like a packet capture, for golden traces
 * ("t=0 A→B SYN seq=700 win=65535 <mss 1460>").
 */
import { flagNames } from '../flags';
import type { Segment, TcpOption } from '../types';

function formatOption(o: TcpOption): string {
  switch (o.kind) {
    case 'mss':
      return `mss ${o.value}`;
    case 'wscale':
      return `wscale ${o.shift}`;
    case 'ts':
      return `TS val ${o.val} ecr ${o.ecr}`;
    case 'sack':
      return `sack ${o.blocks.map(([a, b]) => `${a}:${b}`).join(' ')}`;
    case 'unknown':
      return `opt${o.type}`;
    default:
      return o.kind;
  }
}

export function formatSegment(seg: Segment): string {
  const parts = [flagNames(seg.flags).join(',') || '-', `seq=${seg.seq}`];
  if (seg.flags & 0x10) parts.push(`ack=${seg.ack}`);
  parts.push(`win=${seg.window}`);
  if (seg.payload.length > 0) parts.push(`len=${seg.payload.length}`);
  if (seg.options.length > 0) parts.push(`<${seg.options.map(formatOption).join(',')}>`);
  return parts.join(' ');
}
