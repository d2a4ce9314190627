import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seq } from '../engine';
import type { TcpOption } from '../engine';
import { decodeOptions, encodeOptions } from './options';
import { optionListArb, optionsLength } from './testing/arbitraries';

/** What a decoder can see of a list: padding zeros read as an EOL (RFC 9293 §3.1). */
function asOnTheWire(options: readonly TcpOption[]): TcpOption[] {
  const ends = options.at(-1)?.kind === 'eol';
  return optionsLength(options) % 4 === 0 || ends ? [...options] : [...options, { kind: 'eol' }];
}

describe('TCP options (RFC 9293 §3.2)', () => {
  it('writes the Linux SYN options byte for byte in the order given', () => {
    const { bytes } = encodeOptions([
      { kind: 'mss', value: 1460 },
      { kind: 'sackOK' },
      { kind: 'ts', val: 0x01020304, ecr: 0 },
      { kind: 'nop' },
      { kind: 'wscale', shift: 7 },
    ]);
    expect(Array.from(bytes)).toEqual([
      2, 4, 0x05, 0xb4, 4, 2, 8, 10, 1, 2, 3, 4, 0, 0, 0, 0, 1, 3, 3, 7,
    ]);
  });

  it('pads to a 32-bit boundary with zeros and maps the padding', () => {
    const { bytes, fields } = encodeOptions([{ kind: 'mss', value: 536 }, { kind: 'sackOK' }]);
    expect(Array.from(bytes)).toEqual([2, 4, 0x02, 0x18, 4, 2, 0, 0]);
    expect(fields).toEqual([
      { name: 'option:mss', start: 0, end: 4 },
      { name: 'option:sackOK', start: 4, end: 6 },
      { name: 'padding', start: 6, end: 8 },
    ]);
  });

  it('writes SACK blocks as pairs of 32-bit edges (RFC 2018 §3)', () => {
    const { bytes } = encodeOptions([
      { kind: 'nop' },
      { kind: 'nop' },
      { kind: 'sack', blocks: [[seq(0xfffffffe), seq(2)]] },
    ]);
    expect(Array.from(bytes)).toEqual([1, 1, 5, 10, 0xff, 0xff, 0xff, 0xfe, 0, 0, 0, 2]);
  });

  it('keeps an unknown kind with its data', () => {
    const raw = Uint8Array.of(30, 4, 0xab, 0xcd);
    expect(decodeOptions(raw)).toEqual([{ kind: 'unknown', type: 30, data: [0xab, 0xcd] }]);
    expect(Array.from(encodeOptions(decodeOptions(raw)).bytes)).toEqual(Array.from(raw));
  });

  it('keeps a known kind with a wrong length as unknown rather than guessing', () => {
    expect(decodeOptions(Uint8Array.of(2, 3, 5, 0))).toEqual([
      { kind: 'unknown', type: 2, data: [5] },
      { kind: 'eol' },
    ]);
  });

  it('stops at EOL: what follows is padding', () => {
    expect(decodeOptions(Uint8Array.of(1, 0, 2, 4))).toEqual([{ kind: 'nop' }, { kind: 'eol' }]);
  });

  it('rejects a length that runs past the header, naming the option', () => {
    expect(() => decodeOptions(Uint8Array.of(8, 10, 0, 0))).toThrow(
      'TCP option kind 8 at options byte 0 has length 10, but 4 bytes remain',
    );
    expect(() => decodeOptions(Uint8Array.of(1, 1, 1, 30, 1))).toThrow(/length 1/);
    expect(() => decodeOptions(Uint8Array.of(1, 1, 1, 30))).toThrow(/has no length byte/);
  });

  it('refuses more options than a header holds', () => {
    const many: TcpOption[] = Array.from({ length: 5 }, () => ({ kind: 'ts', val: 1, ecr: 2 }));
    expect(() => encodeOptions(many)).toThrow(/need 52 bytes but a header has room for 40/);
  });

  it('refuses out-of-range values with the value in the message', () => {
    expect(() => encodeOptions([{ kind: 'mss', value: 70000 }])).toThrow(
      'MSS value must be an integer from 0 to 65535, got 70000',
    );
    expect(() => encodeOptions([{ kind: 'sack', blocks: [] }])).toThrow(/1 to 4 blocks/);
  });

  it('decodes what it encodes, for any list that fits (property)', () => {
    fc.assert(
      fc.property(optionListArb, (options) => {
        const { bytes, fields } = encodeOptions(options);
        expect(bytes.length % 4).toBe(0);
        expect(decodeOptions(bytes)).toEqual(asOnTheWire(options));
        // One range per option, back to back in wire order.
        const optionRanges = fields.filter((f) => f.name !== 'padding');
        expect(optionRanges.map((f) => f.name)).toEqual(options.map((o) => `option:${o.kind}`));
        optionRanges.forEach((f, i) => expect(f.start).toBe(optionRanges[i - 1]?.end ?? 0));
      }),
    );
  });
});
