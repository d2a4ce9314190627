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
 *
 * Small appends are copied into a shared slab (an ArrayBuffer of up to 64 KiB) by the same rule:
 * a version may write past the slab's fill mark only if the mark is where this version
 * left it; bytes below the mark are never written again. Allocating an ArrayBuffer per
 * send costs microseconds; a copy into the slab costs nanoseconds. Consecutive appends
 * are then adjacent in memory, so a segment spanning two of them is still one view.
 */

export interface SendBuf {
  /** Shared, append-only: this version's chunks are [first, first + count). */
  readonly chunks: Uint8Array[];
  readonly first: number;
  readonly count: number;
  /** Bytes of chunks[first] already acknowledged. */
  readonly skip: number;
  readonly length: number;
  /** The slab small appends are copied into, and its fill mark after this version's append. */
  readonly slab: Slab | null;
  readonly slabEnd: number;
}

/** Shared by the versions of one send buffer; `fill` only grows. */
interface Slab {
  readonly bytes: Uint8Array;
  fill: number;
}

const SLAB_FIRST = 1024;
const SLAB_SIZE = 65536;
const SLAB_APPEND_UP_TO = 16384;

export const EMPTY_SEND_BUF: SendBuf = {
  chunks: [],
  first: 0,
  count: 0,
  skip: 0,
  length: 0,
  slab: null,
  slabEnd: 0,
};

function make(
  chunks: Uint8Array[],
  first: number,
  count: number,
  skip: number,
  length: number,
  slab: Slab | null,
  slabEnd: number,
): SendBuf {
  return { chunks, first, count, skip, length, slab, slabEnd };
}

/**
 * A copy of `data` that no version will ever write again: in this version's slab when it
 * owns the slab's free space (see above), else in a fresh slab, or alone when large.
 */
function copyOf(buf: SendBuf, data: Uint8Array): { copy: Uint8Array; slab: Slab | null } {
  const n = data.length;
  if (n > SLAB_APPEND_UP_TO) return { copy: data.slice(), slab: buf.slab };
  let slab = buf.slab;
  if (slab === null || slab.fill !== buf.slabEnd || slab.fill + n > slab.bytes.length) {
    // Slabs grow with use: a short connection's few bytes do not cost 64 KiB of zeroes.
    let size = slab === null ? SLAB_FIRST : Math.min(SLAB_SIZE, slab.bytes.length * 2);
    while (size < n) size *= 2;
    slab = { bytes: new Uint8Array(size), fill: 0 };
  }
  const at = slab.fill;
  slab.bytes.set(data, at);
  slab.fill = at + n;
  return { copy: new Uint8Array(slab.bytes.buffer, at, n), slab };
}

/** Appends a copy of `data` (the caller may reuse its array). */
export function appendBytes(buf: SendBuf, data: Uint8Array): SendBuf {
  const n = data.length;
  if (n === 0) return buf;
  const { copy, slab } = copyOf(buf, data);
  const slabEnd = slab === null ? 0 : slab.fill;
  const length = buf.length + n;
  if (buf.count === 0) return make([copy], 0, 1, 0, length, slab, slabEnd);
  if (buf.chunks.length === buf.first + buf.count && buf.first <= buf.count) {
    buf.chunks.push(copy); // the slot past our range is nobody's yet (see above)
    return make(buf.chunks, buf.first, buf.count + 1, buf.skip, length, slab, slabEnd);
  }
  const chunks = liveCopy(buf); // the copy starts at the first unacknowledged byte
  chunks.push(copy);
  return make(chunks, 0, chunks.length, 0, length, slab, slabEnd);
}

/** A fresh array of this version's chunks. */
function liveCopy(buf: SendBuf): Uint8Array[] {
  const out = buf.chunks.slice(buf.first, buf.first + buf.count);
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
      if (at + len <= c.length || contiguous(buf, i, at + len)) {
        return new Uint8Array(c.buffer, c.byteOffset + at, len);
      }
      return gather(buf, i, at, len);
    }
    at -= c.length;
  }
  return new Uint8Array(0);
}

/** Whether chunks from `i` on lie back to back in one buffer for `need` bytes. */
function contiguous(buf: SendBuf, i: number, need: number): boolean {
  const end = buf.first + buf.count;
  let c = buf.chunks[i] as Uint8Array;
  let covered = c.length;
  for (let j = i + 1; j < end && covered < need; j++) {
    const next = buf.chunks[j] as Uint8Array;
    if (next.buffer !== c.buffer || next.byteOffset !== c.byteOffset + c.length) return false;
    covered += next.length;
    c = next;
  }
  return covered >= need;
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
  if (n >= buf.length) return make([], 0, 0, 0, 0, buf.slab, buf.slabEnd);
  let left = n + buf.skip;
  let i = buf.first;
  while (left >= (buf.chunks[i] as Uint8Array).length) {
    left -= (buf.chunks[i] as Uint8Array).length;
    i++;
  }
  return make(
    buf.chunks,
    i,
    buf.count - (i - buf.first),
    left,
    buf.length - n,
    buf.slab,
    buf.slabEnd,
  );
}
