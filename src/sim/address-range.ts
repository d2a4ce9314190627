/**
 * Consecutive addresses, for an injection's spoofed sources ("count addresses from
 * fromAddress"): an address as a number of its family's width (32 bits for IPv4, 128 for
 * IPv6) and back.
 */
import { addressBytes, formatIpv6Address, ipFamily, type IpFamily } from '../engine';

const BITS: Readonly<Record<IpFamily, bigint>> = { 4: 32n, 6: 128n };

/** The last address of the family: 255.255.255.255 or ffff:...:ffff. */
export function lastAddressNumber(family: IpFamily): bigint {
  return (1n << BITS[family]) - 1n;
}

export function addressNumber(address: string): bigint {
  let n = 0n;
  for (const byte of addressBytes(address)) n = (n << 8n) | BigInt(byte);
  return n;
}

export function addressOfNumber(n: bigint, family: IpFamily): string {
  if (family === 4) {
    const v = Number(n & 0xffffffffn);
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  const bytes = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    bytes[i] = Number((n >> BigInt(8 * (15 - i))) & 0xffn);
  }
  return formatIpv6Address(bytes);
}

/** The k-th address after `base` (10.0.0.1, 10.0.0.2, ...), wrapping within the family. */
export function nthAddress(base: string, k: number): string {
  const family = ipFamily(base);
  if (family === 4) {
    const n = base.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    const v = (n + k) >>> 0;
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  return addressOfNumber((addressNumber(base) + BigInt(k)) & lastAddressNumber(6), 6);
}
