/**
 * What the Share or embed dialog hands out: a plain link to the view on screen, the address of the
 * same view in embed mode, and a ready iframe snippet. Pure functions of the view, so they are
 * tested without a browser.
 */
import type { LabState, World } from '../../store';
import { urlStateOfLab } from '../url/lab-url';
import { serializeUrlState, type Controls } from '../url/url-params';

export interface EmbedOptions {
  controls: Controls;
  autoplay: boolean;
  loop: boolean;
}

export interface ShareLinks {
  /** The full page at this view. */
  link: string;
  /** embed.html at this view, with the chosen embed options. */
  embed: string;
  /** An iframe element to paste into a page. */
  snippet: string;
}

/** Escapes text for an HTML attribute value in double quotes. */
export function escapeAttribute(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Height the snippet asks for; the frame then reports its real height (docs/embedding.md). */
export const SNIPPET_HEIGHT = 560;

export function shareLinks(
  state: Pick<LabState, 'run' | 't' | 'selectedId' | 'theme' | 'presets'>,
  world: Pick<World, 'defaults'>,
  pageHref: string,
  options: EmbedOptions,
): ShareLinks {
  const view = urlStateOfLab(state, world);
  const link = new URL(`?${serializeUrlState(view)}`, pageHref).href;
  const embedQuery = serializeUrlState({
    ...view,
    ...(options.controls !== 'full' ? { controls: options.controls } : {}),
    ...(options.autoplay ? { autoplay: true } : {}),
    ...(options.loop ? { loop: true } : {}),
  });
  const embed = new URL(`embed.html?${embedQuery}`, pageHref).href;
  const title = state.presets.find((p) => p.name === state.run.preset)?.title ?? state.run.preset;
  const snippet =
    `<iframe src="${escapeAttribute(embed)}" title="${escapeAttribute(`Handshake Lab: ${title}`)}"` +
    ` loading="lazy" width="640" height="${SNIPPET_HEIGHT}"` +
    ` style="width: 100%; max-width: 960px; border: 0"></iframe>`;
  return { link, embed, snippet };
}
