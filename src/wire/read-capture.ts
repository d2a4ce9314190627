/**
 * Opening a capture a user brings (tcpdump's or Wireshark's pcap or pcapng): from the file's
 * bytes to its TCP packets, or one message that names what is wrong. The bytes are only ever
 * read as data. Nothing here throws: a damaged file is an answer, not an exception.
 */
import { decodePacket, linkTypeSupported, type TcpPacket } from './link-layer';
import { decodePcapFile } from './pcap-file';
import { decodePcapngFile, PCAPNG_SHB, type CaptureRecord } from './pcapng-file';

/** The largest file the page opens: it is read whole into memory, and drawn packet by packet. */
export const MAX_CAPTURE_BYTES = 64 * 1024 * 1024;

export interface CapturePacket extends TcpPacket {
  /** The frame's number in the file, from 1, as Wireshark counts. */
  readonly number: number;
  /** Milliseconds since the first packet of the file. */
  readonly t: number;
  /** The frame's comment in a pcapng file. */
  readonly comment?: string;
}

export interface OpenedCapture {
  readonly format: 'pcap' | 'pcapng';
  readonly packets: readonly CapturePacket[];
  /** Frames with no TCP (ARP, UDP, ICMP, ...), and frames cut short or damaged, left out. */
  readonly skipped: {
    readonly notTcp: number;
    readonly damaged: number;
    readonly cutShort: number;
  };
  /** The first damaged frame and why, for the note beside the conversation list. */
  readonly firstDamage?: string;
}

export type CaptureReading =
  | { readonly ok: true; readonly capture: OpenedCapture }
  | { readonly ok: false; readonly message: string };

const megabytes = (n: number) => `${Math.round(n / (1024 * 1024))} MB`;

/**
 * Why a file of `size` bytes is not opened: the one message for it, asked of the size alone so
 * the page can refuse a file before reading it. A size that rounds to the limit is "more than" it.
 */
export function captureTooLarge(size: number): string {
  const limit = megabytes(MAX_CAPTURE_BYTES);
  const shown = megabytes(size) === limit ? `more than ${limit}` : megabytes(size);
  return `The file is ${shown}; the lab opens captures up to ${limit}. Cut it to one conversation first (for example, editcap -r or Wireshark's File → Export Specified Packets).`;
}
const why = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Classic pcap or pcapng, told apart by their first four bytes. */
function recordsOf(bytes: Uint8Array): { format: 'pcap' | 'pcapng'; records: CaptureRecord[] } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 4 && view.getUint32(0) === PCAPNG_SHB) {
    return { format: 'pcapng', records: decodePcapngFile(bytes) };
  }
  const file = decodePcapFile(bytes);
  return { format: 'pcap', records: file.records.map((r) => ({ ...r, linkType: file.linkType })) };
}

export function readCapture(bytes: Uint8Array): CaptureReading {
  if (bytes.length > MAX_CAPTURE_BYTES) {
    return { ok: false, message: captureTooLarge(bytes.length) };
  }
  if (bytes.length === 0) return { ok: false, message: 'The file is empty: it is not a capture.' };
  let read: { format: 'pcap' | 'pcapng'; records: CaptureRecord[] };
  try {
    read = recordsOf(bytes);
  } catch (error) {
    const text = why(error);
    return { ok: false, message: `This file cannot be opened as a capture: ${text}.` };
  }
  const unsupported = read.records.find((r) => !linkTypeSupported(r.linkType));
  if (unsupported && read.records.every((r) => !linkTypeSupported(r.linkType))) {
    return {
      ok: false,
      message: `The capture's link type ${unsupported.linkType} is not one the lab reads (Ethernet, Linux cooked capture, raw IP or loopback).`,
    };
  }
  const packets: CapturePacket[] = [];
  const skipped = { notTcp: 0, damaged: 0, cutShort: 0 };
  let firstDamage: string | undefined;
  const first = read.records[0];
  read.records.forEach((record, i) => {
    if (!linkTypeSupported(record.linkType)) {
      skipped.notTcp++;
      return;
    }
    try {
      const decoded = decodePacket(record.linkType, record.data);
      if (decoded.kind === 'other') {
        skipped.notTcp++;
        return;
      }
      const t =
        first === undefined
          ? 0
          : (record.seconds - first.seconds) * 1000 + (record.micros - first.micros) / 1000;
      packets.push({
        ...decoded.packet,
        number: i + 1,
        t: Math.round(t * 1000) / 1000,
        ...(record.comment !== undefined ? { comment: record.comment } : {}),
      });
    } catch (error) {
      if (record.data.length < record.originalLength) skipped.cutShort++;
      else skipped.damaged++;
      firstDamage ??= `frame ${i + 1}: ${why(error)}`;
    }
  });
  if (packets.length === 0) {
    const total = read.records.length;
    const reason =
      total === 0
        ? 'it holds no packets'
        : skipped.cutShort > 0
          ? `its ${total} frames were cut short by the capture's snap length (capture again with tcpdump -s 0)`
          : skipped.damaged > 0
            ? `none of its ${total} frames could be read (${firstDamage})`
            : `none of its ${total} frames is a TCP segment`;
    return { ok: false, message: `There is no TCP in this capture: ${reason}.` };
  }
  return {
    ok: true,
    capture: { format: read.format, packets, skipped, ...(firstDamage ? { firstDamage } : {}) },
  };
}
