/**
 * The store for the full page, opened at the view the URL describes (scenario, link settings,
 * profile, ISNs, theme, playhead and selected segment); anything absent keeps the preset's own.
 */
import { createLabStore, type LabStore, type World } from '../store';
import { createSimWorld } from '../store/sim-world';
import { parseUrlState, type UrlState } from './url/url-params';

export interface PageStore {
  store: LabStore;
  world: World;
  /** Everything the URL said that the page could read (embeds read their options here). */
  url: UrlState;
  /** One sentence per ignored parameter. */
  notes: string[];
}

export function createPageStore(search: string): PageStore {
  const world = createSimWorld();
  const { state: url, notes } = parseUrlState(
    search,
    world.presets.map((p) => p.name),
  );
  const store = createLabStore({
    world,
    ...(url.scenario !== undefined ? { preset: url.scenario } : {}),
    run: {
      ...(url.seed !== undefined ? { seed: url.seed } : {}),
      ...(url.delay !== undefined ? { delay: url.delay } : {}),
      ...(url.jitter !== undefined ? { jitter: url.jitter } : {}),
      ...(url.loss !== undefined ? { loss: url.loss } : {}),
      ...(url.profile !== undefined ? { profile: url.profile } : {}),
      ...(url.isn !== undefined ? { isn: url.isn } : {}),
    },
    ...(url.theme !== undefined ? { theme: url.theme } : {}),
  });
  if (url.t !== undefined) store.getState().seek(url.t);
  if (url.speed !== undefined) store.getState().setSpeed(url.speed);
  if (url.segment !== undefined && store.getState().timeline.spanById.has(url.segment)) {
    store.getState().select(url.segment);
  }
  return { store, world, url, notes };
}
