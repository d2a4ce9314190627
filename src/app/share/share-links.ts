/**
 * What the Share or embed dialog hands out: a plain link to the view on screen, the address of the
 * same view in embed mode, and a ready iframe snippet. Pure functions of the view, so they are
 * tested without a browser.
 */
import { RUN_SETTING_KEYS, type LabState, type RunSource } from '../../store';
import { urlStateOfLab, type LinkedView } from '../url/lab-url';
import { serializeUrlState, type Controls, type UrlState } from '../url/url-params';

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
  /** What the link restores, one line each. */
  contents: string[];
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

/** What a link holds, in words, for the Share dialog: one line per thing it restores. */
export function describeLink(view: UrlState, presets: LabState['presets']): string[] {
  const lines: string[] = [];
  if (view.lesson !== undefined) lines.push(`Lesson “${view.lesson}”, step ${view.step ?? 1}`);
  if (view.scenario !== undefined) {
    const title = presets.find((p) => p.name === view.scenario)?.title ?? view.scenario;
    lines.push(`Scenario: ${title}`);
  }
  const changed = RUN_SETTING_KEYS.flatMap((key) =>
    view[key] === undefined ? [] : [`${key} ${String(view[key])}${UNITS[key] ?? ''}`],
  );
  if (changed.length > 0) lines.push(`Settings changed from the scenario’s: ${changed.join(', ')}`);
  for (const step of view.fork ?? []) {
    lines.push(
      step.kind === 'drop'
        ? `Segment ${step.id} dropped by hand at ${step.at} ms`
        : `Link changed at ${step.at} ms: ${Object.entries(step.link)
            .map(([key, value]) => `${key} ${value}${UNITS[key] ?? ''}`)
            .join(', ')}`,
    );
  }
  lines.push(`The moment: ${view.t ?? 0} ms`);
  if (view.segment !== undefined) lines.push(`Segment ${view.segment} selected`);
  const display = [
    view.numbers === 'relative' ? 'relative numbers' : 'absolute numbers',
    view.axis === 'true' ? 'true-scale time axis' : 'compressed time axis',
    view.text === 'large' ? 'large text' : 'normal text',
    `${view.theme ?? 'system'} theme`,
  ];
  lines.push(`Display: ${display.join(', ')}`);
  return lines;
}

const UNITS: Record<string, string> = { delay: ' ms', jitter: ' ms', loss: ' %' };

export function shareLinks(
  state: LinkedView & Pick<LabState, 'presets'>,
  world: Pick<RunSource, 'defaults'>,
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
  return { link, embed, snippet, contents: describeLink(view, state.presets) };
}
