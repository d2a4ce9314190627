/**
 * The send buffer: bytes the application gave us and the peer has not acknowledged, as a
 * queue of chunks. Appending copies only the application's new bytes, acknowledging moves a
 * start index, and a segment's payload is a view into one chunk when it fits in one.
 *
 * Small appends are copied into a slab (an ArrayBuffer of 64 KiB) at its fill mark: allocating
 * an ArrayBuffer per send costs microseconds, a copy into the slab nanoseconds, and consecutive
 * appends lie back to back, so a segment spanning two is still one view. Bytes below the fill
 * mark are never written again (segments in flight keep views of them, copies share them), so
 * one slab serves every send buffer: what lies in it never depends on who else appended.
 */

const SLAB_SIZE = 65536;
const SLAB_APPEND_UP_TO = 16384;

/** The slab small appends are copied into, and its fill mark. */
let slab = new Uint8Array(SLAB_SIZE);
let fill = 0;

function slabCopy(data: Uint8Array): Uint8Array {
  const n = data.length;
  if (fill + n > slab.length) {
    slab = new Uint8Array(SLAB_SIZE);
    fill = 0;
  }
  const at = fill;
  slab.set(data, at);
  fill = at + n;
  return slab.subarray(at, at + n);
}

export class SendBuf {
  /** Chunks from `first` on are live; bytes [0, skip) of chunks[first] are acknowledged. */
  private chunks: Uint8Array[] = [];
  private first = 0;
  private skip = 0;
  length = 0;

  /**
   * Appends `data`: a copy (the caller may reuse its array), or with `keep` the array itself
   * (the caller never writes it again).
   */
  append(data: Uint8Array, keep = false): void {
    const n = data.length;
    if (n === 0) return;
    this.chunks.push(keep ? data : n > SLAB_APPEND_UP_TO ? data.slice() : slabCopy(data));
    this.length += n;
  }

  /** Bytes [offset, offset + len) of the buffer. */
  read(offset: number, len: number): Uint8Array {
    let at = offset + this.skip;
    const chunks = this.chunks;
    for (let i = this.first; i < chunks.length; i++) {
      const c = chunks[i] as Uint8Array;
      if (at < c.length) {
        if (at + len <= c.length || this.contiguous(i, at + len)) {
          return new Uint8Array(c.buffer, c.byteOffset + at, len);
        }
        return this.gather(i, at, len);
      }
      at -= c.length;
    }
    return new Uint8Array(0);
  }

  /** Whether chunks from `i` on lie back to back in one buffer for `need` bytes. */
  private contiguous(i: number, need: number): boolean {
    let c = this.chunks[i] as Uint8Array;
    let covered = c.length;
    for (let j = i + 1; j < this.chunks.length && covered < need; j++) {
      const next = this.chunks[j] as Uint8Array;
      if (next.buffer !== c.buffer || next.byteOffset !== c.byteOffset + c.length) return false;
      covered += next.length;
      c = next;
    }
    return covered >= need;
  }

  private gather(first: number, at: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    let filled = 0;
    for (let i = first; i < this.chunks.length && filled < len; i++) {
      const c = this.chunks[i] as Uint8Array;
      const from = i === first ? at : 0;
      const part = c.subarray(from, Math.min(c.length, from + len - filled));
      out.set(part, filled);
      filled += part.length;
    }
    return out;
  }

  /** Drops the first `n` bytes (they were acknowledged). */
  drop(n: number): void {
    if (n <= 0) return;
    if (n >= this.length) return this.clear();
    let left = n + this.skip;
    let i = this.first;
    while (left >= (this.chunks[i] as Uint8Array).length) {
      left -= (this.chunks[i] as Uint8Array).length;
      i++;
    }
    this.first = i;
    this.skip = left;
    this.length -= n;
    // Release dropped chunks once they outnumber the live ones.
    if (i > 64 && i > this.chunks.length - i) {
      this.chunks = this.chunks.slice(i);
      this.first = 0;
    }
  }

  clear(): void {
    this.chunks = [];
    this.first = 0;
    this.skip = 0;
    this.length = 0;
  }

  /** An independent copy: it shares the bytes, which are never written again. */
  copy(): SendBuf {
    const c = new SendBuf();
    c.chunks = this.chunks.slice(this.first);
    c.skip = this.skip;
    c.length = this.length;
    return c;
  }
}
