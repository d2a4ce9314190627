/** Bytes on the wire: TCP/IPv4/Ethernet codecs, checksums and pcap (DESIGN.md, src/wire). */
export type { EncodedSegment, FieldRange, OptionFieldName, SegmentFieldName } from './fields';
export { internetChecksum, pseudoHeader, tcpChecksum } from './checksum';
export { decodeOptions, encodeOptions, MAX_OPTIONS_BYTES, OptionKind } from './options';
export { decodeSegment, encodeSegment } from './tcp-header';
export type { DecodedSegment, SegmentAddresses } from './tcp-header';
export { bytesOfSendEvent, segmentFromSendEvent } from './send-event';
export { decodeFrame, frameOfSendEvent } from './frame';
export type { DecodedFrame } from './frame';
export { capturedSegments } from './capture';
export type { CapturedSegment } from './capture';
export { CAPTURE_EPOCH_SECONDS, readPcap, timestampOf, writePcap } from './pcap';
export type { CapturedFrame, CaptureOptions, CapturePoint } from './pcap';
export { bytesToHex, hexToBytes } from './hex';
