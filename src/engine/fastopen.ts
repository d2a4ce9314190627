/**
 * TCP Fast Open (RFC 7413): the cookie, the option that carries it, and which side may use
 * it. The option is kind 34 (RFC 7413 §4.1.1) or the experimental kind 254 with magic
 * 0xF989 (RFC 6994) that older clients send; on the engine's wire it is an `unknown`
 * option, so the codecs need no new option kind.
 */
import type { OptionLayout, Profile } from './profiles';
import { optionLength } from './options';
import type { TcpOption } from './types';

/** Bits of the profile's `fastOpen`, as Linux's net.ipv4.tcp_fastopen has them. */
export const FastOpenBits = {
  /** Send data in the SYN (sendto with MSG_FASTOPEN). */
  CLIENT: 0x1,
  /** Accept data in a SYN on listeners that asked for it (TCP_FASTOPEN). */
  SERVER: 0x2,
  /** Send SYN data without a cookie. */
  CLIENT_NO_COOKIE: 0x4,
  /** Accept SYN data without a valid cookie. */
  SERVER_NO_COOKIE: 0x200,
  /** Every listener accepts SYN data, without TCP_FASTOPEN. */
  SERVER_ANY_LISTENER: 0x400,
} as const;

const KIND_FASTOPEN = 34;
const KIND_EXPERIMENTAL = 254;
const MAGIC = [0xf9, 0x89] as const;

/** The Fast Open option of a segment: the cookie (empty = a cookie request). */
export interface FastOpenOption {
  readonly cookie: readonly number[];
  /** The experimental form (kind 254, magic 0xF989). */
  readonly experimental: boolean;
}

export function findFastOpen(options: readonly TcpOption[]): FastOpenOption | null {
  for (const o of options) {
    if (o.kind !== 'unknown') continue;
    if (o.type === KIND_FASTOPEN) return { cookie: o.data, experimental: false };
    if (o.type === KIND_EXPERIMENTAL && o.data[0] === MAGIC[0] && o.data[1] === MAGIC[1]) {
      return { cookie: o.data.slice(2), experimental: true };
    }
  }
  return null;
}

/**
 * The option as Linux's tcp_options_write() puts it after the others: kind, length, the
 * cookie, and two NOPs when the length is 2 mod 4 (a 4- or 8-byte cookie in kind 34).
 */
export function fastOpenOptions(fo: FastOpenOption): TcpOption[] {
  const option: TcpOption = fo.experimental
    ? { kind: 'unknown', type: KIND_EXPERIMENTAL, data: [...MAGIC, ...fo.cookie] }
    : { kind: 'unknown', type: KIND_FASTOPEN, data: [...fo.cookie] };
  const length = 2 + option.data.length;
  return length % 4 === 2 ? [option, NOP, NOP] : [option];
}

const NOP: TcpOption = { kind: 'nop' };
const EOL: TcpOption = { kind: 'eol' };

/**
 * A SYN's options with the Fast Open option in the stack's place: Linux tcp_options_write()
 * appends it after the others with its NOPs (fastOpenOptions); FreeBSD tcp_addoptions() puts
 * it after the timestamps, before the EOL padding to a multiple of 4 bytes, e.g.
 * <mss,nop,wscale,sackOK,TS,FO,eol,eol>.
 */
export function withFastOpen(
  layout: OptionLayout,
  laid: readonly TcpOption[],
  fo: FastOpenOption,
): TcpOption[] {
  if (layout !== 'freebsd') return [...laid, ...fastOpenOptions(fo)];
  const out: TcpOption[] = laid.filter((o) => o.kind !== 'eol');
  const [option] = fastOpenOptions(fo);
  if (option) out.push(option);
  let length = out.reduce((n, o) => n + optionLength(o), 0);
  for (; length % 4 !== 0; length++) out.push(EOL);
  return out;
}

/** Whether a listener takes data from a SYN (RFC 7413 §4.2; Linux tcp_fastopen bits). */
export function serverFastOpen(profile: Profile, listenerAsked: boolean): boolean {
  const bits = profile.fastOpen;
  if (!(bits & FastOpenBits.SERVER)) return false;
  return listenerAsked || (bits & FastOpenBits.SERVER_ANY_LISTENER) !== 0;
}

/**
 * The server's cookie for a client: RFC 7413 §4.1.2 asks for a MAC of the client's address
 * under a server secret. As Linux (__tcp_fastopen_cookie_gen_cipher), the MAC is
 * SipHash-2-4 over the IPv4 source and destination addresses under the 128-bit key of
 * net.ipv4.tcp_fastopen_key, whose four 32-bit words are stored little-endian; the 8-byte
 * cookie is the hash in little-endian order. With packetdrill's key and addresses this
 * gives its TFO_COOKIE, 3021b9d889017eeb.
 */
export function fastOpenCookie(
  key: readonly [number, number, number, number],
  clientAddress: number,
  serverAddress: number,
): number[] {
  const k0 = (BigInt(key[1] >>> 0) << 32n) | BigInt(key[0] >>> 0);
  const k1 = (BigInt(key[3] >>> 0) << 32n) | BigInt(key[2] >>> 0);
  // The message bytes are the addresses in network order; read as one little-endian word.
  const bytes = [...beBytes(clientAddress), ...beBytes(serverAddress)];
  let m = 0n;
  for (let i = 7; i >= 0; i--) m = (m << 8n) | BigInt(bytes[i] as number);
  const h = sipHash24(k0, k1, m, 8);
  const out: number[] = [];
  for (let i = 0; i < 8; i++) out.push(Number((h >> BigInt(8 * i)) & 0xffn));
  return out;
}

function beBytes(x: number): number[] {
  return [(x >>> 24) & 255, (x >>> 16) & 255, (x >>> 8) & 255, x & 255];
}

const MASK = (1n << 64n) - 1n;

function rotl(x: bigint, b: bigint): bigint {
  return ((x << b) | (x >> (64n - b))) & MASK;
}

/** SipHash-2-4 of a message of exactly one 64-bit word (`length` bytes, at most 8). */
function sipHash24(k0: bigint, k1: bigint, word: bigint, length: number): bigint {
  const v = [
    k0 ^ 0x736f6d6570736575n,
    k1 ^ 0x646f72616e646f6dn,
    k0 ^ 0x6c7967656e657261n,
    k1 ^ 0x7465646279746573n,
  ];
  const round = () => {
    let [v0, v1, v2, v3] = v as [bigint, bigint, bigint, bigint];
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
    v[0] = v0;
    v[1] = v1;
    v[2] = v2;
    v[3] = v3;
  };
  const compress = (m: bigint) => {
    v[3] = (v[3] as bigint) ^ m;
    round();
    round();
    v[0] = (v[0] as bigint) ^ m;
  };
  if (length === 8) compress(word);
  const last = (BigInt(length & 255) << 56n) | (length === 8 ? 0n : word);
  compress(last);
  v[2] = (v[2] as bigint) ^ 0xffn;
  for (let i = 0; i < 4; i++) round();
  return ((v[0] as bigint) ^ (v[1] as bigint) ^ (v[2] as bigint) ^ (v[3] as bigint)) & MASK;
}
