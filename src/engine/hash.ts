/**
 * A small keyed 32-bit hash for ISNs, timestamp offsets and SYN cookies. It follows the
 * MurmurHash3 mixing steps (multiply, rotate, xor; then the avalanche finalizer). It is
 * not a cryptographic PRF: RFC 9293 §3.4.1 asks for one, but a simulator only needs the
 * shape of the algorithm and determinism (docs/engine.md lists this difference).
 */

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** Absorbs one 32-bit word into the running hash. */
function absorb(h: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = rotl(k, 15);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = rotl(h, 13);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** MurmurHash3's avalanche finalizer: every input bit affects every output bit. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The length goes into the hash, then the avalanche. */
function finish(h: number, count: number): number {
  return mix32(h ^ (count * 4));
}

/** Hash of a list of 32-bit words under a key; the result is an unsigned 32-bit number. */
export function keyedHash(key: number, words: readonly number[]): number {
  let h = key | 0;
  for (const w of words) h = absorb(h, w | 0);
  return finish(h, words.length);
}

/** Dotted-quad IPv4 address → unsigned 32-bit number (0 for anything unparsable). */
/** Addresses already parsed (a memo: a host meets the same few addresses again and again). */
const parsedAddresses = new Map<string, number>();

export function ipv4ToNumber(address: string): number {
  const known = parsedAddresses.get(address);
  if (known !== undefined) return known;
  const parts = address.split('.');
  let n = 0;
  if (parts.length === 4) for (const p of parts) n = (n * 256 + (Number(p) & 255)) >>> 0;
  if (parsedAddresses.size >= 4096) parsedAddresses.clear();
  parsedAddresses.set(address, n);
  return n;
}
