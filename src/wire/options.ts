/**
 * TCP options on the wire (RFC 9293 §3.2; MSS §3.7.1; window scale and timestamps RFC 7323;
 * SACK RFC 2018). The encoder writes exactly the list it is given, in order: choosing the
 * order and the NOPs that align them is the engine's business (profiles differ). Only the
 * padding to the 32-bit boundary is added here.
 */
import { seq } from '../engine';
import type { Seq, TcpOption } from '../engine';
import type { FieldRange, OptionFieldName } from './fields';

/** Option kind numbers (IANA "TCP Option Kind Numbers"). */
export const OptionKind = {
  eol: 0,
  nop: 1,
  mss: 2,
  wscale: 3,
  sackOK: 4,
  sack: 5,
  ts: 8,
} as const;

/** The data offset is 4 bits of 32-bit words: 15 × 4 = 60 bytes, 20 of them fixed. */
export const MAX_OPTIONS_BYTES = 40;

export interface EncodedOptions {
  /** The options followed by zero padding to a multiple of 4 bytes. */
  readonly bytes: Uint8Array;
  /** One range per option, then 'padding' when any; offsets from the start of the options. */
  readonly fields: readonly FieldRange[];
}

export function encodeOptions(options: readonly TcpOption[]): EncodedOptions {
  const parts = options.map(optionBytes);
  const used = parts.reduce((n, p) => n + p.length, 0);
  const padded = (used + 3) & ~3;
  if (padded > MAX_OPTIONS_BYTES) {
    throw new Error(
      `TCP options need ${padded} bytes but a header has room for ${MAX_OPTIONS_BYTES} (RFC 9293 §3.1, data offset)`,
    );
  }
  const bytes = new Uint8Array(padded);
  const fields: FieldRange[] = [];
  let at = 0;
  parts.forEach((part, i) => {
    bytes.set(part, at);
    const name = `option:${options[i]?.kind ?? 'unknown'}` as OptionFieldName;
    fields.push({ name, start: at, end: at + part.length });
    at += part.length;
  });
  // Padding is zeros; a zero is also the EOL kind, which is why RFC 9293 §3.1 allows it.
  if (padded > used) fields.push({ name: 'padding', start: used, end: padded });
  return { bytes, fields };
}

function optionBytes(option: TcpOption): Uint8Array {
  switch (option.kind) {
    case 'eol':
      return Uint8Array.of(OptionKind.eol);
    case 'nop':
      return Uint8Array.of(OptionKind.nop);
    case 'mss':
      checkRange('MSS value', option.value, 0xffff);
      return Uint8Array.of(OptionKind.mss, 4, option.value >>> 8, option.value & 0xff);
    case 'wscale':
      checkRange('window scale shift', option.shift, 0xff);
      return Uint8Array.of(OptionKind.wscale, 3, option.shift);
    case 'sackOK':
      return Uint8Array.of(OptionKind.sackOK, 2);
    case 'sack':
      return sackBytes(option.blocks);
    case 'ts':
      checkRange('timestamp TSval', option.val, 0xffffffff);
      checkRange('timestamp TSecr', option.ecr, 0xffffffff);
      return withLength(OptionKind.ts, 10, (view) => {
        view.setUint32(2, option.val);
        view.setUint32(6, option.ecr);
      });
    case 'unknown':
      return unknownBytes(option.type, option.data);
  }
}

function sackBytes(blocks: readonly (readonly [Seq, Seq])[]): Uint8Array {
  // 2 + 8n bytes must fit in the 40 bytes of options: at most 4 blocks (RFC 2018 §3).
  if (blocks.length < 1 || blocks.length > 4) {
    throw new Error(`a SACK option carries 1 to 4 blocks (RFC 2018 §3), got ${blocks.length}`);
  }
  return withLength(OptionKind.sack, 2 + 8 * blocks.length, (view) => {
    blocks.forEach(([left, right], i) => {
      checkRange('SACK block edge', left, 0xffffffff);
      checkRange('SACK block edge', right, 0xffffffff);
      view.setUint32(2 + 8 * i, left);
      view.setUint32(6 + 8 * i, right);
    });
  });
}

function unknownBytes(type: number, data: readonly number[]): Uint8Array {
  if (!Number.isInteger(type) || type < 2 || type > 255) {
    throw new Error(`an option with a length byte has a kind from 2 to 255, got ${type}`);
  }
  if (data.length > 253) throw new Error(`option kind ${type} has ${data.length} data bytes`);
  data.forEach((b) => checkRange(`option kind ${type} data byte`, b, 0xff));
  return Uint8Array.of(type, 2 + data.length, ...data);
}

function withLength(kind: number, length: number, fill: (view: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes[0] = kind;
  bytes[1] = length;
  fill(new DataView(bytes.buffer));
  return bytes;
}

function checkRange(what: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new Error(`${what} must be an integer from 0 to ${max}, got ${value}`);
  }
}

/**
 * Reads an options area. An EOL ends the list (RFC 9293 §3.2: "the end of the option
 * list"); it is reported, and the bytes after it are padding. A known kind with an
 * unexpected length is kept as 'unknown' with its bytes, so nothing on the wire is lost;
 * a length that is below 2 or runs past the header is an error.
 */
export function decodeOptions(bytes: Uint8Array): TcpOption[] {
  const options: TcpOption[] = [];
  let at = 0;
  while (at < bytes.length) {
    const kind = bytes[at] ?? 0;
    if (kind === OptionKind.eol) {
      options.push({ kind: 'eol' });
      break;
    }
    if (kind === OptionKind.nop) {
      options.push({ kind: 'nop' });
      at += 1;
      continue;
    }
    const length = bytes[at + 1];
    if (length === undefined) {
      throw new Error(`TCP option kind ${kind} at options byte ${at} has no length byte`);
    }
    if (length < 2 || at + length > bytes.length) {
      throw new Error(
        `TCP option kind ${kind} at options byte ${at} has length ${length}, but ${bytes.length - at} bytes remain`,
      );
    }
    options.push(optionFrom(kind, bytes.subarray(at, at + length)));
    at += length;
  }
  return options;
}

function optionFrom(kind: number, raw: Uint8Array): TcpOption {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const n = raw.length;
  if (kind === OptionKind.mss && n === 4) return { kind: 'mss', value: view.getUint16(2) };
  if (kind === OptionKind.wscale && n === 3) return { kind: 'wscale', shift: view.getUint8(2) };
  if (kind === OptionKind.sackOK && n === 2) return { kind: 'sackOK' };
  if (kind === OptionKind.ts && n === 10) {
    return { kind: 'ts', val: view.getUint32(2), ecr: view.getUint32(6) };
  }
  if (kind === OptionKind.sack && n >= 10 && (n - 2) % 8 === 0) {
    const blocks: [Seq, Seq][] = [];
    for (let i = 2; i < n; i += 8)
      blocks.push([seq(view.getUint32(i)), seq(view.getUint32(i + 4))]);
    return { kind: 'sack', blocks };
  }
  return { kind: 'unknown', type: kind, data: Array.from(raw.subarray(2)) };
}
