/**
 * The MD5 message digest (RFC 1321), which TCP-MD5 signatures are made of (RFC 2385 §2.0).
 * The engine runs in the browser as well as in Node and imports nothing, so the digest is
 * written here, after RFC 1321 §3: pad to 448 bits mod 512, append the bit length (64 bits,
 * little-endian), and run the four rounds of sixteen steps on each 64-byte block.
 */

/** T[i] = floor(2^32 · |sin(i + 1)|) (RFC 1321 §3.4), computed once. */
const T = Array.from(
  { length: 64 },
  (_, i) => Math.floor(2 ** 32 * Math.abs(Math.sin(i + 1))) >>> 0,
);

/** Per-round left rotations (RFC 1321 §3.4, the s values of each round's four steps). */
const SHIFTS = [
  [7, 12, 17, 22],
  [5, 9, 14, 20],
  [4, 11, 16, 23],
  [6, 10, 15, 21],
] as const;

function rotl(x: number, n: number): number {
  return ((x << n) | (x >>> (32 - n))) >>> 0;
}

/** The 16-byte digest of `message`. */
export function md5(message: Uint8Array): Uint8Array {
  const bitLength = message.length * 8;
  const padded = new Uint8Array((((message.length + 8) >> 6) + 1) * 64);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, bitLength >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(bitLength / 2 ** 32), true);

  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  const x = new Array<number>(16);
  for (let block = 0; block < padded.length; block += 64) {
    for (let j = 0; j < 16; j++) x[j] = view.getUint32(block + j * 4, true);
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      let f: number;
      let k: number;
      if (round === 0) {
        f = (b & c) | (~b & d); // F(X,Y,Z)
        k = i;
      } else if (round === 1) {
        f = (b & d) | (c & ~d); // G
        k = (5 * i + 1) & 15;
      } else if (round === 2) {
        f = b ^ c ^ d; // H
        k = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d); // I
        k = (7 * i) & 15;
      }
      const sum = (a + (f >>> 0) + T[i]! + x[k]!) >>> 0;
      a = d;
      d = c;
      c = b;
      b = (b + rotl(sum, SHIFTS[round]![i & 3]!)) >>> 0;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  const out = new Uint8Array(16);
  const o = new DataView(out.buffer);
  o.setUint32(0, a0, true);
  o.setUint32(4, b0, true);
  o.setUint32(8, c0, true);
  o.setUint32(12, d0, true);
  return out;
}
