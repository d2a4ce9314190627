/**
 * What wraps a segment on its way out and is checked on its way in, beyond TCP itself: the
 * TCP-MD5 signature of a socket with TCP_MD5SIG (tcp-md5.ts) and the UDP encapsulation of a
 * connection over UDP (udp-tunnel.ts). Both sit between the connection's segment and the
 * wire, as FreeBSD's tcp_output() signs a segment after building it and tcp_input() checks
 * both before the state machine sees it.
 */
import type { Output } from './api';
import type { Conn } from './conn';
import type { Profile } from './profiles';
import type { Ctx } from './step';
import {
  md5KeyFor,
  MD5_OPTION_SPACE,
  signatureValid,
  signPacket,
  withSignatureSlot,
} from './tcp-md5';
import type { Packet } from './types';
import { inUdp } from './udp-tunnel';

/**
 * The packet as the connection puts it on the wire: signed if it signs, in UDP if it runs
 * over UDP. Null when it signs and the host has no key for the addresses: FreeBSD
 * tcp_output() frees the segment when TCPMD5_OUTPUT() finds no security association.
 */
export function wrapped(d: Readonly<Conn>, ctx: Ctx, packet: Packet): Packet | null {
  let p = packet;
  if (d.md5) {
    const key = md5KeyFor(ctx.md5Keys, p.src, p.dst);
    if (!key) return null;
    const options = withSignatureSlot(ctx.profile.optionLayout, p.segment.options);
    p = signPacket({ ...p, segment: { ...p.segment, options } }, key);
  }
  return inUdp(p, ctx.profile, d.udpPort);
}

/**
 * RFC 2385 §2.0: a socket that signs takes only segments with a right signature; any other
 * "MUST be silently discarded" (FreeBSD tcp_input(): TCPMD5_INPUT() fails → drop).
 */
export function signedAsRequired(
  keys: ReadonlyMap<string, Uint8Array>,
  signs: boolean,
  packet: Packet,
): boolean {
  if (!signs) return true;
  const key = md5KeyFor(keys, packet.src, packet.dst);
  return key !== undefined && signatureValid(packet, key);
}

/** The reset a connection sends for a segment it refuses, signed as its own segments are. */
export function signedLike(d: Readonly<Conn>, ctx: Ctx, rst: Output | null): Output | null {
  if (!rst || rst.type !== 'packet' || !d.md5) return rst;
  const key = md5KeyFor(ctx.md5Keys, rst.packet.src, rst.packet.dst);
  if (!key) return null;
  const options = withSignatureSlot(ctx.profile.optionLayout, rst.packet.segment.options);
  const packet = signPacket({ ...rst.packet, segment: { ...rst.packet.segment, options } }, key);
  return { ...rst, packet };
}

/**
 * Replies made for a segment that came in UDP without a connection to speak for them (a
 * closed port's or a listener's reset, a cookie SYN-ACK) go back in UDP to the port it came
 * from (FreeBSD tcp_respond(): the mbuf's tcp_tun_port).
 */
export function repliesInUdp(out: Output[], profile: Profile, port: number): void {
  if (port === 0) return;
  for (let i = 0; i < out.length; i++) {
    const o = out[i]!;
    if (o.type === 'packet' && o.socket === null && !o.packet.udp) {
      out[i] = { ...o, packet: inUdp(o.packet, profile, port) };
    }
  }
}

/** Option bytes and header bytes a segment of this connection gives up from its MSS. */
export function wrappingOverhead(d: Readonly<Conn>): number {
  return (d.md5 ? MD5_OPTION_SPACE : 0) + d.udpOverhead;
}
