/**
 * The classic libpcap file format ("pcap", draft-ietf-opsawg-pcap): a 24-byte global header,
 * then per packet a 16-byte record header and the captured bytes. We write the
 * microsecond-resolution, big-endian variant (magic a1b2c3d4; a reader tells the byte order
 * from the magic), version 2.4, snaplen 65535, LINKTYPE_ETHERNET. The reader also accepts
 * little-endian and nanosecond files, which is what tcpdump and Wireshark produce.
 */

export const PCAP_MAGIC_MICROSECONDS = 0xa1b2c3d4;
export const PCAP_MAGIC_NANOSECONDS = 0xa1b23c4d;
export const LINKTYPE_ETHERNET = 1;
export const SNAPLEN = 65535;
const GLOBAL_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

export interface PcapRecord {
  /** Whole seconds since the Unix epoch. */
  readonly seconds: number;
  /** The fraction of the second, in microseconds (may be fractional for nanosecond files). */
  readonly micros: number;
  /** The frame's length on the wire (may exceed data.length when the capture truncated it). */
  readonly originalLength: number;
  readonly data: Uint8Array;
}

export function encodePcapFile(records: readonly PcapRecord[]): Uint8Array {
  const size = records.reduce(
    (n, r) => n + RECORD_HEADER_BYTES + Math.min(r.data.length, SNAPLEN),
    GLOBAL_HEADER_BYTES,
  );
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, PCAP_MAGIC_MICROSECONDS);
  view.setUint16(4, 2); // version 2.4
  view.setUint16(6, 4);
  // Bytes 8-15: thiszone and sigfigs, both zero (timestamps are UTC).
  view.setUint32(16, SNAPLEN);
  view.setUint32(20, LINKTYPE_ETHERNET);
  let at = GLOBAL_HEADER_BYTES;
  for (const record of records) {
    const micros = Math.round(record.micros);
    if (!Number.isInteger(record.seconds) || record.seconds < 0 || micros < 0 || micros >= 1e6) {
      throw new Error(`pcap timestamp ${record.seconds}.${micros} is out of range`);
    }
    const captured = Math.min(record.data.length, SNAPLEN);
    view.setUint32(at, record.seconds);
    view.setUint32(at + 4, micros);
    view.setUint32(at + 8, captured);
    view.setUint32(at + 12, record.originalLength);
    bytes.set(record.data.subarray(0, captured), at + RECORD_HEADER_BYTES);
    at += RECORD_HEADER_BYTES + captured;
  }
  return bytes;
}

export interface PcapFile {
  readonly linkType: number;
  readonly snapLength: number;
  readonly records: readonly PcapRecord[];
}

export function decodePcapFile(bytes: Uint8Array): PcapFile {
  if (bytes.length < GLOBAL_HEADER_BYTES) {
    throw new Error(`not a pcap file: ${bytes.length} bytes is shorter than the 24-byte header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { littleEndian, nanoseconds } = byteOrderOf(view.getUint32(0));
  const u32 = (offset: number): number => view.getUint32(offset, littleEndian);
  const major = view.getUint16(4, littleEndian);
  if (major !== 2) throw new Error(`pcap version ${major} is not supported (expected 2.4)`);
  const records: PcapRecord[] = [];
  let at = GLOBAL_HEADER_BYTES;
  while (at < bytes.length) {
    if (at + RECORD_HEADER_BYTES > bytes.length) {
      throw new Error(`pcap record ${records.length + 1} is cut off inside its header`);
    }
    const captured = u32(at + 8);
    const end = at + RECORD_HEADER_BYTES + captured;
    if (end > bytes.length) {
      throw new Error(
        `pcap record ${records.length + 1} says ${captured} bytes but the file ends first`,
      );
    }
    const fraction = u32(at + 4);
    records.push({
      seconds: u32(at),
      micros: nanoseconds ? fraction / 1000 : fraction,
      originalLength: u32(at + 12),
      data: bytes.slice(at + RECORD_HEADER_BYTES, end),
    });
    at = end;
  }
  return { linkType: u32(20), snapLength: u32(16), records };
}

function byteOrderOf(magic: number): { littleEndian: boolean; nanoseconds: boolean } {
  const swapped = (m: number): number =>
    (((m & 0xff) << 24) | ((m & 0xff00) << 8) | ((m >>> 8) & 0xff00) | (m >>> 24)) >>> 0;
  if (magic === PCAP_MAGIC_MICROSECONDS) return { littleEndian: false, nanoseconds: false };
  if (magic === PCAP_MAGIC_NANOSECONDS) return { littleEndian: false, nanoseconds: true };
  if (magic === swapped(PCAP_MAGIC_MICROSECONDS)) return { littleEndian: true, nanoseconds: false };
  if (magic === swapped(PCAP_MAGIC_NANOSECONDS)) return { littleEndian: true, nanoseconds: true };
  if (magic === 0x0a0d0d0a) {
    throw new Error('this is a pcapng file; save it as "Wireshark/tcpdump - pcap" and try again');
  }
  throw new Error(`not a pcap file: magic number 0x${magic.toString(16).padStart(8, '0')}`);
}
