/**
 * A middlebox on the path. `drop` models a filtered port: the segment vanishes and the client
 * retries until it gives up (ETIMEDOUT). `reject` models a firewall that answers for the host
 * with a reset, forged the way a Linux host answers a SYN to a closed port (tcp_v4_send_reset,
 * RFC 9293 §3.10.7.1): RST,ACK seq 0 ack SEG.SEQ+SEG.LEN window 0 for a segment without ACK,
 * and RST seq SEG.ACK for one with ACK. It never answers an RST.
 */
import { segmentLength } from '../engine';
import { seq } from '../engine';
import { Flag, type Packet } from '../engine';
import { matchesKind } from './faults';
import type { Direction, FirewallRule } from './scenario';

/** The first rule that applies to `packet` travelling in `direction`, if any. */
export function firewallVerdict(
  rules: readonly FirewallRule[],
  direction: Direction,
  packet: Packet,
): FirewallRule | undefined {
  // A plain loop: find's callback closed over the packet, a closure per segment.
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i] as FirewallRule;
    if (
      rule.direction === direction &&
      (rule.port === undefined || rule.port === packet.segment.dstPort) &&
      (rule.match === undefined || matchesKind(packet.segment, rule.match))
    )
      return rule;
  }
  return undefined;
}

/**
 * The rule as the firewall log names it: "rule 1: drop SYN c2s to port 80" (1-based, in the
 * scenario's order, the order they are checked in).
 */
export function describeRule(rules: readonly FirewallRule[], rule: FirewallRule): string {
  const what = rule.match ?? 'every segment';
  const port = rule.port === undefined ? 'to any port' : `to port ${rule.port}`;
  return `rule ${rules.indexOf(rule) + 1}: ${rule.action} ${what} ${rule.direction} ${port}`;
}

/** The reset a rejecting middlebox sends back in place of the destination, or none for an RST. */
export function forgedReset(packet: Packet): Packet | undefined {
  const s = packet.segment;
  if (s.flags & Flag.RST) return undefined;
  const hasAck = (s.flags & Flag.ACK) !== 0;
  return {
    src: packet.dst,
    dst: packet.src,
    segment: {
      srcPort: s.dstPort,
      dstPort: s.srcPort,
      seq: hasAck ? s.ack : seq(0),
      ack: hasAck ? seq(0) : seq(s.seq + segmentLength(s)),
      flags: hasAck ? Flag.RST : Flag.RST | Flag.ACK,
      window: 0,
      urgent: 0,
      options: [],
      payload: new Uint8Array(0),
    },
  };
}
