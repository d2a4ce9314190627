/**
 * A segment's control bits as people say them ("SYN-ACK", "FIN-ACK", "PSH-ACK"): the bit that
 * gives the segment its role first, ACK after PSH and URG, the ECN bits last. Questions offer and
 * check flags in this spelling.
 */
import type { FlagName } from '../engine';

const ORDER: readonly FlagName[] = ['SYN', 'FIN', 'RST', 'PSH', 'URG', 'ACK', 'ECE', 'CWR'];

export function flagsName(flags: readonly FlagName[]): string {
  const named = ORDER.filter((flag) => flags.includes(flag));
  return named.length === 0 ? 'no flags' : named.join('-');
}

/** The answers a flags question offers besides the right one, in this order. */
export const FLAG_CHOICES: readonly string[] = [
  'SYN',
  'SYN-ACK',
  'ACK',
  'PSH-ACK',
  'FIN-ACK',
  'RST',
  'RST-ACK',
];
