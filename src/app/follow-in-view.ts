/**
 * Keeping something in view while the page settles: after a store change that shows it (a
 * selected segment's inspector, an opened capture's diagram), what comes into view arrives a
 * moment later and the parts around it may still grow, so for a while every change of size among
 * the watched elements scrolls it into view again, until the reader scrolls themselves.
 */
import type { LabState, LabStore } from '../store';

/** Input by which a reader scrolls: following stops at once. */
const READER_SCROLLS = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

export interface FollowInView {
  /** Whether this change of the store starts following. */
  readonly startsOn: (state: LabState, previous: LabState) => boolean;
  /** How long following lasts after it starts (a loaded machine is slow). */
  readonly ms: number;
  /** Where the reader's own scrolling is heard. */
  readonly reader: EventTarget | null;
  /** The elements whose changes of size may move what is followed, read once it starts. */
  readonly watched: () => Iterable<Element>;
  /** Scrolls it into view. */
  readonly scroll: () => void;
}

/** Starts listening; returns what stops it (an effect's cleanup). */
export function followInView(store: LabStore, follow: FollowInView): () => void {
  let followUntil = -Infinity;
  const resized = new ResizeObserver(() => {
    if (performance.now() < followUntil) follow.scroll();
  });
  const stop = () => (followUntil = -Infinity);
  for (const type of READER_SCROLLS) {
    follow.reader?.addEventListener(type, stop, { passive: true });
  }
  const unsubscribe = store.subscribe((state, previous) => {
    if (!follow.startsOn(state, previous)) return;
    followUntil = performance.now() + follow.ms;
    // After the frame that draws the change (and gives focus back, for a closing dialog).
    requestAnimationFrame(() => {
      resized.disconnect();
      for (const element of follow.watched()) resized.observe(element);
      follow.scroll();
    });
  });
  return () => {
    unsubscribe();
    resized.disconnect();
    for (const type of READER_SCROLLS) follow.reader?.removeEventListener(type, stop);
  };
}
