/** Small wording helpers shared by the narration and the inspector's explanations. */
import type { TraceFacts } from './trace-facts';
import { displaySeq } from './trace-facts';

/** "the client", "the server", "the client-2". */
export function the(endpoint: string): string {
  return `the ${endpoint}`;
}

/** "The client": the start of a sentence. */
export function The(endpoint: string): string {
  return `The ${endpoint}`;
}

/** A sequence number of `owner`'s space, as the user chose to see it. */
export function num(value: number, owner: string, facts: TraceFacts): number {
  return displaySeq(value, owner, facts);
}

/**
 * A number for people, grouped in thousands the way the app's English sentences read
 * ("20,000"); every count of bytes, packets or lines the app writes goes through here. Header
 * fields (sequence numbers, windows as sent) stay as the wire has them.
 */
export function formatCount(n: number): string {
  return GROUPED.format(n);
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** "1 byte", "18 bytes", "20,000 bytes". */
export function bytes(n: number): string {
  return n === 1 ? '1 byte' : `${formatCount(n)} bytes`;
}

/** "1st", "2nd", "3rd", "4th", … for retransmission counts. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** The port of an "address:port" string. */
export function portOf(address: string): string {
  return address.slice(address.lastIndexOf(':') + 1);
}

/** Whether an "address:port" string is an IPv6 endpoint: "[2001:db8::1]:80" (RFC 3986 §3.2.2). */
export function isIpv6Endpoint(address: string): boolean {
  return address.startsWith('[');
}

/**
 * Payload hex as text a person can read: printable ASCII kept, CR and LF written \r and \n as
 * Wireshark does (no font needed), any other byte as "·".
 */
export function printable(hex: string): string {
  let text = '';
  for (let i = 0; i + 1 < hex.length; i += 2) {
    const code = parseInt(hex.slice(i, i + 2), 16);
    text += code >= 0x20 && code < 0x7f ? String.fromCharCode(code) : (CONTROL[code] ?? '·');
  }
  return text;
}

const CONTROL: Readonly<Record<number, string>> = { 0x0d: '\\r', 0x0a: '\\n' };

/** A short quote of a payload for a sentence: at most `max` characters, with an ellipsis. */
export function quote(hex: string, max = 24): string {
  const text = printable(hex);
  return `“${text.length > max ? `${text.slice(0, max)}…` : text}”`;
}

const PROFILE_NAMES: Readonly<Record<string, string>> = {
  rfc: 'RFC',
  linux: 'Linux',
  freebsd: 'FreeBSD',
};

/** A profile by the name a learner knows it by: "Linux", "FreeBSD", "RFC". */
export function profileName(profile: string): string {
  return PROFILE_NAMES[profile] ?? profile;
}

/** The real stack a profile follows ("Linux", "FreeBSD"), or undefined for the RFC's own. */
export function stackName(profile: string | undefined): string | undefined {
  return profile === undefined || profile === 'rfc' ? undefined : PROFILE_NAMES[profile];
}
