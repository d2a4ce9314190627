/**
 * Keeps the address bar and the view in step, so any view can be shared, bookmarked and restored
 * with Back and Forward:
 * - a discrete change (scenario, settings, selection, theme) pushes a history entry, so Back
 *   returns to the view before it;
 * - the playhead moving (playing, scrubbing, stepping) only replaces the current entry, at most
 *   a few times a second, with `t` in whole milliseconds;
 * - Back and Forward (popstate) bring the lab to the view the URL describes.
 */
import { useEffect } from 'react';
import { isRecordedRun, type LabState, type LabStore, type RunSource } from '../../store';
import { lessonSteps } from '../../store/lesson-kit';
import { applyUrlState, keptParams, urlStateOfLab, type KeptParams } from './lab-url';
import { parseUrlState, serializeUrlState } from './url-params';

/** Replace the playhead in the URL at most this often (browsers throttle history calls). */
const REPLACE_EVERY_MS = 300;

function addressWith(query: string): string {
  const { pathname, hash } = window.location;
  return `${pathname}${query ? `?${query}` : ''}${hash}`;
}

/** The query without the playhead: what decides whether a change deserves a history entry. */
function withoutPlayhead(query: string): string {
  const params = new URLSearchParams(query);
  params.delete('t');
  return params.toString();
}

export function useUrlSync(store: LabStore, world: RunSource) {
  useEffect(() => {
    const presetNames = world.presets.map((p) => p.name);
    // The full page's link keeps none of the embed-only parameters (parseUrlState notes them).
    let kept: KeptParams = keptParams(
      parseUrlState(
        window.location.search,
        presetNames,
        'full',
        lessonSteps(store.getState().lessonKit),
      ).state,
    );
    let restoring = false;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const queryOf = (state: LabState) => serializeUrlState(urlStateOfLab(state, world, kept));
    let written = queryOf(store.getState());

    // A link with parameters is rewritten at once in its one canonical form: parameters that
    // were ignored (the page names them in a note) leave the address bar.
    if (window.location.search !== '' && window.location.search !== `?${written}`) {
      window.history.replaceState(window.history.state, '', addressWith(written));
    }

    const flush = () => {
      pending = undefined;
      const query = queryOf(store.getState());
      if (query === written) return;
      written = query;
      window.history.replaceState(window.history.state, '', addressWith(query));
    };

    const unsubscribe = store.subscribe((state) => {
      // A script run is not expressible as a link (the script is local): the address keeps the
      // scenario until the user goes back to it.
      if (restoring || isRecordedRun(state)) return;
      const query = queryOf(state);
      if (query === written) return;
      if (withoutPlayhead(query) !== withoutPlayhead(written)) {
        clearTimeout(pending);
        pending = undefined;
        written = query;
        window.history.pushState(null, '', addressWith(query));
      } else if (pending === undefined) {
        pending = setTimeout(flush, REPLACE_EVERY_MS);
      }
    });

    const onPopState = () => {
      clearTimeout(pending);
      pending = undefined;
      const { state: url } = parseUrlState(
        window.location.search,
        presetNames,
        'full',
        lessonSteps(store.getState().lessonKit),
      );
      kept = keptParams(url);
      restoring = true;
      try {
        applyUrlState(store, world, url);
      } finally {
        restoring = false;
      }
      written = queryOf(store.getState());
    };
    window.addEventListener('popstate', onPopState);
    return () => {
      clearTimeout(pending);
      unsubscribe();
      window.removeEventListener('popstate', onPopState);
    };
  }, [store, world]);
}
