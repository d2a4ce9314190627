/**
 * The send buffer as an immutable queue of byte chunks. Appending copies only the
 * application's new bytes, acknowledging moves a start index, and a segment's payload is a
 * view into one chunk when it fits in one. Every version of a TCB may share the chunks.
 *
 * The chunk array is shared between versions and only ever grows at its end: a version
 * owns the slots [first, first + count). Appending pushes in place when no other version
 * has pushed past that range yet (the slots beyond it are nobody's), and copies the live
 * slots otherwise, so a fork of an old version never disturbs a newer one — the trick of
 * Go's append. Dropped chunks are released when the dead prefix outgrows the live part.
 */

export interface SendBuf {
  /** Shared, append-only: this version's chunks are [first, first + count). */
  readonly chunks: Uint8Array[];
  readonly first: number;
  readonly count: number;
  /** Bytes of chunks[first] already acknowledged. */
  readonly skip: number;
  readonly length: number;
}

export const EMPTY_SEND_BUF: SendBuf = { chunks: [], first: 0, count: 0, skip: 0, length: 0 };

/** Small pieces are merged, so that many tiny sends do not make many tiny chunks. */
const MERGE_UP_TO = 2048;

function make(
  chunks: Uint8Array[],
  first: number,
  count: number,
  skip: number,
  length: number,
): SendBuf {
  return { chunks, first, count, skip, length };
}

/** Appends a copy of `data` (the caller may reuse its array). */
export function appendBytes(buf: SendBuf, data: Uint8Array): SendBuf {
  if (data.length === 0) return buf;
  if (buf.count === 0) return make([data.slice()], 0, 1, 0, data.length);
  const lastIndex = buf.first + buf.count - 1;
  const last = buf.chunks[lastIndex] as Uint8Array;
  const lastLive = buf.count === 1 ? last.length - buf.skip : last.length;
  if (lastLive + data.length <= MERGE_UP_TO) {
    const merged = new Uint8Array(lastLive + data.length);
    merged.set(buf.count === 1 ? last.subarray(buf.skip) : last, 0);
    merged.set(data, lastLive);
    const chunks = liveCopy(buf, 1);
    chunks.push(merged);
    return make(chunks, 0, chunks.length, 0, buf.length + data.length);
  }
  const copy = data.slice();
  if (buf.chunks.length === buf.first + buf.count && buf.first <= buf.count) {
    buf.chunks.push(copy); // the slot past our range is nobody's yet (see above)
    return make(buf.chunks, buf.first, buf.count + 1, buf.skip, buf.length + data.length);
  }
  const chunks = liveCopy(buf, 0); // the copy starts at the first unacknowledged byte
  chunks.push(copy);
  return make(chunks, 0, chunks.length, 0, buf.length + data.length);
}

/** A fresh array of this version's chunks, leaving out the last `dropLast`. */
function liveCopy(buf: SendBuf, dropLast: number): Uint8Array[] {
  const out = buf.chunks.slice(buf.first, buf.first + buf.count - dropLast);
  if (buf.skip > 0 && out.length > 0) out[0] = (out[0] as Uint8Array).subarray(buf.skip);
  return out;
}

/** Bytes [offset, offset + len) of the buffer. */
export function readBytes(buf: SendBuf, offset: number, len: number): Uint8Array {
  let at = offset + buf.skip;
  const end = buf.first + buf.count;
  for (let i = buf.first; i < end; i++) {
    const c = buf.chunks[i] as Uint8Array;
    if (at < c.length) {
      if (at + len <= c.length) return new Uint8Array(c.buffer, c.byteOffset + at, len);
      return gather(buf, i, at, len);
    }
    at -= c.length;
  }
  return new Uint8Array(0);
}

function gather(buf: SendBuf, first: number, at: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let filled = 0;
  const end = buf.first + buf.count;
  for (let i = first; i < end && filled < len; i++) {
    const c = buf.chunks[i] as Uint8Array;
    const from = i === first ? at : 0;
    const part = c.subarray(from, Math.min(c.length, from + len - filled));
    out.set(part, filled);
    filled += part.length;
  }
  return out;
}

/** Drops the first `n` bytes (they were acknowledged). */
export function dropFront(buf: SendBuf, n: number): SendBuf {
  if (n <= 0) return buf;
  if (n >= buf.length) return EMPTY_SEND_BUF;
  let left = n + buf.skip;
  let i = buf.first;
  while (left >= (buf.chunks[i] as Uint8Array).length) {
    left -= (buf.chunks[i] as Uint8Array).length;
    i++;
  }
  return make(buf.chunks, i, buf.count - (i - buf.first), left, buf.length - n);
}
