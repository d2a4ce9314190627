import { describe, expect, it } from 'vitest';
import { seq } from './seq';
import {
  afterReport,
  chooseSackBlocks,
  firstOverlap,
  heldBlocks,
  maxSackBlocks,
  type SackBlock,
} from './sack-blocks';

const b = (l: number, r: number): SackBlock => [seq(l), seq(r)];
const held = (...ranges: [number, number][]) =>
  ranges.map(([l, r]) => ({ seq: seq(l), data: { length: r - l } }));

/**
 * ESTABLISHED, data arriving out of order, as FreeBSD's rcv-data-segments/overlapping-300-*.pkt
 * shows it: RCV.NXT stays 100 while 200:300, 400:500, 600:700 and 300:350 arrive.
 */
describe('ESTABLISHED: SACK blocks for out-of-order data (RFC 2018 §4)', () => {
  it('the first block holds the segment that triggered the ACK; the rest repeat the latest reports', () => {
    let reported: SackBlock[] = [];
    const arrivals: [number, number][] = [];
    const sent: SackBlock[][] = [];
    for (const seg of [
      [200, 300],
      [400, 500],
      [600, 700],
      [300, 350],
    ] as [number, number][]) {
      arrivals.push(seg);
      const blocks = chooseSackBlocks({
        held: heldBlocks(held(...arrivals), seq(100)),
        latest: b(...seg),
        reported,
        duplicate: null,
        max: maxSackBlocks(false),
      });
      sent.push(blocks);
      reported = afterReport(blocks, null);
    }
    expect(sent).toEqual([
      [b(200, 300)],
      [b(400, 500), b(200, 300)],
      [b(600, 700), b(400, 500), b(200, 300)],
      // 300:350 joins 200:300; that block leads, the others follow by recency.
      [b(200, 350), b(600, 700), b(400, 500)],
    ]);
  });

  it('a D-SACK block reports data that arrived twice, before the others (RFC 2883 §4)', () => {
    const blocks = chooseSackBlocks({
      held: heldBlocks(held([200, 300]), seq(100)),
      latest: null,
      reported: [b(200, 300)],
      duplicate: b(1, 100),
      max: 4,
    });
    expect(blocks).toEqual([b(1, 100), b(200, 300)]);
    expect(afterReport(blocks, b(1, 100))).toEqual([b(200, 300)]);
  });

  it('a D-SACK block inside a larger held block is followed by that block (RFC 2883 §4)', () => {
    // overlapping-200-275.pkt: 100:275 fills the hole and repeats 200:275 of the held 200:300.
    const held = heldBlocks(
      [
        { seq: seq(200), data: { length: 100 } },
        { seq: seq(400), data: { length: 100 } },
        { seq: seq(600), data: { length: 100 } },
      ],
      seq(100),
    );
    const duplicate = firstOverlap(held, b(100, 275));
    expect(duplicate).toEqual(b(200, 275));
    const blocks = chooseSackBlocks({
      held,
      latest: null,
      reported: [b(600, 700), b(400, 500), b(200, 300)],
      duplicate,
      max: 4,
    });
    expect(blocks).toEqual([b(200, 275), b(200, 300), b(600, 700), b(400, 500)]);
    // A repeat of a whole held block is reported twice in a row: as D-SACK, then as held data.
    expect(
      chooseSackBlocks({ held, latest: null, reported: [], duplicate: b(600, 700), max: 4 }),
    ).toEqual([b(600, 700), b(600, 700), b(200, 300), b(400, 500)]);
  });

  it('firstOverlap finds the first part of a segment that is already held, or nothing', () => {
    const held = [b(200, 300), b(400, 500)];
    expect(firstOverlap(held, b(250, 450))).toEqual(b(250, 300));
    expect(firstOverlap(held, b(300, 400))).toBeNull();
  });

  it('at most 4 blocks fit the 40 option bytes, 3 beside timestamps (RFC 2018 §3)', () => {
    expect(maxSackBlocks(false)).toBe(4);
    expect(maxSackBlocks(true)).toBe(3);
    const many = heldBlocks(held([10, 20], [30, 40], [50, 60], [70, 80], [90, 100]), seq(1));
    const blocks = chooseSackBlocks({
      held: many,
      latest: b(90, 100),
      reported: [],
      duplicate: null,
      max: 3,
    });
    expect(blocks).toEqual([b(90, 100), b(10, 20), b(30, 40)]);
  });

  it('held ranges merge where they touch or overlap and end at RCV.NXT', () => {
    expect(heldBlocks(held([30, 40], [10, 20], [20, 25], [35, 50]), seq(1))).toEqual([
      b(10, 25),
      b(30, 50),
    ]);
    // Data below RCV.NXT is no longer held; a range that straddles it is cut there.
    expect(heldBlocks(held([1, 50], [60, 70]), seq(40))).toEqual([b(40, 50), b(60, 70)]);
  });

  it('works across the sequence-number wrap (RFC 9293 §3.4)', () => {
    const top = 2 ** 32 - 10;
    expect(heldBlocks(held([top, top + 5], [top + 5, top + 20]), seq(top - 100))).toEqual([
      [seq(top), seq(top + 20)],
    ]);
  });
});
