/**
 * TCP options in SYN and SYN-ACK: what we offer, how a stack lays it out, what the peer
 * offered and what the two agree on (RFC 9293 §3.7.1 MSS, RFC 7323 window scale and
 * timestamps, RFC 2018 SACK-permitted).
 */
import type { OptionLayout } from './profiles';
import type { TcpOption } from './types';

/** What one side puts in its SYN or SYN-ACK. */
export interface Offer {
  readonly mss: number;
  readonly wscale: number | null;
  readonly sackOK: boolean;
  /** TSval and TSecr when timestamps are offered. */
  readonly ts: { readonly val: number; readonly ecr: number } | null;
  /** TCP_NOOPT: the SYN or SYN-ACK carries no option at all, not even the MSS (FreeBSD TF_NOOPT). */
  readonly none?: boolean;
  /**
   * ECN (RFC 3168 §6.1.1), carried in the control bits rather than an option: our SYN asks
   * for it with ECE and CWR, our SYN,ACK agrees with ECE.
   */
  readonly ecn?: boolean;
}

/** What a received SYN or SYN-ACK offered. */
export interface PeerOffer {
  readonly mss: number | null;
  readonly wscale: number | null;
  readonly sackOK: boolean;
  readonly tsVal: number | null;
}

/** The result of the handshake, readable through socketInfo(). */
export interface Negotiated {
  /** The MSS we advertised. */
  readonly mss: number;
  /** The largest segment payload we send: min(peer's MSS, our own), before option space. */
  readonly sendMss: number;
  /**
   * Window scaling when both sides offered it: `send` is the shift the peer applies to the
   * windows we send (our offer), `recv` the shift we apply to the windows we receive.
   */
  readonly wscale: { readonly send: number; readonly recv: number } | null;
  readonly sackPermitted: boolean;
  readonly timestamps: boolean;
}

/** RFC 7323 §2.3: a shift above 14 is treated as 14. */
const MAX_WSCALE = 14;

const NOP: TcpOption = { kind: 'nop' };
const EOL: TcpOption = { kind: 'eol' };
const SACK_OK: TcpOption = { kind: 'sackOK' };

/** Lays out a SYN's or SYN-ACK's options in the order and padding of the given stack. */
export function layoutSynOptions(layout: OptionLayout, offer: Offer): TcpOption[] {
  if (offer.none) return [];
  return layout === 'freebsd' ? freebsdLayout(offer) : linuxLayout(offer);
}

/** A SYN's option list as laid out for one (layout, offer), and where its timestamp sits. */
interface SynTemplate {
  readonly options: readonly TcpOption[];
  /** The index of the TS option, -1 without one. */
  readonly tsAt: number;
}

const NO_OPTIONS: readonly TcpOption[] = [];
const synTemplates = new Map<number, SynTemplate>();

/**
 * The options of a SYN or SYN-ACK we send: the list for this layout and offer is laid out once,
 * and each SYN only fills in its TSval and TSecr (a copy of the template with a fresh TS
 * option, or the template itself without timestamps: option lists are immutable values).
 */
export function synOptions(
  layout: OptionLayout,
  offer: Offer,
  tsVal: number,
  tsEcr: number,
): readonly TcpOption[] {
  if (offer.none) return NO_OPTIONS;
  const { mss, wscale } = offer;
  // An offer the numeric key cannot hold (no 16-bit MSS or 8-bit shift) is laid out directly.
  const plain = mss >= 0 && mss <= 0xffff && (wscale === null || (wscale >= 0 && wscale < 255));
  if (!plain || !Number.isInteger(mss) || (wscale !== null && !Number.isInteger(wscale))) {
    return layoutSynOptions(layout, { ...offer, ts: offer.ts ? { val: tsVal, ecr: tsEcr } : null });
  }
  const key =
    ((mss * 256 + (wscale ?? 255)) * 2 + (offer.sackOK ? 1 : 0)) * 4 +
    (offer.ts ? 2 : 0) +
    (layout === 'freebsd' ? 1 : 0);
  let template = synTemplates.get(key);
  if (template === undefined) {
    const laid = layoutSynOptions(layout, offer);
    template = { options: laid, tsAt: laid.findIndex((o) => o.kind === 'ts') };
    if (synTemplates.size >= 256) synTemplates.clear();
    synTemplates.set(key, template);
  }
  if (template.tsAt < 0) return template.options;
  const out = template.options.slice();
  out[template.tsAt] = { kind: 'ts', val: tsVal, ecr: tsEcr };
  return out;
}

