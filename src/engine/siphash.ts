/**
 * SipHash-2-4 (Aumasson and Bernstein, 2012), the keyed hash Linux computes Fast Open cookies
 * with (siphash() in lib/siphash.c): a 64-bit result from a 128-bit key and a message of any
 * length, read as little-endian 64-bit words with the length in the last byte.
 */
const MASK = (1n << 64n) - 1n;

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & MASK;
}

export function sipHash24(k0: bigint, k1: bigint, message: readonly number[]): bigint {
  let v0 = k0 ^ 0x736f6d6570736575n;
  let v1 = k1 ^ 0x646f72616e646f6dn;
  let v2 = k0 ^ 0x6c7967656e657261n;
  let v3 = k1 ^ 0x7465646279746573n;
  const round = () => {
    v0 = (v0 + v1) & MASK;
    v1 = rotl(v1, 13n) ^ v0;
    v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & MASK;
    v3 = rotl(v3, 16n) ^ v2;
    v0 = (v0 + v3) & MASK;
    v3 = rotl(v3, 21n) ^ v0;
    v2 = (v2 + v1) & MASK;
    v1 = rotl(v1, 17n) ^ v2;
    v2 = rotl(v2, 32n);
  };
  const compress = (m: bigint) => {
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  };
  const word = (at: number, count: number): bigint => {
    let m = 0n;
    for (let i = count - 1; i >= 0; i--) m = (m << 8n) | BigInt((message[at + i] ?? 0) & 255);
    return m;
  };
  const whole = message.length - (message.length % 8);
  for (let at = 0; at < whole; at += 8) compress(word(at, 8));
  compress((BigInt(message.length & 255) << 56n) | word(whole, message.length - whole));
  v2 ^= 0xffn;
  for (let i = 0; i < 4; i++) round();
  return v0 ^ v1 ^ v2 ^ v3;
}
