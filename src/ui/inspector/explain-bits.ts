/**
 * Why each control bit is set or clear, and what each option says: one sentence each, citing
 * the RFC that defines it (RFC 9293 §3.1 for the header, RFC 3168 for ECN, RFC 7323 and
 * RFC 2018 for the options).
 */
import { IP_HEADER_BYTES, ipFamily, MD5_OPTION_KIND, type FlagName } from '../../engine';
import { splitEndpoint } from '../../wire/address';
import type { SendEvent, TraceOption } from '../../sim/trace';
import type { TraceFacts } from '../format/trace-facts';
import { bytes, The, the } from '../format/words';

/** The flag byte from its high bit down, as the header diagram of RFC 9293 §3.1 draws it. */
export const FLAG_BITS: readonly FlagName[] = [
  'CWR',
  'ECE',
  'URG',
  'ACK',
  'PSH',
  'RST',
  'SYN',
  'FIN',
];

export function explainFlag(flag: FlagName, e: SendEvent): string {
  const set = e.flags.includes(flag);
  switch (flag) {
    case 'SYN':
      return set
        ? 'Set: synchronize sequence numbers; only the first segment in each direction carries it (RFC 9293 §3.5).'
        : 'Clear: this segment does not open a connection.';
    case 'ACK':
      if (set)
        return 'Set: the acknowledgment number is valid; every segment after the first SYN carries it (RFC 9293 §3.1).';
      return e.flags.includes('SYN')
        ? 'Clear: the first SYN of a connection has nothing to acknowledge yet (RFC 9293 §3.5).'
        : 'Clear: the acknowledgment number is not valid and is ignored (RFC 9293 §3.1).';
    case 'FIN':
      return set
        ? 'Set: the sender has no more data; the FIN takes one sequence number (RFC 9293 §3.6).'
        : 'Clear: the sender is not closing with this segment.';
    case 'RST':
      return set
        ? 'Set: reset the connection; the receiver drops it at once (RFC 9293 §3.5.2).'
        : 'Clear: not a reset.';
    case 'PSH':
      return set
        ? 'Set: the receiver should hand the data to the application without waiting for more (RFC 9293 §3.9.1).'
        : e.len > 0
          ? 'Clear: more data follows in the next segment before the application needs it.'
          : 'Clear: no data to push.';
    case 'URG':
      return set
        ? 'Set: the urgent pointer is valid (RFC 9293 §3.8.5).'
        : 'Clear: no urgent data; new applications should not use it (RFC 6093).';
    case 'ECE':
      return set
        ? 'Set: ECN-Echo; on a SYN it offers Explicit Congestion Notification (RFC 3168 §6.1.1).'
        : 'Clear: no congestion to echo, and ECN is not offered (RFC 3168 §6.1).';
    case 'CWR':
      return set
        ? 'Set: Congestion Window Reduced, the sender reacted to an ECN echo (RFC 3168 §6.1.2).'
        : 'Clear: no congestion window reduction to report (RFC 3168 §6.1).';
  }
}

/** Short text of an option's value: "1460", "shift 7", "val 100 ecr 0", "701–719". */
export function optionValue(o: TraceOption): string {
  switch (o.kind) {
    case 'mss':
      return `${o.value}`;
    case 'wscale':
      return `shift ${o.shift} (× ${2 ** o.shift})`;
    case 'ts':
      return `val ${o.val} ecr ${o.ecr}`;
    case 'sack':
      return o.blocks.map(([l, r]) => `${l}–${r}`).join(', ');
    case 'unknown':
      return o.type === MD5_OPTION_KIND
        ? `digest ${o.data.map((b) => b.toString(16).padStart(2, '0')).join('')}`
        : `kind ${o.type}, ${bytes(o.data.length)} of data`;
    default:
      return '';
  }
}

export const OPTION_NAMES: Readonly<Record<TraceOption['kind'], string>> = {
  eol: 'End of option list',
  nop: 'No-operation',
  mss: 'Maximum segment size',
  wscale: 'Window scale',
  sackOK: 'SACK permitted',
  sack: 'SACK blocks',
  ts: 'Timestamps',
  unknown: 'Unknown option',
};

/** The option's name, a TCP-MD5 signature (kind 19) named as such. */
export function optionName(o: TraceOption): string {
  return o.kind === 'unknown' && o.type === MD5_OPTION_KIND
    ? 'TCP-MD5 signature'
    : OPTION_NAMES[o.kind];
}

export function explainOption(o: TraceOption, e: SendEvent, facts: TraceFacts): string {
  switch (o.kind) {
    case 'eol':
      return 'Marks the end of the options; the rest of the header is padding (RFC 9293 §3.2).';
    case 'nop':
      return 'One byte of padding so that the next option starts on a 4-byte boundary (RFC 9293 §3.2).';
    case 'mss':
      return explainMss(o.value, e);
    case 'wscale': {
      const agreed = facts.windowShift[e.from] !== undefined;
      const outcome = agreed
        ? 'both SYNs carry the option, so scaling is in force'
        : 'the other SYN does not carry it, so windows stay unscaled';
      return `Shift ${o.shift}: ${the(e.from)} will count its window in units of ${bytes(2 ** o.shift)}; ${outcome} (RFC 7323 §2.2).`;
    }
    case 'sackOK':
      return `${The(e.from)} can receive selective acknowledgments for data that arrives out of order (RFC 2018 §2).`;
    case 'sack':
      return `Blocks ${the(e.from)} has received beyond the acknowledged data, so only the gaps need resending (RFC 2018 §3).`;
    case 'ts':
      return o.ecr === 0 && e.flags.includes('SYN') && !e.flags.includes('ACK')
        ? `TSval ${o.val} is ${the(e.from)}'s timestamp clock; TSecr 0 because there is nothing to echo yet (RFC 7323 §3.2).`
        : `TSval ${o.val} is ${the(e.from)}'s clock; TSecr ${o.ecr} echoes the last timestamp it received, so ${the(e.to)} can measure the round-trip time (RFC 7323 §3.2).`;
    case 'unknown':
      if (o.type === MD5_OPTION_KIND) {
        return `An MD5 digest of this segment and a key both ends share: ${the(e.to)} drops the segment unless the digest matches, so a forged RST or data cannot get in (RFC 2385 §2.0).`;
      }
      return `Kind ${o.type} is not one this lab interprets; a receiver must ignore options it does not know (RFC 9293 §3.2).`;
  }
}

/** The MSS of a SYN; the usual values are a 1500-byte Ethernet MTU less the two headers. */
function explainMss(value: number, e: SendEvent): string {
  const v6 = ipFamily(splitEndpoint(e.src).address) === 6;
  const ip = IP_HEADER_BYTES[v6 ? 6 : 4];
  if (value !== ETHERNET_MTU - ip - TCP_HEADER_BYTES) {
    return `${value}: the most payload ${the(e.from)} accepts per segment (RFC 9293 §3.7.1).`;
  }
  const headers = v6
    ? `${ip} bytes of IPv6 header − ${TCP_HEADER_BYTES} bytes of TCP header: 20 less than over IPv4, whose header is half as long (RFC 9293 §3.7.1, RFC 8200 §3)`
    : `${ip} bytes of IPv4 − ${TCP_HEADER_BYTES} bytes of TCP header (RFC 9293 §3.7.1)`;
  return `${value}: the most payload ${the(e.from)} accepts per segment: a ${ETHERNET_MTU}-byte Ethernet MTU − ${headers}.`;
}

const ETHERNET_MTU = 1500;
const TCP_HEADER_BYTES = 20;