/**
 * Linux tcp_options_write(): MSS; then SACK-permitted folded in front of TS (or nop,nop
 * before TS alone); then nop,nop,sackOK when SACK goes without TS; then nop,wscale.
 * E.g. mss,sackOK,TS,nop,wscale (20 bytes) or mss,nop,nop,sackOK,nop,wscale.
 */
function linuxLayout(offer: Offer): TcpOption[] {
  const out: TcpOption[] = [{ kind: 'mss', value: offer.mss }];
  if (offer.ts) {
    if (offer.sackOK) out.push(SACK_OK);
    else out.push(NOP, NOP);
    out.push({ kind: 'ts', val: offer.ts.val, ecr: offer.ts.ecr });
  } else if (offer.sackOK) {
    out.push(NOP, NOP, SACK_OK);
  }
  if (offer.wscale !== null) out.push(NOP, { kind: 'wscale', shift: offer.wscale });
  return out;
}

/**
 * FreeBSD tcp_addoptions(): mss; nop,wscale; sackOK at an even offset; TS at an offset
 * of 2 mod 4; EOL up to a multiple of 4 (e.g. mss,nop,wscale 6,sackOK,TS or
 * mss,sackOK,eol,eol).
 */
function freebsdLayout(offer: Offer): TcpOption[] {
  const out: TcpOption[] = [{ kind: 'mss', value: offer.mss }];
  let len = 4;
  if (offer.wscale !== null) {
    out.push(NOP, { kind: 'wscale', shift: offer.wscale });
    len += 4;
  }
  if (offer.sackOK) {
    for (; len % 2 !== 0; len++) out.push(NOP);
    out.push(SACK_OK);
    len += 2;
  }
  if (offer.ts) {
    for (; len % 4 !== 2; len++) out.push(NOP);
    out.push({ kind: 'ts', val: offer.ts.val, ecr: offer.ts.ecr });
    len += 10;
  }
  for (; len % 4 !== 0; len++) out.push(EOL);
  return out;
}

/**
 * Recently made <nop,nop,TS> lists, by a hash of (val, ecr). Option lists are immutable
 * values, so segments sent within one timestamp tick share one list instead of each
 * allocating three objects (a memo: the result is the same list either way).
 */
const tsMemo: (readonly TcpOption[] | undefined)[] = new Array<undefined>(64).fill(undefined);

/** Options on every segment after the handshake: <nop,nop,TS> when timestamps were agreed. */
export function timestampOptions(val: number, ecr: number): readonly TcpOption[] {
  const slot = (Math.imul(val ^ Math.imul(ecr, 0x9e3779b1), 0x85ebca6b) >>> 26) & 63;
  const hit = tsMemo[slot];
  if (hit !== undefined) {
    const ts = hit[2] as { readonly val: number; readonly ecr: number };
    if (ts.val === val && ts.ecr === ecr) return hit;
  }
  const made: readonly TcpOption[] = [NOP, NOP, { kind: 'ts', val, ecr }];
  tsMemo[slot] = made;
  return made;
}

/** Reads what a SYN or SYN-ACK offered. */
export function readOffer(options: readonly TcpOption[]): PeerOffer {
  let mss: number | null = null;
  let wscale: number | null = null;
  let sackOK = false;
  let tsVal: number | null = null;
  for (const o of options) {
    if (o.kind === 'mss') mss = o.value;
    else if (o.kind === 'wscale') wscale = Math.min(o.shift, MAX_WSCALE);
    else if (o.kind === 'sackOK') sackOK = true;
    else if (o.kind === 'ts') tsVal = o.val;
  }
  return { mss, wscale, sackOK, tsVal };
}

