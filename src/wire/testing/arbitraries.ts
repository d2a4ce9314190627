/** fast-check generators for segments and option lists, shared by the wire tests. */
import fc from 'fast-check';
import { optionLength, seq } from '../../engine';
import type { Segment, TcpOption } from '../../engine';
import { OptionKind } from '../options';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const KNOWN_KINDS: readonly number[] = Object.values(OptionKind);

/** Any option except EOL, which ends a list and so only appears last. */
export const optionArb: fc.Arbitrary<TcpOption> = fc.oneof(
  fc.constant<TcpOption>({ kind: 'nop' }),
  u16.map((value): TcpOption => ({ kind: 'mss', value })),
  fc.integer({ min: 0, max: 255 }).map((shift): TcpOption => ({ kind: 'wscale', shift })),
  fc.constant<TcpOption>({ kind: 'sackOK' }),
  fc.array(fc.tuple(u32, u32), { minLength: 1, maxLength: 4 }).map((blocks): TcpOption => ({
    kind: 'sack',
    blocks: blocks.map(([l, r]) => [seq(l), seq(r)] as const),
  })),
  fc.tuple(u32, u32).map(([val, ecr]): TcpOption => ({ kind: 'ts', val, ecr })),
  fc
    .tuple(
      fc.integer({ min: 2, max: 255 }).filter((k) => !KNOWN_KINDS.includes(k)),
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 12 }),
    )
    .map(([type, data]): TcpOption => ({ kind: 'unknown', type, data })),
);

/** Bytes a list takes before padding. */
export function optionsLength(options: readonly TcpOption[]): number {
  return options.reduce((n, o) => n + optionLength(o), 0);
}

/**
 * Option lists that fit a header (≤ 40 bytes after padding), sometimes ending in an
 * explicit EOL.
 */
export const optionListArb: fc.Arbitrary<TcpOption[]> = fc
  .tuple(fc.array(optionArb, { maxLength: 8 }), fc.boolean())
  .map(([options, eol]) => (eol ? [...options, { kind: 'eol' } as const] : options))
  .filter((options) => ((optionsLength(options) + 3) & ~3) <= 40);

export const segmentArb: fc.Arbitrary<Segment> = fc.record({
  srcPort: u16,
  dstPort: u16,
  seq: u32.map(seq),
  ack: u32.map(seq),
  flags: fc.integer({ min: 0, max: 255 }),
  window: u16,
  urgent: u16,
  options: optionListArb,
  payload: fc.uint8Array({ maxLength: 64 }),
});

export const ipv4Arb: fc.Arbitrary<string> = fc
  .tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255))
  .map((b) => b.join('.'));
