/**
 * A small keyed 32-bit hash for ISNs, timestamp offsets and SYN cookies. It follows the
 * MurmurHash3 mixing steps (multiply, rotate, xor; then the avalanche finalizer). It is
 * not a cryptographic PRF: RFC 9293 §3.4.1 asks for one, but a simulator only needs the
 * shape of the algorithm and determinism (docs/engine.md lists this difference).
 */
import { addressBytes } from './ip-address';

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

/** Absorbs one 32-bit word into the running hash (which starts as the key). */
export function absorb(h: number, word: number): number {
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

/** The length in words goes into the hash, then the avalanche. */
export function finish(h: number, count: number): number {
  return mix32(h ^ (count * 4));
}

/** Hash of a list of 32-bit words under a key; the result is an unsigned 32-bit number. */
export function keyedHash(key: number, words: readonly number[]): number {
  let h = key | 0;
  for (const w of words) h = absorb(h, w | 0);
  return finish(h, words.length);
}

/** Addresses already parsed (a memo: a host meets the same few addresses again and again). */
const parsedAddresses = new Map<string, readonly number[]>();

/**
 * An address as the 32-bit words a keyed hash absorbs: one for IPv4, four for IPv6 (network
 * order), as Linux feeds saddr and daddr of either family to its hashes. Unparsable text
 * hashes as 0.0.0.0.
 */
export function addressWords(address: string): readonly number[] {
  const known = parsedAddresses.get(address);
  if (known !== undefined) return known;
  let words: number[];
  try {
    const bytes = addressBytes(address);
    words = [];
    for (let i = 0; i < bytes.length; i += 4) {
      words.push(
        (((bytes[i] ?? 0) << 24) |
          ((bytes[i + 1] ?? 0) << 16) |
          ((bytes[i + 2] ?? 0) << 8) |
          (bytes[i + 3] ?? 0)) >>>
          0,
      );
    }
  } catch {
    words = [0];
  }
  if (parsedAddresses.size >= 4096) parsedAddresses.clear();
  parsedAddresses.set(address, words);
  return words;
}
