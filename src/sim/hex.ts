/**
 * Payload bytes as the trace writes them: lowercase hex strings (SendEvent.payload,
 * DataEvent.bytes). A bulk transfer repeats the same few payloads thousands of times (a
 * `bytes: n` send is a repeating alphabet, so each segment is one of 26 rotations per length),
 * and one fresh hex string per event was most of a long run's heap and much of its time. A
 * run's HexTable hands out one shared string per distinct payload instead; readers still see
 * plain strings, equal to what a fresh encoding would give.
 */

import { FILLER_PERIOD, fillerPhase } from './filler';

const HEX_DIGITS = new TextEncoder().encode('0123456789abcdef');
const ASCII = new TextDecoder('ascii');

/**
 * Bytes as lowercase hex. Built as one array of character codes and decoded once: string
 * concatenation per byte made the garbage collector the bulk of a long run's cost.
 */
export function toHex(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  const chars = new Uint8Array(bytes.length * 2);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    chars[2 * i] = HEX_DIGITS[b >> 4] as number;
    chars[2 * i + 1] = HEX_DIGITS[b & 15] as number;
  }
  return ASCII.decode(chars);
}

/**
 * A hash of the length and up to about 64 bytes spread over the payload: it only picks the
 * bucket, and every hit is confirmed byte for byte, so it need not read every byte.
 */
function sampleHash(bytes: Uint8Array): number {
  const n = bytes.length;
  const step = n > 64 ? (n >> 6) | 1 : 1;
  let h = Math.imul(0x811c9dc5 ^ n, 0x01000193);
  for (let i = 0; i < n; i += step) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  h = Math.imul(h ^ (bytes[n - 1] as number), 0x01000193);
  return h >>> 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  let i = 0;
  // Four bytes at a time where both views allow it (a segment's payload usually starts on a
  // multiple of 4: MSS values are); equality does not depend on byte order.
  if (n >= 64 && (a.byteOffset & 3) === 0 && (b.byteOffset & 3) === 0) {
    const words = n >> 2;
    const wa = new Uint32Array(a.buffer, a.byteOffset, words);
    const wb = new Uint32Array(b.buffer, b.byteOffset, words);
    for (let w = 0; w < words; w++) if (wa[w] !== wb[w]) return false;
    i = words << 2;
  }
  for (; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Hex of views of the filler, by length × FILLER_PERIOD + phase (see `HexTable.hex`), shared by
 * every run: the filler is one array for the whole program and never written, so a view's text
 * follows from its length and phase in any run (a bulk transfer's runs, a fork's re-run).
 * Bounded in characters, so that a run of many odd lengths cannot make it grow without end.
 */
const fillerHex = new Map<number, string>();
const FILLER_HEX_CHARS = 2 * 1024 * 1024;
let fillerHexChars = 0;

interface Entry {
  /** A copy of the bytes (the caller's array may be a view the engine reuses). */
  readonly bytes: Uint8Array;
  readonly hex: string;
}

/** One run's shared hex strings, found by content. */
export class HexTable {
  private readonly byHash = new Map<number, Entry[]>();
  private entries = 0;
  private storedBytes = 0;

  /**
   * Past `maxEntries` distinct payloads or `maxBytes` of them, new payloads are encoded afresh
   * each time, so a run of all-different payloads costs little more than without a table.
   */
  constructor(
    private readonly maxEntries = 4096,
    private readonly maxBytes = 4 * 1024 * 1024,
  ) {}

  /** The payload of the segment being delivered and its hex (see `delivering`). */
  private arriving: Uint8Array | null = null;
  private arrivingHex = '';

  /**
   * The segment about to reach its receiver: what the receiver then reads is usually this very
   * array (the engine hands its views on, never copies), so the read's `data` event finds its
   * string without hashing or comparing bytes.
   */
  delivering(payload: Uint8Array, hex: string): void {
    this.arriving = payload;
    this.arrivingHex = hex;
  }

  /** The hex of `bytes`: the shared string when the same bytes were seen before. */
  hex(bytes: Uint8Array): string {
    if (bytes.length === 0) return '';
    if (bytes === this.arriving) return this.arrivingHex;
    // A bulk send's segments are views of the filler: their bytes follow from where they start
    // and how many there are, so neither a hash nor a byte-for-byte comparison is needed.
    const phase = fillerPhase(bytes);
    if (phase < 0) return this.lookup(bytes);
    const key = bytes.length * FILLER_PERIOD + phase;
    let hex = fillerHex.get(key);
    if (hex === undefined) {
      hex = toHex(bytes);
      if (fillerHexChars + hex.length <= FILLER_HEX_CHARS) {
        fillerHexChars += hex.length;
        fillerHex.set(key, hex);
      }
    }
    return hex;
  }

  private lookup(bytes: Uint8Array): string {
    const hash = sampleHash(bytes);
    const bucket = this.byHash.get(hash);
    if (bucket !== undefined) {
      for (const entry of bucket) if (sameBytes(entry.bytes, bytes)) return entry.hex;
    }
    const hex = toHex(bytes);
    if (
      this.entries < this.maxEntries &&
      this.storedBytes + bytes.length <= this.maxBytes &&
      (bucket === undefined || bucket.length < 8)
    ) {
      this.entries++;
      this.storedBytes += bytes.length;
      const entry = { bytes: bytes.slice(), hex };
      if (bucket === undefined) this.byHash.set(hash, [entry]);
      else bucket.push(entry);
    }
    return hex;
  }
}
