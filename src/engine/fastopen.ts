/**
 * TCP Fast Open (RFC 7413): the cookie, the option that carries it, and which side may use
 * it. The option is kind 34 (RFC 7413 §4.1.1) or the experimental kind 254 with magic
 * 0xF989 (RFC 6994) that older clients send; on the engine's wire it is an `unknown`
 * option, so the codecs need no new option kind.
 */
import type { OptionLayout, Profile } from './profiles';
import { optionLength } from './options';
import type { TcpOption } from './types';
import { addressWords } from './hash';
import { sipHash24 } from './siphash';

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
 * SipHash-2-4 over the source and destination addresses as the SYN carries them (8 bytes over
 * IPv4, 32 over IPv6) under the 128-bit key of net.ipv4.tcp_fastopen_key, whose four 32-bit
 * words are stored little-endian; the 8-byte cookie is the hash in little-endian order. With
 * packetdrill's key and addresses this gives its TFO_COOKIE, 3021b9d889017eeb.
 */
export function fastOpenCookie(
  key: readonly [number, number, number, number],
  clientAddress: string,
  serverAddress: string,
): number[] {
  const k0 = (BigInt(key[1] >>> 0) << 32n) | BigInt(key[0] >>> 0);
  const k1 = (BigInt(key[3] >>> 0) << 32n) | BigInt(key[2] >>> 0);
  const message = [...addressWords(clientAddress), ...addressWords(serverAddress)].flatMap((w) => [
    (w >>> 24) & 255,
    (w >>> 16) & 255,
    (w >>> 8) & 255,
    w & 255,
  ]);
  const h = sipHash24(k0, k1, message);
  const out: number[] = [];
  for (let i = 0; i < 8; i++) out.push(Number((h >> BigInt(8 * i)) & 0xffn));
  return out;
}
