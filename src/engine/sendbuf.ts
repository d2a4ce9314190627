/**
 * The send buffer as an immutable list of byte chunks: appending copies only the
 * application's new bytes (and a small last chunk), acknowledging drops chunks from the
 * front, and a segment's payload is a view into one chunk when it fits in one. No chunk
 * is written after it is made, so every version of a TCB may share them.
 */

export interface SendBuf {
  readonly chunks: readonly Uint8Array[];
  readonly length: number;
}

export const EMPTY_SEND_BUF: SendBuf = { chunks: [], length: 0 };

/** A small last chunk is merged with new bytes so that many tiny sends stay one chunk. */
const MERGE_BELOW = 16384;

/** Appends a copy of `data` (the caller may reuse its array). */
export function appendBytes(buf: SendBuf, data: Uint8Array): SendBuf {
  if (data.length === 0) return buf;
  const last = buf.chunks[buf.chunks.length - 1];
  if (last && last.length < MERGE_BELOW) {
    const merged = new Uint8Array(last.length + data.length);
    merged.set(last, 0);
    merged.set(data, last.length);
    return { chunks: [...buf.chunks.slice(0, -1), merged], length: buf.length + data.length };
  }
  return { chunks: [...buf.chunks, data.slice()], length: buf.length + data.length };
}

/** Bytes [offset, offset + len) of the buffer. */
export function readBytes(buf: SendBuf, offset: number, len: number): Uint8Array {
  let at = offset;
  for (let i = 0; i < buf.chunks.length; i++) {
    const c = buf.chunks[i] as Uint8Array;
    if (at < c.length) {
      if (at + len <= c.length) return c.subarray(at, at + len);
      return gather(buf, i, at, len);
    }
    at -= c.length;
  }
  return new Uint8Array(0);
}

function gather(buf: SendBuf, first: number, at: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let filled = 0;
  for (let i = first; i < buf.chunks.length && filled < len; i++) {
    const c = buf.chunks[i] as Uint8Array;
    const part = c.subarray(
      i === first ? at : 0,
      Math.min(c.length, (i === first ? at : 0) + len - filled),
    );
    out.set(part, filled);
    filled += part.length;
  }
  return out;
}

/** Drops the first `n` bytes (they were acknowledged). */
export function dropFront(buf: SendBuf, n: number): SendBuf {
  if (n <= 0) return buf;
  if (n >= buf.length) return EMPTY_SEND_BUF;
  let left = n;
  let i = 0;
  while (left > 0 && left >= (buf.chunks[i] as Uint8Array).length) {
    left -= (buf.chunks[i] as Uint8Array).length;
    i++;
  }
  const rest = buf.chunks.slice(i);
  if (left > 0) rest[0] = (rest[0] as Uint8Array).subarray(left);
  return { chunks: rest, length: buf.length - n };
}
