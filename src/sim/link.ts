/**
 * The link: one independent model per direction (propagation delay, jitter, loss,
 * duplication, reordering, bandwidth). Each direction owns its own random stream and draws
 * the same number of values for every segment whatever the settings, so turning loss on in one
 * direction, or changing it mid-run, never reshuffles the other direction or the other draws.
 */
import type { Segment } from '../engine';
import type { RandomStream } from './rng';
import type { LinkDirection } from './scenario';

/** What the link decided for one segment. */
export interface LinkVerdict {
  /** True when the link loses the segment. */
  lost: boolean;
  /** When it arrives (or, if lost, when it would have). */
  arrivesAt: number;
  /** When a duplicate copy arrives, if the link duplicates it (every verdict has the field). */
  duplicateAt: number | undefined;
}

/** Mutable per-direction state kept by the world for the length of one run. */
export interface LinkState {
  settings: LinkDirection;
  readonly random: RandomStream;
  /** Latest arrival of an in-order segment: later ones never overtake it (FIFO link). */
  lastArrival: number;
  /** The transmitter is busy serializing until then (bandwidth model). */
  busyUntil: number;
  /** The latest segment's verdict, rewritten by each transmit (see transmit). */
  readonly verdict: LinkVerdict;
}

export function createLinkState(settings: LinkDirection, random: RandomStream): LinkState {
  const verdict: LinkVerdict = { lost: false, arrivesAt: 0, duplicateAt: undefined };
  return { settings, random, lastArrival: 0, busyUntil: 0, verdict };
}

/** IPv4 header (20) + TCP header (20) + options padded to 4 bytes + payload. */
export function wireSize(segment: Segment): number {
  let options = 0;
  for (const option of segment.options) {
    switch (option.kind) {
      case 'eol':
      case 'nop':
        options += 1;
        break;
      case 'mss':
        options += 4;
        break;
      case 'wscale':
        options += 3;
        break;
      case 'sackOK':
        options += 2;
        break;
      case 'sack':
        options += 2 + 8 * option.blocks.length;
        break;
      case 'ts':
        options += 10;
        break;
      case 'unknown':
        options += 2 + option.data.length;
        break;
    }
  }
  return 40 + Math.ceil(options / 4) * 4 + segment.payload.length;
}

/** Draws per segment, whatever the settings. */
const DRAWS = 5;

/**
 * Sends a segment of `bytes` bytes at `now` through one direction and updates its state.
 * Draw order (fixed, five per segment): loss, jitter, duplicate, reorder, copy spacing.
 * The verdict is the direction's own object, rewritten by its next transmit: read it before
 * sending again. A fresh one per segment was 40 of the bytes a segment allocates (V8 did not
 * keep it in registers where sendPacket inlined this).
 */
export function transmit(state: LinkState, now: number, bytes: number): LinkVerdict {
  const s = state.settings;
  // A direction without loss, jitter, duplication or reordering reads none of its five draws
  // (each comparison below is false and each product 0 whatever they are): its stream moves on
  // five places without making them, and stays where the draws would have left it.
  let uLoss = 0;
  let uJitter = 0;
  let uDuplicate = 0;
  let uReorder = 0;
  let uCopy = 0;
  if (s.loss === 0 && s.jitter === 0 && s.duplicate === 0 && s.reorder === 0) {
    state.random.skip(DRAWS);
  } else {
    uLoss = state.random.next();
    uJitter = state.random.next();
    uDuplicate = state.random.next();
    uReorder = state.random.next();
    uCopy = state.random.next();
  }

  // Serialization: a segment waits for the previous one to leave the transmitter.
  let departs = now;
  if (s.bandwidth > 0) {
    const start = Math.max(now, state.busyUntil);
    departs = start + (bytes * 8 * 1000) / s.bandwidth;
    state.busyUntil = departs;
  }

  let arrivesAt = departs + s.delay + uJitter * s.jitter;
  const reordered = uReorder < s.reorder;
  if (reordered) {
    arrivesAt += s.reorderDelay;
  } else {
    // Jitter alone does not reorder: a FIFO link delivers in sending order.
    arrivesAt = Math.max(arrivesAt, state.lastArrival);
  }
  arrivesAt = roundTime(arrivesAt);

  const lost = uLoss < s.loss;
  if (!lost && !reordered) state.lastArrival = arrivesAt;
  const verdict = state.verdict;
  verdict.lost = lost;
  verdict.arrivesAt = arrivesAt;
  verdict.duplicateAt =
    lost || !(uDuplicate < s.duplicate)
      ? undefined
      : roundTime(arrivesAt + uCopy * Math.max(s.jitter, s.delay / 10));
  return verdict;
}

/**
 * Times are kept to a microsecond (3 decimals of a millisecond), so the trace prints and
 * compares the same on every platform. A whole number of milliseconds comes back as a small
 * integer (`| 0`): a quotient is a boxed double even when whole, and a trace event that holds
 * one holds a 16-byte box besides.
 */
export function roundTime(ms: number): number {
  // A whole number of milliseconds (most times on a link without jitter) is its own rounding.
  if ((ms | 0) === ms) return wholeAsInteger(ms);
  return wholeAsInteger(Math.round(ms * 1000) / 1000);
}

/**
 * `ms` itself, as a small integer when it is a whole number (see roundTime). Tested by
 * truncating to 32 bits rather than by `ms % 1`: a remainder of doubles is a call into the C
 * library in V8's optimized code, and this runs several times per segment.
 */
export function wholeAsInteger(ms: number): number {
  const i = ms | 0;
  return i === ms && i < 2 ** 30 && i > -(2 ** 30) ? i : ms;
}
