/** IPv4 (and IPv6) addresses and the "address:port" endpoints the trace writes (src/sim/trace.ts). */
import { parseIpv6Address } from './ipv6';

/** Four bytes of a dotted-quad IPv4 address; a clear error for anything else. */
export function parseIpv4Address(text: string): Uint8Array {
  const parts = text.split('.');
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  if (bytes.length !== 4 || bytes.some((b) => !(b >= 0 && b <= 255))) {
    throw new Error(`"${text}" is not a dotted-quad IPv4 address such as 10.0.0.1`);
  }
  return Uint8Array.from(bytes);
}

export function formatIpv4Address(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 4)).join('.');
}

/** Splits "10.0.0.1:49152" (or "[2001:db8::1]:443", RFC 3986 §3.2.2) into address and port. */
export function parseEndpoint(text: string): { address: string; port: number } {
  const colon = text.lastIndexOf(':');
  const bracketed = /^\[([0-9a-fA-F:.]+)\]$/.exec(text.slice(0, colon));
  if (bracketed?.[1] !== undefined) {
    parseIpv6Address(bracketed[1]);
    return { address: bracketed[1], port: portOf(text, text.slice(colon + 1)) };
  }
  const address = text.slice(0, colon);
  if (colon < 0) throw notAnEndpoint(text);
  const port = portOf(text, text.slice(colon + 1));
  parseIpv4Address(address);
  return { address, port };
}

/** "address:port" as the trace writes it; an IPv6 address in brackets. */
export function formatEndpoint(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function portOf(text: string, portText: string): number {
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 0xffff) throw notAnEndpoint(text);
  return port;
}

const notAnEndpoint = (text: string) =>
  new Error(`"${text}" is not an address:port pair such as 10.0.0.1:49152`);
