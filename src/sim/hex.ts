/**
 * Payload bytes as the trace writes them: lowercase hex strings (SendEvent.payload,
 * DataEvent.bytes). A bulk transfer repeats the same few payloads thousands of times (a
 * `bytes: n` send is a repeating alphabet, so each segment is one of 26 rotations per length),
 * and one fresh hex string per event was most of a long run's heap and much of its time. A
 * run's HexTable hands out one shared string per distinct payload instead; readers still see
 * plain strings, equal to what a fresh encoding would give.
 */

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

/** FNV-1a over the bytes: cheap next to encoding them, and spreads rotations well. */
function hashBytes(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

/** Whether `hex` is the encoding of `bytes`. */
function encodes(hex: string, bytes: Uint8Array): boolean {
  if (hex.length !== bytes.length * 2) return false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (
      hex.charCodeAt(2 * i) !== HEX_DIGITS[b >> 4] ||
      hex.charCodeAt(2 * i + 1) !== HEX_DIGITS[b & 15]
    ) {
      return false;
    }
  }
  return true;
}

/** One run's shared hex strings, found by content. */
export class HexTable {
  /** Hex strings by the hash of their bytes (a list, for the rare collision). */
  private readonly byHash = new Map<number, string[]>();
  private entries = 0;

  /**
   * @param limit the most distinct payloads kept; past it, new payloads are encoded afresh
   *   each time, so a run of all-different payloads costs no more than without a table.
   */
  constructor(private readonly limit = 4096) {}

  /** The hex of `bytes`: the shared string when these bytes were seen before. */
  hex(bytes: Uint8Array): string {
    if (bytes.length === 0) return '';
    const hash = hashBytes(bytes);
    const list = this.byHash.get(hash);
    if (list !== undefined) {
      for (const hex of list) if (encodes(hex, bytes)) return hex;
    }
    const hex = toHex(bytes);
    if (this.entries < this.limit) {
      this.entries++;
      if (list === undefined) this.byHash.set(hash, [hex]);
      else list.push(hex);
    }
    return hex;
  }
}
