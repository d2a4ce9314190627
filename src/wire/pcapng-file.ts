/**
 * The pcapng file format (draft-ietf-opsawg-pcapng): a chain of blocks, each
 * `type, total length, body, total length`, padded to 32 bits. A section starts with a
 * Section Header Block whose byte-order magic tells how the whole section is written; each
 * Interface Description Block gives a link type and a timestamp resolution; packets come in
 * Enhanced (or Simple, or the obsolete) Packet Blocks. Blocks the lab has no use for (name
 * resolution, statistics, custom, ...) are skipped by their length, as the format intends.
 */
import type { PcapRecord } from './pcap-file';

export const PCAPNG_SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IDB = 1;
const PACKET_BLOCK_OBSOLETE = 2;
const SPB = 3;
const EPB = 6;
const OPT_END = 0;
const OPT_COMMENT = 1;
const IF_NAME = 2;
const IF_TSRESOL = 9;
const IF_TSOFFSET = 14;
const SHB_USERAPPL = 4;

/** A packet of a pcap or pcapng file, with the link type of the interface it was taken on. */
export interface CaptureRecord extends PcapRecord {
  readonly linkType: number;
  /** The packet's comment (opt_comment), which Wireshark shows. */
  readonly comment?: string;
}

interface Interface {
  readonly linkType: number;
  readonly snapLength: number;
  /** Timestamp units per second (10^6 unless if_tsresol says otherwise). */
  readonly unitsPerSecond: bigint;
  readonly offsetSeconds: bigint;
}

interface Section {
  readonly view: DataView;
  readonly littleEndian: boolean;
}

const u32 = (s: Section, at: number) => s.view.getUint32(at, s.littleEndian);
const u16 = (s: Section, at: number) => s.view.getUint16(at, s.littleEndian);
const pad4 = (n: number) => (n + 3) & ~3;

/** Reads every packet of every section; names the block at fault when the file is damaged. */
export function decodePcapngFile(bytes: Uint8Array): CaptureRecord[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: CaptureRecord[] = [];
  let section: Section | null = null;
  let interfaces: Interface[] = [];
  let at = 0;
  let blockNumber = 0;
  while (at < bytes.length) {
    blockNumber++;
    if (at + 12 > bytes.length)
      throw new Error(`pcapng block ${blockNumber} is cut off inside its header`);
    if (view.getUint32(at) === PCAPNG_SHB) {
      section = sectionAt(view, at, blockNumber);
      interfaces = [];
    }
    if (section === null)
      throw new Error('not a pcapng file: it does not start with a section header');
    const type = u32(section, at);
    const length = u32(section, at + 4);
    if (length < 12 || length % 4 !== 0 || at + length > bytes.length) {
      throw new Error(
        `pcapng block ${blockNumber} says it is ${length} bytes, ${at + length > bytes.length ? 'but the file ends first' : 'which is not a valid block length'}`,
      );
    }
    if (u32(section, at + length - 4) !== length) {
      throw new Error(`pcapng block ${blockNumber} ends with a length that differs from its start`);
    }
    const body = { start: at + 8, end: at + length - 4 };
    const need = (n: number, what: string) => {
      if (body.end - body.start < n)
        throw new Error(`pcapng ${what} block ${blockNumber} is too short`);
    };
    if (type === IDB) {
      need(8, 'interface');
      interfaces.push(interfaceOf(section, body.start, body.end));
    } else if (type === EPB || type === PACKET_BLOCK_OBSOLETE) {
      need(20, 'packet');
      const enhanced = type === EPB;
      const id = enhanced ? u32(section, body.start) : u16(section, body.start);
      const iface = interfaces[id];
      if (!iface)
        throw new Error(
          `pcapng packet block ${blockNumber} names interface ${id}, which was not described`,
        );
      const captured = u32(section, body.start + 12);
      const dataStart = body.start + 20;
      if (dataStart + captured > body.end) {
        throw new Error(
          `pcapng packet block ${blockNumber} says ${captured} bytes but the block ends first`,
        );
      }
      const units =
        (BigInt(u32(section, body.start + 4)) << 32n) | BigInt(u32(section, body.start + 8));
      const comment = enhanced
        ? commentOf(section, dataStart + pad4(captured), body.end)
        : undefined;
      records.push({
        ...timeOf(units, iface),
        originalLength: u32(section, body.start + 16),
        data: bytes.slice(dataStart, dataStart + captured),
        linkType: iface.linkType,
        ...(comment !== undefined ? { comment } : {}),
      });
    } else if (type === SPB) {
      need(4, 'simple packet');
      const iface = interfaces[0];
      if (!iface)
        throw new Error(`pcapng simple packet block ${blockNumber} comes before any interface`);
      const originalLength = u32(section, body.start);
      const captured = Math.min(
        originalLength,
        body.end - body.start - 4,
        iface.snapLength || Infinity,
      );
      // A Simple Packet Block has no timestamp: the lab draws it at time 0 of the capture.
      records.push({
        seconds: 0,
        micros: 0,
        originalLength,
        data: bytes.slice(body.start + 4, body.start + 4 + captured),
        linkType: iface.linkType,
      });
    }
    at += length;
  }
  return records;
}

function sectionAt(view: DataView, at: number, blockNumber: number): Section {
  if (at + 28 > view.byteLength)
    throw new Error(`pcapng section header (block ${blockNumber}) is cut off`);
  const magic = view.getUint32(at + 8);
  const littleEndian = magic !== BYTE_ORDER_MAGIC;
  if (littleEndian && view.getUint32(at + 8, true) !== BYTE_ORDER_MAGIC) {
    throw new Error(
      `pcapng section header has byte-order magic 0x${magic.toString(16)}, not 1a2b3c4d`,
    );
  }
  const section = { view, littleEndian };
  const major = u16(section, at + 12);
  if (major !== 1) throw new Error(`pcapng version ${major} is not supported (expected 1.0)`);
  return section;
}

