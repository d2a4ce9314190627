/**
 * TCP-MD5 signatures (RFC 2385): a connection with TCP_MD5SIG signs every segment it sends
 * with an MD5 digest of the segment and a key shared with the peer, and drops every segment
 * that arrives without a right one (§2.0: "silently discarded"). The key is the host's, per
 * direction, as FreeBSD keeps it in an IPsec security association that setkey adds
 * (netipsec/xform_tcp.c tcp_signature_compute(), tcp_ipsec_input()); md5Keys on the host.
 */
import { addressBytes } from './ip-address';
import { md5 } from './md5';
import { optionLength } from './options';
import type { OptionLayout } from './profiles';
import type { Packet, TcpOption } from './types';

/** The signature option: kind 19, length 18, a 16-byte digest (RFC 2385 §3.0). */
export const MD5_OPTION_KIND = 19;
const DIGEST_BYTES = 16;
/** Option space a signature takes once padded (FreeBSD tcp_maxseg(): PADTCPOLEN(18)). */
export const MD5_OPTION_SPACE = 20;
/** The most option bytes a TCP header holds (data offset 15: 60 − 20). */
const MAX_OPTION_BYTES = 40;
const SACK_BLOCK_BYTES = 8;
const TCP_HEADER_BYTES = 20;
const IPPROTO_TCP = 6;

const NOP: TcpOption = { kind: 'nop' };
const EMPTY_DIGEST: readonly number[] = new Array<number>(DIGEST_BYTES).fill(0);

/** The key for segments from `src` to `dst`, if the host has one. */
export function md5KeyFor(
  keys: ReadonlyMap<string, Uint8Array>,
  src: string,
  dst: string,
): Uint8Array | undefined {
  return keys.get(md5KeyName(src, dst));
}

/** The name under which a host keeps the key of one direction. */
export function md5KeyName(src: string, dst: string): string {
  return `${src}>${dst}`;
}

/** The digest the option of `packet` carries, or null when it has no signature option. */
export function signatureIn(options: readonly TcpOption[]): readonly number[] | null {
  for (const o of options) {
    if (o.kind === 'unknown' && o.type === MD5_OPTION_KIND) return o.data;
  }
  return null;
}

/**
 * The options with room made for a signature, as the stack lays them out. FreeBSD
 * tcp_addoptions(): after MSS, window scale, SACK-permitted and timestamps, NOPs until the
 * offset is 2 mod 4, the signature, then the SACK blocks that still fit in 40 bytes
 * (`<nop,nop,TS,nop,nop,md5,nop,nop,sack>`). Linux tcp_options_write() writes the signature
 * first (`<nop,nop,md5,...>`). The digest is zero until signPacket fills it.
 */
export function withSignatureSlot(
  layout: OptionLayout,
  options: readonly TcpOption[],
): TcpOption[] {
  const slot: TcpOption = { kind: 'unknown', type: MD5_OPTION_KIND, data: EMPTY_DIGEST };
  const sackAt = options.findIndex((o) => o.kind === 'sack');
  const sack = sackAt < 0 ? null : options[sackAt]!;
  let head = sackAt < 0 ? [...options] : options.slice(0, sackAt);
  // The SACK option's own NOPs, and EOL padding that would end the list before the slot.
  while (head.length > 0 && (head.at(-1)!.kind === 'nop' || head.at(-1)!.kind === 'eol')) {
    head = head.slice(0, -1);
  }
  let out: TcpOption[];
  if (layout === 'linux') {
    out = [NOP, NOP, slot, ...head];
  } else {
    out = [...head];
    let length = bytesOf(out);
    while (length % 4 !== 2) {
      out.push(NOP);
      length++;
    }
    out.push(slot);
  }
  if (sack?.kind === 'sack') {
    let length = bytesOf(out);
    const pad: TcpOption[] = [];
    while ((length + pad.length) % 4 !== 2) pad.push(NOP);
    length += pad.length + 2;
    const room = Math.floor((MAX_OPTION_BYTES - length) / SACK_BLOCK_BYTES);
    if (room > 0) out.push(...pad, { kind: 'sack', blocks: sack.blocks.slice(0, room) });
  }
  return out;
}

/** The packet with the digest of its signature option computed under `key`. */
export function signPacket(packet: Packet, key: Uint8Array): Packet {
  const digest = Array.from(signatureOf(packet, key));
  const options = packet.segment.options.map((o) =>
    o.kind === 'unknown' && o.type === MD5_OPTION_KIND ? { ...o, data: digest } : o,
  );
  return { ...packet, segment: { ...packet.segment, options } };
}

/**
 * Whether the packet carries a signature option whose digest `key` gives (RFC 2385 §2.0).
 * A segment without one fails: a connection that signs accepts no unsigned segment.
 */
export function signatureValid(packet: Packet, key: Uint8Array): boolean {
  const carried = signatureIn(packet.segment.options);
  if (carried === null || carried.length !== DIGEST_BYTES) return false;
  const expected = signatureOf(packet, key);
  return carried.every((b, i) => b === expected[i]);
}

/**
 * RFC 2385 §2.0: MD5 of the TCP pseudo-header (source and destination address, zero-padded
 * protocol number, segment length), the TCP header without options and with a zero
 * checksum, the segment data, and the key. Over IPv6 the pseudo-header is RFC 8200 §8.1's
 * (FreeBSD tcp_signature_compute() hashes the ip6 pseudo-header the same way).
 */
export function signatureOf(packet: Packet, key: Uint8Array): Uint8Array {
  const seg = packet.segment;
  const optionBytes = Math.ceil(bytesOf(seg.options) / 4) * 4;
  const segmentLength = TCP_HEADER_BYTES + optionBytes + seg.payload.length;
  const src = addressBytes(packet.src);
  const dst = addressBytes(packet.dst);
  const pseudoLength = src.length === 4 ? 12 : 40;
  const message = new Uint8Array(pseudoLength + TCP_HEADER_BYTES + seg.payload.length + key.length);
  const view = new DataView(message.buffer);
  message.set(src, 0);
  message.set(dst, src.length);
  if (src.length === 4) {
    view.setUint8(9, IPPROTO_TCP);
    view.setUint16(10, segmentLength);
  } else {
    view.setUint32(32, segmentLength);
    view.setUint8(39, IPPROTO_TCP);
  }
  const h = pseudoLength;
  view.setUint16(h, seg.srcPort);
  view.setUint16(h + 2, seg.dstPort);
  view.setUint32(h + 4, seg.seq);
  view.setUint32(h + 8, seg.ack);
  view.setUint8(h + 12, ((TCP_HEADER_BYTES + optionBytes) / 4) << 4);
  view.setUint8(h + 13, seg.flags & 0xff);
  view.setUint16(h + 14, seg.window);
  // h + 16: the checksum, zero; h + 18: the urgent pointer.
  view.setUint16(h + 18, seg.urgent);
  message.set(seg.payload, h + TCP_HEADER_BYTES);
  message.set(key, h + TCP_HEADER_BYTES + seg.payload.length);
  return md5(message);
}

function bytesOf(options: readonly TcpOption[]): number {
  let n = 0;
  for (const o of options) n += optionLength(o);
  return n;
}
