/**
 * The option list of a timeline segment's packetdrill text ("<mss 1460,sackOK,nop,wscale 8>")
 * decoded into the trace's options, so the inspector lists them as it does for a scenario's
 * segments. Options the trace has no kind for (FO, md5, raw) are kept as 'unknown' with their
 * TCP option kind (RFC 7413: 34, RFC 2385: 19).
 */
import type { TraceOption } from '../../sim/trace';

function decodeOne(text: string): TraceOption | null {
  const words = text.trim().split(/\s+/);
  const [name = '', ...rest] = words;
  const n = (i: number): number => Number(rest[i] ?? 0);
  switch (name) {
    case 'nop':
      return { kind: 'nop' };
    case 'eol':
      return { kind: 'eol' };
    case 'sackOK':
      return { kind: 'sackOK' };
    case 'mss':
      return { kind: 'mss', value: n(0) };
    case 'wscale':
      return { kind: 'wscale', shift: n(0) };
    case 'TS':
      // "TS val X ecr Y"
      return { kind: 'ts', val: n(1), ecr: n(3) };
    case 'sack':
      return {
        kind: 'sack',
        blocks: rest.map((block) => {
          const [left = '0', right = '0'] = block.split(':');
          return [Number(left), Number(right)] as const;
        }),
      };
    case 'FO':
    case 'FOEXP':
      return { kind: 'unknown', type: name === 'FO' ? 34 : 254, data: [] };
    case 'md5':
      return { kind: 'unknown', type: 19, data: [] };
    default:
      return null;
  }
}

/** The options of a segment written as packetdrill writes it; [] when it has none. */
export function optionsOfSegmentText(segmentText: string): TraceOption[] {
  const match = /<([^>]*)>\s*$/.exec(segmentText);
  if (!match || match[1] === undefined || match[1].trim() === '...') return [];
  return match[1]
    .split(',')
    .map(decodeOne)
    .filter((o): o is TraceOption => o !== null);
}