interface Option {
  readonly code: number;
  readonly start: number;
  readonly length: number;
}

function* optionsIn(section: Section, start: number, end: number): Generator<Option> {
  let at = start;
  while (at + 4 <= end) {
    const code = u16(section, at);
    const length = u16(section, at + 2);
    if (code === OPT_END) return;
    if (at + 4 + length > end)
      throw new Error(`pcapng option ${code} runs past the end of its block`);
    yield { code, start: at + 4, length };
    at += 4 + pad4(length);
  }
}

function interfaceOf(section: Section, start: number, end: number): Interface {
  let unitsPerSecond = 1_000_000n;
  let offsetSeconds = 0n;
  for (const option of optionsIn(section, start + 8, end)) {
    if (option.code === IF_TSRESOL && option.length >= 1) {
      const v = section.view.getUint8(option.start);
      const exponent = BigInt(v & 0x7f);
      // The high bit picks a power of two; otherwise a power of ten (e.g. 9 = nanoseconds).
      unitsPerSecond = v & 0x80 ? 2n ** exponent : 10n ** exponent;
      if (exponent > 30n) throw new Error(`pcapng interface time resolution ${v} is not usable`);
    } else if (option.code === IF_TSOFFSET && option.length >= 8) {
      offsetSeconds = section.view.getBigInt64(option.start, section.littleEndian);
    }
  }
  return {
    linkType: u16(section, start),
    snapLength: u32(section, start + 4),
    unitsPerSecond,
    offsetSeconds,
  };
}

function timeOf(units: bigint, iface: Interface): { seconds: number; micros: number } {
  const whole = units / iface.unitsPerSecond;
  const fraction = units % iface.unitsPerSecond;
  return {
    seconds: Number(whole + iface.offsetSeconds),
    micros: (Number(fraction) * 1e6) / Number(iface.unitsPerSecond),
  };
}

function commentOf(section: Section, start: number, end: number): string | undefined {
  for (const option of optionsIn(section, start, end)) {
    if (option.code === OPT_COMMENT) {
      const bytes = new Uint8Array(
        section.view.buffer,
        section.view.byteOffset + option.start,
        option.length,
      );
      return new TextDecoder().decode(bytes);
    }
  }
  return undefined;
}

/** One packet to write: the record, and the comment Wireshark shows beside it. */
export interface PcapngPacket {
  readonly record: PcapRecord;
  readonly comment?: string;
}

/**
 * A single-section, single-interface pcapng file, little-endian (as Wireshark writes it on
 * every common machine), microsecond timestamps (the default resolution, so no if_tsresol).
 */
export function encodePcapngFile(
  packets: readonly PcapngPacket[],
  options: { linkType: number; snapLength: number; interfaceName: string; application: string },
): Uint8Array {
  const utf8 = new TextEncoder();
  const blocks: Uint8Array[] = [];
  const block = (type: number, body: Uint8Array) => {
    const length = 12 + body.length;
    const bytes = new Uint8Array(length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, type, true);
    view.setUint32(4, length, true);
    bytes.set(body, 8);
    view.setUint32(length - 4, length, true);
    blocks.push(bytes);
  };
  const optionBytes = (list: readonly [number, Uint8Array][]): Uint8Array[] =>
    list.length === 0
      ? []
      : [
          ...list.flatMap(([code, value]) => {
            const head = new Uint8Array(4);
            new DataView(head.buffer).setUint16(0, code, true);
            new DataView(head.buffer).setUint16(2, value.length, true);
            return [head, padded(value)];
          }),
          new Uint8Array(4), // opt_endofopt
        ];

  const shb = new Uint8Array(16);
  const shbView = new DataView(shb.buffer);
  shbView.setUint32(0, BYTE_ORDER_MAGIC, true);
  shbView.setUint16(4, 1, true);
  shbView.setUint16(6, 0, true);
  shbView.setBigInt64(8, -1n, true); // section length not given
  block(
    PCAPNG_SHB,
    concat([shb, ...optionBytes([[SHB_USERAPPL, utf8.encode(options.application)]])]),
  );

  const idb = new Uint8Array(8);
  new DataView(idb.buffer).setUint16(0, options.linkType, true);
  new DataView(idb.buffer).setUint32(4, options.snapLength, true);
  block(IDB, concat([idb, ...optionBytes([[IF_NAME, utf8.encode(options.interfaceName)]])]));

  for (const { record, comment } of packets) {
    const micros = Math.round(record.micros);
    if (!Number.isInteger(record.seconds) || record.seconds < 0 || micros < 0 || micros >= 1e6) {
      throw new Error(`pcapng timestamp ${record.seconds}.${micros} is out of range`);
    }
    const units = BigInt(record.seconds) * 1_000_000n + BigInt(micros);
    const captured = record.data.subarray(0, options.snapLength);
    const head = new Uint8Array(20);
    const view = new DataView(head.buffer);
    view.setUint32(0, 0, true);
    view.setUint32(4, Number(units >> 32n), true);
    view.setUint32(8, Number(units & 0xffffffffn), true);
    view.setUint32(12, captured.length, true);
    view.setUint32(16, record.originalLength, true);
    const opts = comment ? optionBytes([[OPT_COMMENT, utf8.encode(comment)]]) : [];
    block(EPB, concat([head, padded(captured), ...opts]));
  }
  return concat(blocks);
}

function padded(bytes: Uint8Array): Uint8Array {
  if (bytes.length % 4 === 0) return bytes;
  const out = new Uint8Array(pad4(bytes.length));
  out.set(bytes);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
