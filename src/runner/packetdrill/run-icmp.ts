/**
 * `< icmp ...` lines: the script injects an ICMP error that quotes a segment of the socket under
 * test, as packetdrill builds it (icmp_packet.c new_icmp_packet(), run_packet.c
 * map_inbound_icmp_tcp_packet()): the type and code by name for the script's IP version, the
 * quoted ports those of the socket under test, and the quoted sequence number the line's
 * `[start:...]` (0 when it gives none) shifted into the engine's sequence space like any of the
 * local side's numbers.
 */
import { FRAGMENTATION_NEEDED, ICMP_TYPES, type IcmpMessage, type Seq } from '../../engine';
import type { IcmpSpec } from '../../wire/packetdrill/ast';
import { record, type RunContext } from './run-context';
import { localOffset } from './script-socket';
import type { Scheduled } from './timing';

type Version = 4 | 6;

/** Type names (icmp_packet.c icmpv4_types, icmpv6_types) of the error messages TCP receives. */
const TYPES: Readonly<Record<Version, Readonly<Record<string, number>>>> = {
  4: {
    unreachable: ICMP_TYPES[4].unreachable,
    source_quench: ICMP_TYPES[4].sourceQuench,
    redirect: 5,
    time_exceeded: ICMP_TYPES[4].timeExceeded,
    parameter_problem: ICMP_TYPES[4].parameterProblem,
  },
  6: {
    unreachable: ICMP_TYPES[6].unreachable,
    packet_too_big: ICMP_TYPES[6].packetTooBig,
    time_exceeded: ICMP_TYPES[6].timeExceeded,
    parameter_problem: ICMP_TYPES[6].parameterProblem,
  },
};

/** Code names per type (icmp_packet.c icmpv4_unreachable_codes and the ICMPv6 tables). */
const CODES: Readonly<Record<Version, Readonly<Record<number, readonly string[]>>>> = {
  4: {
    [ICMP_TYPES[4].unreachable]: [
      'net_unreachable',
      'host_unreachable',
      'protocol_unreachable',
      'port_unreachable',
      'frag_needed',
      'source_route_failed',
      'net_unknown',
      'host_unknown',
      'source_host_isolated',
      'net_prohibited',
      'host_prohibited',
      'net_unreachable_for_tos',
      'host_unreachable_for_tos',
      'packet_filtered',
      'precedence_violation',
      'precedence_cutoff',
    ],
  },
  6: {
    [ICMP_TYPES[6].unreachable]: [
      'net_unreachable',
      'admin_prohibited',
      'not_neighbour',
      'address_unreachable',
      'port_unreachable',
    ],
    [ICMP_TYPES[6].timeExceeded]: ['exceeded_hop_limit', 'exceeded_frag_time'],
    [ICMP_TYPES[6].parameterProblem]: ['header_field', 'unknown_next_header', 'unknown_option'],
  },
};

/** packetdrill's parse_icmp_type_and_code(): a name, or tcpdump's `type_N` / `code_N`. */
function numbered(name: string, prefix: string, table: Readonly<Record<string, number>>) {
  const m = new RegExp(`^${prefix}_(\\d+)$`).exec(name);
  const n = m ? Number(m[1]) : table[name];
  return n !== undefined && n <= 255 ? n : null;
}

function resolve(
  spec: IcmpSpec,
  version: Version,
): { type: number; code: number } | { problem: string } {
  const type = numbered(spec.typeName, 'type', TYPES[version]);
  if (type === null) return { problem: `bad ICMP type ${spec.typeName}` };
  if (spec.codeName === null) return { type, code: 0 }; // "missing code means code = 0"
  const names = CODES[version][type] ?? [];
  const index = names.indexOf(spec.codeName);
  const code = numbered(spec.codeName, 'code', index >= 0 ? { [spec.codeName]: index } : {});
  if (code === null) return { problem: `bad ICMP code ${spec.codeName}` };
  return { type, code };
}

/** packetdrill's set_icmpv4_header() / set_icmpv6_header(): where an MTU may be given. */
function mtuProblem(spec: IcmpSpec, version: Version, type: number, code: number): string | null {
  if (spec.mtu === null) return null;
  if (version === 4 && (type !== ICMP_TYPES[4].unreachable || code !== FRAGMENTATION_NEEDED)) {
    return 'ICMPv4 MTU is only valid for unreachable-frag_needed';
  }
  if (version === 4 && spec.mtu > 0xffff) return 'ICMPv4 MTU out of 16-bit range';
  if (version === 6 && (type !== ICMP_TYPES[6].packetTooBig || code !== 0)) {
    return 'ICMPv6 MTU is only valid for packet_too_big-0';
  }
  return null;
}

export function runIcmp(
  ctx: RunContext,
  index: number,
  spec: IcmpSpec,
  scheduled: Scheduled,
): void {
  const version: Version = ctx.config.ipVersion === 'ipv6' ? 6 : 4;
  const resolved = resolve(spec, version);
  const problem =
    'problem' in resolved
      ? resolved.problem
      : mtuProblem(spec, version, resolved.type, resolved.code);
  if (problem !== null || 'problem' in resolved) {
    record(ctx, index, scheduled, { status: 'failed', reason: problem ?? '' });
    return;
  }
  const s = ctx.sut;
  if (s === null || s.phase === 'init' || s.phase === 'listening') {
    record(ctx, index, scheduled, {
      status: 'failed',
      reason: 'no connection yet for the ICMP message to quote a segment of',
    });
    return;
  }
  const { localIp, remoteIp } = ctx.addresses;
  const message: IcmpMessage = {
    version,
    src: remoteIp,
    dst: localIp,
    type: resolved.type,
    code: resolved.code,
    mtu: spec.mtu ?? 0,
    quoted: {
      src: localIp,
      dst: remoteIp,
      srcPort: s.localPort,
      dstPort: s.remotePort,
      seq: (((spec.quoted?.seqStart ?? 0) + localOffset(s, false)) >>> 0) as Seq,
    },
  };
  const at = ctx.world.nowUsecs;
  ctx.world.injectIcmp(message);
  record(ctx, index, scheduled, { status: 'performed', actualUsecs: at });
}
