/**
 * What the runner does for the TCP-MD5 option and the UDP encapsulation of a packet line
 * (nplab packetdrill, which the FreeBSD tcp-testsuite runs on). `md5 valid` asks for the
 * signature computed with the script's --tcp_md5_secret and `md5 invalid` for a wrong one: on
 * an inbound line the runner computes it (RFC 2385 §2.0), on an outbound line it checks the
 * engine's digest against the secret. `/udp(src > dst)` carries the segment in UDP between
 * those ports; a line without it is plain TCP, in both directions.
 */
import {
  MD5_OPTION_KIND,
  signatureIn,
  signatureValid,
  signPacket,
  type Packet,
} from '../../engine';
import type { PacketSpec, ScriptTcpOption } from '../../wire/packetdrill/ast';

const VERDICTS = new Set(['valid', 'invalid']);

/** The MD5 option the line writes, if any. */
function md5Option(spec: PacketSpec): (ScriptTcpOption & { kind: 'md5' }) | null {
  if (spec.options === 'unchecked') return null;
  for (const o of spec.options) if (o.kind === 'md5') return o;
  return null;
}

/** Why the line cannot be played without a secret, or null. */
export function md5SecretProblem(spec: PacketSpec, secret: string | null): string | null {
  const md5 = md5Option(spec);
  if (md5 === null || !VERDICTS.has(md5.digest) || secret !== null) return null;
  return `'md5 ${md5.digest}' needs the script's --tcp_md5_secret to compute the signature with`;
}

/** A key that is not the secret: what `md5 invalid` is signed with. */
function otherKey(secret: Uint8Array): Uint8Array {
  return Uint8Array.from([...secret, 0x21]);
}

/** The injected packet as the line writes it: signed as its md5 option asks, in UDP if written so. */
export function finishInbound(packet: Packet, spec: PacketSpec, secret: string | null): Packet {
  let p = spec.udp ? { ...packet, udp: spec.udp } : packet;
  const md5 = md5Option(spec);
  if (md5 !== null && VERDICTS.has(md5.digest) && secret !== null) {
    const key = new TextEncoder().encode(secret);
    const options = p.segment.options.map((o) =>
      o.kind === 'unknown' && o.type === MD5_OPTION_KIND
        ? { ...o, data: new Array(16).fill(0) }
        : o,
    );
    p = signPacket(
      { ...p, segment: { ...p.segment, options } },
      md5.digest === 'valid' ? key : otherKey(key),
    );
  }
  return p;
}

/**
 * The script's view of what the engine sent, with its MD5 digest read as the line reads it:
 * `valid` when every packet of the (aggregated) segment verifies under the secret, `invalid`
 * when one does not. A line that writes a digest in hex is compared with the digest itself.
 */
export function md5AsWritten(
  view: PacketSpec,
  spec: PacketSpec,
  sent: readonly Packet[],
  secret: string | null,
): PacketSpec {
  const md5 = md5Option(spec);
  if (md5 === null || !VERDICTS.has(md5.digest) || secret === null || view.options === 'unchecked')
    return view;
  const key = new TextEncoder().encode(secret);
  const signed = sent.every((p) => signatureIn(p.segment.options) !== null);
  const verdict = signed && sent.every((p) => signatureValid(p, key)) ? 'valid' : 'invalid';
  return {
    ...view,
    options: view.options.map((o) => (o.kind === 'md5' ? { ...o, digest: verdict } : o)),
  };
}

/** How the packet's UDP encapsulation differs from the line's, or null when it agrees. */
export function udpMismatch(spec: PacketSpec, packet: Packet): string | null {
  const want = spec.udp ? `/udp(${spec.udp.srcPort} > ${spec.udp.dstPort})` : 'plain TCP';
  const got = packet.udp ? `/udp(${packet.udp.srcPort} > ${packet.udp.dstPort})` : 'plain TCP';
  return want === got ? null : `udp: expected ${want} vs actual ${got}`;
}
