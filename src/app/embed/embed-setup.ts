/**
 * An embed's store and options from its URL: the same parameters as the full page, plus
 * controls, autoplay, loop, predict, start, end and origins. The playback range is in force from
 * the start.
 */
import { createPageStore, type PageStore } from '../create-page-store';
import type { Controls } from '../url/url-params';
import { controlPlaybackRange, type RangeController } from './playback-range';

/**
 * An autoplaying embed plays faster than the page's stepping speed (1/40): a reader of a post
 * reaches each preset's point quickly (lost-syn-ack's retransmission after about 10 s, not 40).
 */
export const EMBED_AUTOPLAY_SPEED = 1 / 10;

export interface EmbedSetup extends PageStore {
  controls: Controls;
  autoplay: boolean;
  /** The current narration sentence as a caption under the diagram. */
  narration: boolean;
  start: number;
  range: RangeController;
  origins: readonly string[] | undefined;
}

export function createEmbed(search: string): EmbedSetup {
  const page = createPageStore(search, 'embed');
  const { store, url } = page;
  const start = Math.min(url.start ?? 0, store.getState().timeline.endTime);
  if (url.t === undefined && start > 0) store.getState().seek(start);
  const autoplay = url.autoplay ?? false;
  const speed = url.speed ?? (autoplay ? EMBED_AUTOPLAY_SPEED : undefined);
  if (speed !== undefined) store.getState().setSpeed(speed);
  // Predict-then-reveal (predict=1): the run waits before each visible step and asks about it. A
  // lesson step asks its own questions instead, as on the full page.
  if (url.predict === true && url.lesson === undefined) store.getState().setPredict(true);
  const range = controlPlaybackRange(store, { start, end: url.end, loop: url.loop ?? false });
  return {
    ...page,
    controls: url.controls ?? 'full',
    autoplay,
    narration: url.narration ?? false,
    start,
    range,
    origins: url.origins,
  };
}
