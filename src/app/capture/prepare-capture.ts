/**
 * From a file the user opened or dropped to what the page shows: the capture read from its bytes
 * (src/wire/read-capture.ts), its conversations, and the chosen one as a run for the store.
 * Loaded only when a capture is opened. Nothing read from the file is run or sent anywhere.
 */
import type { ProfileName } from '../../engine';
import type { CaptureRunInfo, RecordedRun } from '../../store';
import { type Conversation, listConversations } from '../../wire/conversation/conversations';
import { replayOpening } from '../../runner/capture-replay/replay';
import { drawReplay } from '../../runner/capture-replay/replay-trace';
import { conversationToTrace } from '../../wire/conversation/to-trace';
import {
  captureTooLarge,
  MAX_CAPTURE_BYTES,
  type OpenedCapture,
  readCapture,
} from '../../wire/read-capture';

export interface OpenedFile {
  readonly fileName: string;
  readonly capture: OpenedCapture;
  readonly conversations: readonly Conversation[];
}

export type Opening =
  | { readonly ok: true; readonly file: OpenedFile }
  | { readonly ok: false; readonly message: string };

/**
 * Captures up to this size are read on the page at once (a few milliseconds); a larger one is
 * read in the run worker, with progress and Cancel, so the page stays responsive.
 */
export const READ_HERE_BYTES = 512 * 1024;

export type FileBytes =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly message: string };

/** A File's bytes; a file too large is refused before its bytes are read into the page. */
export async function captureFileBytes(file: File): Promise<FileBytes> {
  if (file.size > MAX_CAPTURE_BYTES) {
    return { ok: false, message: `${file.name}: ${captureTooLarge(file.size)}` };
  }
  try {
    return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch {
    return { ok: false, message: `${file.name}: the browser could not read the file.` };
  }
}

/** The capture in `bytes` read and its conversations listed, or one message naming the problem. */
export function openCaptureBytes(fileName: string, bytes: Uint8Array): Opening {
  const reading = readCapture(bytes);
  if (!reading.ok) return { ok: false, message: `${fileName}: ${reading.message}` };
  const conversations = listConversations(reading.capture.packets);
  return { ok: true, file: { fileName, capture: reading.capture, conversations } };
}

export function conversationLoad(
  file: OpenedFile,
  conversation: Conversation,
): { info: CaptureRunInfo; run: RecordedRun } {
  const drawn = conversationToTrace(file.capture.packets, conversation);
  return {
    info: {
      fileName: file.fileName,
      capture: file.capture,
      conversations: file.conversations,
      conversation,
      marks: drawn.marks,
      frameNumbers: drawn.frameNumbers,
      handshakeRtt: drawn.handshakeRtt,
    },
    run: {
      trace: drawn.trace,
      endpoints: drawn.endpoints,
      endTime: drawn.endTime,
      stop: drawn.stop,
    },
  };
}

export type ReplayLoad =
  | { readonly ok: true; readonly load: { info: CaptureRunInfo; run: RecordedRun } }
  | { readonly ok: false; readonly message: string };

/**
 * The conversation on screen with its opening replayed through the engine under `profile`
 * (src/runner/capture-replay/replay.ts): the same capture, each difference marked on its segment
 * and the engine's segment drawn beside it.
 */
export function replayedLoad(shown: CaptureRunInfo, profile: ProfileName): ReplayLoad {
  const outcome = replayOpening(shown.capture.packets, shown.conversation, profile);
  if (!outcome.ok) return outcome;
  const { replay } = outcome;
  const file = {
    fileName: shown.fileName,
    capture: shown.capture,
    conversations: shown.conversations,
  };
  const plain = conversationLoad(file, shown.conversation);
  const drawn = drawReplay(plain.run.trace, replay, { client: 'client', server: 'server' });
  return {
    ok: true,
    load: {
      info: {
        ...plain.info,
        replay: {
          profile,
          segments: replay.segments,
          compared: replay.compared,
          differences: replay.differences.length,
          end: replay.end,
          ghosts: drawn.ghosts,
        },
      },
      run: { ...plain.run, trace: drawn.trace },
    },
  };
}
