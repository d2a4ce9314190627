/**
 * A run as a pcapng file: the same frames and timestamps as the classic pcap (pcap.ts), with
 * each packet's comment — the lab's narration sentence — which Wireshark shows in its packet
 * details and tshark prints as `frame.comment`.
 */
import type { Trace } from '../sim/trace';
import { type CaptureOptions, capturedSegments, type CapturedSegment } from './capture';
import { frameOfSendEvent } from './frame';
import { LINKTYPE_ETHERNET, SNAPLEN } from './pcap-file';
import { encodePcapngFile } from './pcapng-file';
import { timestampOf } from './pcap';

export interface PcapngOptions extends CaptureOptions {
  /** The comment for one captured segment (the narration), or none. */
  readonly comment?: (captured: CapturedSegment) => string | undefined;
}

export function writePcapng(trace: Trace, options: PcapngOptions): Uint8Array {
  const packets = capturedSegments(trace, options).map((c) => {
    const data = frameOfSendEvent(c.send, c.identification);
    const comment = options.comment?.(c);
    return {
      record: { ...timestampOf(c.t), originalLength: data.length, data },
      ...(comment ? { comment } : {}),
    };
  });
  return encodePcapngFile(packets, {
    linkType: LINKTYPE_ETHERNET,
    snapLength: SNAPLEN,
    interfaceName: interfaceName(options),
    application: 'Handshake Lab',
  });
}

/** The interface's name says where the capture was taken, as tcpdump's -i would. */
function interfaceName(options: CaptureOptions): string {
  if (options.captureAt === 'link') return 'link (every segment as it enters the link)';
  return `${options.endpoint ?? options.captureAt} (what it sends and receives)`;
}
