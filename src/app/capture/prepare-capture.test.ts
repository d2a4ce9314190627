/**
 * A file opened as a capture gets one message naming its problem, the file's name first; a file
 * too large for the page is refused from its size alone, before its bytes are read into the page.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CAPTURE_BYTES } from '../../wire/read-capture';
import { captureFileBytes, openCaptureBytes } from './prepare-capture';

/** A File of `size` bytes that records whether anything asked for its bytes. */
function fileOfSize(name: string, size: number) {
  const file = new File([], name);
  const asked = { bytes: false };
  Object.defineProperty(file, 'size', { value: size });
  Object.defineProperty(file, 'arrayBuffer', {
    value: () => {
      asked.bytes = true;
      return Promise.resolve(new ArrayBuffer(0));
    },
  });
  return { file, asked };
}

describe('opening a file as a capture', () => {
  it('refuses a file larger than the page opens, unread, naming its size and the limit', async () => {
    const { file, asked } = fileOfSize('office.pcapng', 300 * 1024 * 1024);
    expect(await captureFileBytes(file)).toEqual({
      ok: false,
      message:
        "office.pcapng: The file is 300 MB; the lab opens captures up to 64 MB. Cut it to one conversation first (for example, editcap -r or Wireshark's File → Export Specified Packets).",
    });
    expect(asked.bytes).toBe(false);
  });

  it('reads a file of exactly the largest size', async () => {
    const { file, asked } = fileOfSize('edge.pcap', MAX_CAPTURE_BYTES);
    expect((await captureFileBytes(file)).ok).toBe(true);
    expect(asked.bytes).toBe(true);
  });

  it('bytes over the limit that reach the reader anyway get the same one message', () => {
    const opening = openCaptureBytes('big.pcap', new Uint8Array(MAX_CAPTURE_BYTES + 1));
    expect(opening).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^big\.pcap: The file is more than 64 MB; the lab opens captures up to 64 MB\. /,
      ),
    });
  });
});
