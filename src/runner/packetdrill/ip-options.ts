/**
 * setsockopt's IP-level options: IP_TTL and IPV6_UNICAST_HOPS (the TTL / hop limit) and
 * IP_TOS and IPV6_TCLASS (the TOS byte / traffic class), passed to the engine (ip-fields.ts):
 * before listen or connect with the socket's options, after them with setIpOptions, and on a
 * socket that is only bound with bind, so that the RST its port answers with carries them.
 */
import type { IpOptions } from '../../engine';
import type { Expr } from '../../wire/packetdrill/ast';
import type { FdEntry, RunContext } from './run-context';
import { intOf, symbolsOf } from './syscall-kit';

const IP_OPTIONS: Readonly<Record<string, keyof IpOptions>> = {
  IP_TTL: 'ttl',
  IPV6_UNICAST_HOPS: 'ttl',
  IP_TOS: 'tos',
  IPV6_TCLASS: 'tos',
};

export function isIpOption(name: string): boolean {
  return name in IP_OPTIONS;
}

/** <netinet/ip.h> names of DSCP values as TOS bytes (IPTOS_DSCP_CS1 = 0x20, …). */
function tosSymbol(name: string): number | null {
  const cs = /^IPTOS_DSCP_CS([0-7])$/.exec(name);
  if (cs) return Number(cs[1]) << 5;
  const af = /^IPTOS_DSCP_AF([1-4])([1-3])$/.exec(name);
  if (af) return ((Number(af[1]) << 3) | (Number(af[2]) << 1)) << 2;
  return { IPTOS_DSCP_EF: 0xb8, IPTOS_LOWDELAY: 0x10, IPTOS_THROUGHPUT: 0x08 }[name] ?? null;
}

function valueOf(expr: Expr | undefined): number | null {
  const n = intOf(expr);
  if (n !== null) return n;
  const [symbol] = symbolsOf(expr);
  return symbol === undefined ? null : tosSymbol(symbol);
}

/**
 * The option's new value, or the errno. -1 restores the default (Linux do_ip_setsockopt()
 * for IP_TTL; IPV6_UNICAST_HOPS and IPV6_TCLASS in both stacks); past 255 is EINVAL.
 */
export function ipOptionValue(name: string, arg: Expr | undefined): IpOptions | 'EINVAL' {
  const key = IP_OPTIONS[name];
  const value = valueOf(arg);
  if (key === undefined || value === null || value < -1 || value > 255) return 'EINVAL';
  if (key === 'ttl' && value === 0 && name === 'IP_TTL') return 'EINVAL';
  return value === -1 ? { [key]: undefined } : { [key]: value };
}

/** Applies the options to the socket: the engine's now, or its options for later. */
export function setIpOptions(ctx: RunContext, entry: FdEntry, ip: IpOptions): string | null {
  entry.options = { ...entry.options, ip: { ...entry.options.ip, ...ip } };
  if (entry.socket !== null) {
    const r = ctx.world.call({ call: 'setIpOptions', socket: entry.socket, ip });
    return r.result === 'ok' ? null : r.result;
  }
  if (entry.port !== null) bindIp(ctx, entry);
  return null;
}

/** A socket bound but neither listening nor connected: its port answers with its IP fields. */
export function bindIp(ctx: RunContext, entry: FdEntry): void {
  if (entry.port === null || entry.options.ip === undefined) return;
  ctx.world.call({ call: 'bind', port: entry.port, ip: entry.options.ip });
}
