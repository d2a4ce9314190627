/**
 * IP addresses as text, for both families. A host's address and a packet's are strings in one
 * canonical form (dotted quad for IPv4, RFC 5952 §4 for IPv6), so that comparing two addresses
 * is comparing two strings. The parsers take the usual forms (RFC 4291 §2.2: full, "::"
 * shortened, a dotted-quad tail); the formatter writes the canonical one.
 */

export type IpFamily = 4 | 6;

/** IPv6 text always holds a colon and IPv4 text never does: the family without parsing. */
export function ipFamily(address: string): IpFamily {
  return address.includes(':') ? 6 : 4;
}

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

/**
 * Sixteen bytes of an IPv6 address in any of RFC 4291 §2.2's text forms: eight groups of up
 * to four hex digits, one "::" for a run of zero groups, and the last 32 bits optionally as a
 * dotted quad ("::ffff:192.0.2.1"). A zone ("%eth0") is refused: a zone names an interface of
 * a real host, which the simulated hosts do not have.
 */
export function parseIpv6Address(text: string): Uint8Array {
  const fail = (): never => {
    throw new Error(`"${text}" is not an IPv6 address such as 2001:db8::1`);
  };
  const halves = text.split('::');
  if (halves.length > 2 || text === '') fail();
  let tailText = halves[halves.length - 1] ?? '';
  let embedded: Uint8Array | undefined;
  const dotted = /^(.*?)(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(tailText);
  if (dotted) {
    try {
      embedded = parseIpv4Address(dotted[2] ?? '');
    } catch {
      fail();
    }
    tailText = dotted[1] ?? '';
  }
  const groupsOf = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : fail()));
  const head = halves.length === 2 ? groupsOf(halves[0] ?? '') : [];
  const tail = groupsOf(tailText);
  if (embedded) tail.push(((embedded[0] ?? 0) << 8) | (embedded[1] ?? 0));
  if (embedded) tail.push(((embedded[2] ?? 0) << 8) | (embedded[3] ?? 0));
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) fail();
  const groups = [
    ...head,
    ...new Array<number>(halves.length === 2 ? missing : 0).fill(0),
    ...tail,
  ];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[2 * i] = g >>> 8;
    bytes[2 * i + 1] = g & 0xff;
  });
  return bytes;
}

/**
 * RFC 5952 §4: lowercase, no leading zeros, the first longest run (≥ 2) of zero groups as
 * "::"; §5: an IPv4-mapped address (::ffff:0:0/96) ends in its dotted quad.
 */
export function formatIpv6Address(bytes: Uint8Array): string {
  if (isIpv4Mapped(bytes)) return `::ffff:${formatIpv4Address(bytes.subarray(12, 16))}`;
  const groups = Array.from(
    { length: 8 },
    (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0),
  );
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (best.length < 2) return hex(groups);
  return `${hex(groups.slice(0, best.start))}::${hex(groups.slice(best.start + best.length))}`;
}

/** ::ffff:0:0/96, an IPv4 host's address in IPv6's space (RFC 4291 §2.5.5.2). */
export function isIpv4Mapped(bytes: Uint8Array): boolean {
  return (
    bytes.length === 16 &&
    bytes.subarray(0, 10).every((b) => b === 0) &&
    bytes[10] === 0xff &&
    bytes[11] === 0xff
  );
}

/** The bytes of an address of either family (4 or 16); a clear error for anything else. */
export function addressBytes(address: string): Uint8Array {
  return ipFamily(address) === 6 ? parseIpv6Address(address) : parseIpv4Address(address);
}

/** The address in its canonical form, or undefined when it is not an address of either family. */
export function canonicalAddress(text: string): string | undefined {
  try {
    return ipFamily(text) === 6
      ? formatIpv6Address(parseIpv6Address(text))
      : formatIpv4Address(parseIpv4Address(text));
  } catch {
    return undefined;
  }
}

/** "address:port" as the trace writes an endpoint; an IPv6 address in brackets (RFC 3986 §3.2.2). */
export function formatEndpoint(address: string, port: number): string {
  return ipFamily(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}