/** The timestamps option of a segment, if any. */
export function findTimestamp(
  options: readonly TcpOption[],
): { readonly val: number; readonly ecr: number } | null {
  for (const o of options) if (o.kind === 'ts') return o;
  return null;
}

/**
 * The send MSS a peer's MSS option allows (RFC 9293 §3.7.1), as the stacks bound it since
 * CVE-2019-11479: an option of 0 counts as none (Linux tcp_parse_options() skips a zero
 * value; FreeBSD tcp_mss_update() reads offer 0 as "no MSS on the SYN"), and a smaller one
 * is raised to the profile's minimum (Linux tcp_min_snd_mss in __tcp_mtu_to_mss(), FreeBSD
 * tcp_minmss in tcp_mss_update()), so a hostile MSS of 1 cannot force 1-byte segments.
 */
export function peerSendMss(peerMss: number | null, defaultPeerMss: number, minSendMss: number) {
  if (peerMss === null || peerMss === 0) return defaultPeerMss;
  return Math.max(peerMss, minSendMss);
}

/**
 * Agreement after the SYN exchange: window scale, SACK and timestamps only when both
 * sides offered them (RFC 7323 §2.2, §3.2; RFC 2018 §2); the send MSS is the smaller of
 * the peer's MSS (or the default; bounded by peerSendMss) and our own.
 */
export function negotiate(
  ours: Offer,
  peer: PeerOffer,
  defaultPeerMss: number,
  minSendMss: number,
): Negotiated {
  const peerMss = peerSendMss(peer.mss, defaultPeerMss, minSendMss);
  return {
    mss: ours.mss,
    sendMss: Math.min(peerMss, ours.mss),
    wscale:
      ours.wscale !== null && peer.wscale !== null
        ? { send: ours.wscale, recv: peer.wscale }
        : null,
    sackPermitted: ours.sackOK && peer.sackOK,
    timestamps: ours.ts !== null && peer.tsVal !== null,
  };
}

/** The SYN-ACK answers only what the SYN offered (RFC 7323 §1.3, RFC 2018 §2). */
export function answerOffer(ours: Offer, peer: PeerOffer): Offer {
  if (ours.none) return ours;
  return {
    mss: ours.mss,
    wscale: peer.wscale !== null ? ours.wscale : null,
    sackOK: ours.sackOK && peer.sackOK,
    ts: ours.ts !== null && peer.tsVal !== null ? { val: ours.ts.val, ecr: peer.tsVal } : null,
  };
}

/**
 * TCP_NOOPT (FreeBSD TF_NOOPT: tcp_output() adds no options to a SYN; syncache_add() marks
 * SCF_NOOPT so the SYN,ACK has none either): we offer nothing, so nothing is agreed. The
 * peer's MSS still bounds what we send, and without it the default applies (MUST-15).
 */
export function withoutOptions(offer: Offer): Offer {
  return {
    mss: offer.mss,
    wscale: null,
    sackOK: false,
    ts: null,
    none: true,
    ecn: offer.ecn === true,
  };
}

/** RFC 3168 §6.1.1: an "ECN-setup SYN packet" has both ECE and CWR set. */
export function synAsksEcn(flags: number): boolean {
  const ECE_CWR = 0x40 | 0x80;
  return (flags & ECE_CWR) === ECE_CWR;
}

/** Bytes an option takes on the wire (RFC 9293 §3.2; RFC 7323; RFC 2018). */
export function optionLength(o: TcpOption): number {
  switch (o.kind) {
    case 'eol':
    case 'nop':
      return 1;
    case 'mss':
      return 4;
    case 'wscale':
      return 3;
    case 'sackOK':
      return 2;
    case 'ts':
      return 10;
    case 'sack':
      return 2 + 8 * o.blocks.length;
    default:
      return 2 + o.data.length;
  }
}
