/**
 * An embed's store and options from its URL: the same parameters as the full page, plus
 * controls, autoplay, loop, start, end and origins. The playback range is in force from the start.
 */
import { createPageStore, type PageStore } from '../create-page-store';
import type { Controls } from '../url/url-params';
import { controlPlaybackRange, type RangeController } from './playback-range';

export interface EmbedSetup extends PageStore {
  controls: Controls;
  autoplay: boolean;
  start: number;
  range: RangeController;
  origins: readonly string[] | undefined;
}

export function createEmbed(search: string): EmbedSetup {
  const page = createPageStore(search, 'embed');
  const { store, url } = page;
  const start = Math.min(url.start ?? 0, store.getState().timeline.endTime);
  if (url.t === undefined && start > 0) store.getState().seek(start);
  const range = controlPlaybackRange(store, { start, end: url.end, loop: url.loop ?? false });
  return {
    ...page,
    controls: url.controls ?? 'full',
    autoplay: url.autoplay ?? false,
    start,
    range,
    origins: url.origins,
  };
}
