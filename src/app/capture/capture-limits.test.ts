/**
 * The capture size bound (docs/limits.md): a file over MAX_CAPTURE_BYTES is refused by its size,
 * with one message naming the bound, before a byte of it is read into the page; bytes that reach
 * the reader some other way (the worker) get the same refusal.
 */
import { describe, expect, it, vi } from 'vitest';
import { MAX_CAPTURE_BYTES, readCapture } from '../../wire/read-capture';
import { captureFileBytes } from './prepare-capture';

const MEGABYTE = new Uint8Array(1024 * 1024);

/** A file one megabyte over the bound, made of one shared megabyte (no 65 MB allocation). */
function oversizedFile(): File {
  const parts = Array.from({ length: MAX_CAPTURE_BYTES / MEGABYTE.length + 1 }, () => MEGABYTE);
  return new File(parts, 'huge.pcap');
}

describe('a capture over the size bound', () => {
  it('is refused by its size, naming the file and the bound, without being read', async () => {
    const file = oversizedFile();
    const read = vi.spyOn(file, 'arrayBuffer');
    expect(await captureFileBytes(file)).toEqual({
      ok: false,
      message:
        "huge.pcap: the file is 65 MB; the lab opens captures up to 64 MB. Cut it to one conversation first (for example, Wireshark's File → Export Specified Packets).",
    });
    expect(read).not.toHaveBeenCalled();
  });

  it('is refused by the reader too, with one message and no exception', () => {
    const result = readCapture(new Uint8Array(MAX_CAPTURE_BYTES + 1));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^The file is 64 MB; the lab opens captures up to 64 MB\./,
    );
  });
});
