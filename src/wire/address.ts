/** IPv4 (and IPv6) addresses and the "address:port" endpoints the trace writes (src/sim/trace.ts). */
import { formatEndpoint, formatIpv4Address, parseIpv4Address, parseIpv6Address } from '../engine';

export { formatEndpoint, formatIpv4Address, parseIpv4Address };

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

/**
 * The address and port of an "address:port" label without checking them: the address without
 * its brackets, the port as written ('' when there is no colon). For display and grouping.
 */
export function splitEndpoint(text: string): { address: string; port: string } {
  const colon = text.lastIndexOf(':');
  if (colon < 0) return { address: text, port: '' };
  const host = text.slice(0, colon);
  const address = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return { address, port: text.slice(colon + 1) };
}

function portOf(text: string, portText: string): number {
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 0xffff) throw notAnEndpoint(text);
  return port;
}

const notAnEndpoint = (text: string) =>
  new Error(`"${text}" is not an address:port pair such as 10.0.0.1:49152`);
