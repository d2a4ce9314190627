/**
 * The current run as a capture file, as the CLI writes it (`npm run sim -- --pcap`): the same
 * frames from src/wire. The pcapng variant carries each packet's narration sentence as its
 * comment. Loaded only when the download dialog opens.
 */
import type { LabState } from '../../store';
import { narrate } from '../../ui/format/narrate';
import { selectTraceFacts } from '../../ui/connected/trace-facts';
import type { CapturePoint } from '../../wire/capture';
import { writePcap } from '../../wire/pcap';
import { writePcapng } from '../../wire/pcapng';

export type CaptureFormat = 'pcap' | 'pcapng';

export interface CaptureFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export type Download = { ok: true; file: CaptureFile } | { ok: false; message: string };

export function captureOfRun(
  state: Pick<LabState, 'timeline' | 'numbering' | 'run'>,
  format: CaptureFormat,
  captureAt: CapturePoint,
): Download {
  const trace = state.timeline.events;
  const options = { captureAt, endpoints: state.timeline.endpoints };
  const name = `${state.run.preset}-${captureAt}.${format}`;
  try {
    if (format === 'pcap') return { ok: true, file: { name, bytes: writePcap(trace, options) } };
    const facts = selectTraceFacts(state);
    const bytes = writePcapng(trace, { ...options, comment: (c) => narrate(c.send, facts) });
    return { ok: true, file: { name, bytes } };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `This run cannot be written as a capture: ${why}.` };
  }
}
