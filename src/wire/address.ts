/** IPv4 addresses and the "address:port" endpoints the trace writes (src/sim/trace.ts). */

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

/** Splits "10.0.0.1:49152" into its address and port. */
export function parseEndpoint(text: string): { address: string; port: number } {
  const colon = text.lastIndexOf(':');
  const address = text.slice(0, colon);
  const portText = text.slice(colon + 1);
  const port = Number(portText);
  if (colon < 0 || !/^\d+$/.test(portText) || port > 0xffff) {
    throw new Error(`"${text}" is not an address:port pair such as 10.0.0.1:49152`);
  }
  parseIpv4Address(address);
  return { address, port };
}
