import { describe, expect, it } from 'vitest';
import { filler } from './filler';
import { HexTable, toHex } from './hex';
import { createStream } from './rng';

function randomBytes(n: number, seed: number): Uint8Array {
  const stream = createStream(seed);
  return Uint8Array.from({ length: n }, () => stream.nextUint32() & 255);
}

describe('payload hex', () => {
  it('writes bytes as lowercase hex, two digits each', () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 171, 255]))).toBe('00010f10abff');
    expect(toHex(new Uint8Array(0))).toBe('');
  });

  it('gives the same text as a fresh encoding, for repeated and new payloads alike', () => {
    const table = new HexTable();
    const payloads = [
      new TextEncoder().encode('GET / HTTP/1.1\r\n'),
      randomBytes(1460, 1),
      randomBytes(1460, 2),
      new Uint8Array(0),
    ];
    for (let round = 0; round < 3; round++) {
      for (const bytes of payloads) expect(table.hex(bytes)).toBe(toHex(bytes));
    }
  });

  it('tells apart payloads of the same length that differ in one byte', () => {
    const table = new HexTable();
    const a = randomBytes(64, 3);
    const b = a.slice();
    b[63] = (b[63] as number) ^ 1;
    expect(table.hex(a)).toBe(toHex(a));
    expect(table.hex(b)).toBe(toHex(b));
    expect(table.hex(a)).not.toBe(table.hex(b));
  });

  it('tells apart long payloads differing anywhere, whatever their alignment in memory', () => {
    const base = randomBytes(1460 + 8, 4);
    for (const offset of [0, 1, 4]) {
      for (const at of [0, 700, 1459]) {
        const table = new HexTable();
        const view = base.subarray(offset, offset + 1460);
        const changed = view.slice();
        changed[at] = (changed[at] as number) ^ 0x80;
        expect(table.hex(view)).toBe(toHex(view));
        expect(table.hex(changed)).toBe(toHex(changed));
      }
    }
  });

  it('still encodes correctly once it holds as many payloads as its limit', () => {
    const table = new HexTable(2);
    for (let seed = 0; seed < 5; seed++) {
      const bytes = randomBytes(20, seed);
      expect(table.hex(bytes)).toBe(toHex(bytes));
      expect(table.hex(bytes)).toBe(toHex(bytes));
    }
  });

  it('encodes a view into a larger buffer by the bytes it shows', () => {
    const buffer = new TextEncoder().encode('xxabcxx');
    const table = new HexTable();
    expect(table.hex(buffer.subarray(2, 5))).toBe('616263');
    expect(table.hex(new TextEncoder().encode('abc'))).toBe('616263');
  });

  it('encodes views of the filler by where they start and their length, at every phase', () => {
    const table = new HexTable(4);
    const bytes = filler(4000);
    // Every phase of the alphabet, lengths on both sides of one period, and more distinct
    // (phase, length) pairs than the table's limit: each view reads as its own bytes.
    for (let start = 0; start < 60; start++) {
      for (const len of [1, 25, 26, 27, 1460]) {
        const view = bytes.subarray(start, start + len);
        expect(table.hex(view)).toBe(toHex(view.slice()));
        expect(table.hex(view)).toBe(toHex(view.slice()));
      }
    }
  });
});
