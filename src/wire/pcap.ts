/**
 * pcap export and import of a run (DESIGN.md: "Wireshark's tshark reading every pcap the
 * project writes"). Virtual time becomes wall-clock time from a fixed epoch, so a capture
 * opens in Wireshark with believable dates and is byte-identical on every run.
 */
import type { Trace } from '../sim/trace';
import { type CaptureOptions, capturedSegments } from './capture';
import { decodeFrame, frameOfSendEvent, type DecodedFrame } from './frame';
import { decodePcapFile, encodePcapFile, LINKTYPE_ETHERNET, type PcapRecord } from './pcap-file';

/** 2026-01-01T00:00:00Z in seconds since the Unix epoch: virtual time 0 of every capture. */
export const CAPTURE_EPOCH_SECONDS = 1_767_225_600;

export type { CaptureOptions, CapturePoint } from './capture';

/** The capture of a run taken at `options.captureAt`, as a classic pcap file. */
export function writePcap(trace: Trace, options: CaptureOptions): Uint8Array {
  const records = capturedSegments(trace, options).map((c): PcapRecord => {
    const data = frameOfSendEvent(c.send, c.identification);
    return { ...timestampOf(c.t), originalLength: data.length, data };
  });
  return encodePcapFile(records);
}

/** Virtual ms → pcap seconds and microseconds after the capture epoch. */
export function timestampOf(t: number): { seconds: number; micros: number } {
  const totalMicros = Math.round(t * 1000);
  return {
    seconds: CAPTURE_EPOCH_SECONDS + Math.floor(totalMicros / 1e6),
    micros: totalMicros % 1e6,
  };
}

export interface CapturedFrame extends DecodedFrame {
  /** Virtual ms: time since the capture epoch (our own files) — may be large for others. */
  readonly t: number;
}

/** Reads a pcap of Ethernet/IPv4/TCP frames back into segments; names the frame at fault. */
export function readPcap(bytes: Uint8Array): CapturedFrame[] {
  const file = decodePcapFile(bytes);
  if (file.linkType !== LINKTYPE_ETHERNET) {
    throw new Error(`pcap link type ${file.linkType} is not supported (only Ethernet, 1)`);
  }
  return file.records.map((record, i) => {
    if (record.data.length < record.originalLength) {
      throw new Error(`frame ${i + 1} was truncated by the capture's snap length`);
    }
    try {
      const frame = decodeFrame(record.data);
      // In whole microseconds first, so that 1 s + 670448 µs reads as 1670.448 ms exactly.
      const t = ((record.seconds - CAPTURE_EPOCH_SECONDS) * 1e6 + record.micros) / 1000;
      return { t, ...frame };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`frame ${i + 1}: ${why}`, { cause: error });
    }
  });
}
