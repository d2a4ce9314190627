/**
 * Which SACK blocks an acknowledgment carries (RFC 2018 §4, RFC 2883 §4). A receiver that agreed
 * to SACK reports the data it holds above RCV.NXT: the first block holds the segment that
 * triggered this ACK, the others repeat the most recently reported blocks, so each block is
 * sent at least three times before it ages out, and a D-SACK block (data that arrived twice)
 * comes before all of them. FreeBSD keeps the reported blocks newest first in tp->sackblks
 * (tcp_update_sack_list(), tcp_update_dsack_list() in tcp_sack.c); Linux keeps
 * tp->selective_acks the same way (tcp_sack_new_ofo_skb(), tcp_dsack_set() in tcp_input.c).
 */
import { seqAdd, seqGt, seqLeq, seqLt, seqMax } from './seq';
import type { Seq } from './types';

/** A block [left edge, right edge): the right edge is the sequence number after its last byte. */
export type SackBlock = readonly [Seq, Seq];

/**
 * RFC 2018 §3: a SACK option of n blocks takes 2 + 8n bytes of the 40 option bytes, so 4 blocks
 * at most, and 3 beside the 12 bytes of a timestamp option with its padding.
 */
export function maxSackBlocks(timestamps: boolean): number {
  return timestamps ? 3 : 4;
}

/** The ranges held above RCV.NXT, sorted, with touching or overlapping ranges merged. */
export function heldBlocks(
  held: readonly { readonly seq: Seq; readonly data: { readonly length: number } }[],
  rcvNxt: Seq,
): SackBlock[] {
  const ranges = held
    .filter((h) => h.data.length > 0 && seqGt(seqAdd(h.seq, h.data.length), rcvNxt))
    .map((h): SackBlock => [seqMax(h.seq, rcvNxt), seqAdd(h.seq, h.data.length)])
    .sort((a, b) => (seqLt(a[0], b[0]) ? -1 : seqLt(b[0], a[0]) ? 1 : 0));
  const merged: [Seq, Seq][] = [];
  for (const [left, right] of ranges) {
    const last = merged[merged.length - 1];
    if (last && seqLeq(left, last[1])) last[1] = seqMax(last[1], right);
    else merged.push([left, right]);
  }
  return merged;
}

const covers = (outer: SackBlock, inner: SackBlock): boolean =>
  seqLeq(outer[0], inner[0]) && seqLeq(inner[1], outer[1]);

const sameBlock = (a: SackBlock, b: SackBlock): boolean => a[0] === b[0] && a[1] === b[1];

export interface SackChoice {
  /** Ranges held above RCV.NXT (heldBlocks). */
  readonly held: readonly SackBlock[];
  /** The out-of-order segment that triggered this ACK, if it was held. */
  readonly latest: SackBlock | null;
  /** Blocks reported before, newest first. */
  readonly reported: readonly SackBlock[];
  /** Data that arrived twice (RFC 2883), reported first and once. */
  readonly duplicate: SackBlock | null;
  readonly max: number;
}

/**
 * The blocks to send, in order: the D-SACK block; the held range containing the latest
 * segment; the held ranges that contain previously reported blocks, most recent first; then
 * any other held ranges, lowest first, while room remains. No range appears twice.
 */
export function chooseSackBlocks(c: SackChoice): SackBlock[] {
  const out: SackBlock[] = [];
  const add = (b: SackBlock): void => {
    if (out.length < c.max && !out.some((o) => sameBlock(o, b))) out.push(b);
  };
  // RFC 2883 §4: the D-SACK block first; when it lies in a larger block held above RCV.NXT,
  // that block comes second, even when it is the same range.
  let enclosing: SackBlock | undefined;
  if (c.duplicate) {
    out.push(c.duplicate);
    enclosing = c.held.find((h) => covers(h, c.duplicate!));
    if (enclosing) out.push(enclosing);
  }
  const dataBlocks: SackBlock[] = enclosing ? [enclosing] : [];
  const take = (b: SackBlock | undefined): void => {
    if (b && !dataBlocks.some((o) => sameBlock(o, b))) dataBlocks.push(b);
  };
  if (c.latest) take(c.held.find((h) => covers(h, c.latest!)));
  for (const r of c.reported) take(c.held.find((h) => covers(h, r)));
  for (const h of c.held) take(h);
  for (const b of dataBlocks.slice(enclosing ? 1 : 0)) add(b);
  return out.slice(0, c.max);
}

/** The first part of `range` that lies inside one of `blocks` (data received twice), or null. */
export function firstOverlap(blocks: readonly SackBlock[], range: SackBlock): SackBlock | null {
  for (const [left, right] of blocks) {
    const start = seqMax(left, range[0]);
    const end = seqLt(right, range[1]) ? right : range[1];
    if (seqLt(start, end)) return [start, end];
  }
  return null;
}

/** The reported list after sending `sent`: the data blocks just sent lead (the D-SACK is not kept). */
export function afterReport(sent: readonly SackBlock[], duplicate: SackBlock | null): SackBlock[] {
  return sent.filter((b) => !(duplicate && sameBlock(b, duplicate)));
}
