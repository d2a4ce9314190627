/**
 * The `fork` parameter: what a user did in the middle of a run, in order, so a link reproduces a
 * forked run exactly (the world re-runs the scenario with the same interventions; DESIGN.md, "One
 * run, start to end", step 5). Items are separated by `_`; each starts with its moment in virtual
 * ms, then either `drop-ID` (a segment dropped by hand) or link fields `delay-V`, `jitter-V`,
 * `loss-V` (a link change at that moment). Only characters a URL never escapes, so the link stays
 * readable: `fork=240.5-drop-7_300-loss-20`.
 */
import { DELAY_KIND, LOSS_KIND, MOMENT_KIND } from './run-kinds';
import { readText, type Read } from './setting-kinds';

export type ForkLinkField = 'delay' | 'jitter' | 'loss';

/** The same shape as the store's Intervention, so either can be written and read. */
export type ForkStep =
  | { readonly at: number; readonly kind: 'drop'; readonly id: number }
  | {
      readonly at: number;
      readonly kind: 'link';
      readonly link: { readonly [K in ForkLinkField]?: number };
    };

export const FORK_SHAPE = 'MS-drop-ID or MS-loss-V (also delay, jitter), joined by _';
const MAX_STEPS = 100;
const LINK_KINDS = { delay: DELAY_KIND, jitter: DELAY_KIND, loss: LOSS_KIND } as const;
const DECIMAL = /^\d+(\.\d+)?$/;

/** A number as plain decimals (never `1e-7`: the exponent's `-` would split the item), exactly. */
function decimal(value: number): string {
  const text = String(value);
  const match = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const digits = `${match[1]}${match[2] ?? ''}`;
  const exponent = Number(match[3]);
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  return digits.padEnd(exponent + 1, '0');
}

function readStep(item: string): Read<ForkStep> {
  const [atText = '', ...rest] = item.split('-');
  const at = DECIMAL.test(atText)
    ? readText(MOMENT_KIND, atText)
    : { problem: 'expected a number' };
  if ('problem' in at) return { problem: at.problem.replace('a number', 'a moment') };
  if (rest[0] === 'drop') {
    const id = rest[1] ?? '';
    if (rest.length !== 2 || !/^[1-9]\d{0,8}$/.test(id)) return { problem: 'expected drop-ID' };
    return { value: { at: at.value as number, kind: 'drop', id: Number(id) } };
  }
  if (rest.length === 0 || rest.length % 2 !== 0) return { problem: 'expected drop-ID or loss-V' };
  const link: { [K in ForkLinkField]?: number } = {};
  for (let i = 0; i < rest.length; i += 2) {
    const field = rest[i] as ForkLinkField;
    const text = rest[i + 1] ?? '';
    if (!Object.hasOwn(LINK_KINDS, field) || field in link) {
      return { problem: 'expected drop, delay, jitter or loss, each once' };
    }
    const value = DECIMAL.test(text)
      ? readText(LINK_KINDS[field], text)
      : { problem: 'expected a number' };
    if ('problem' in value) return { problem: `${field} ${value.problem}` };
    link[field] = value.value as number;
  }
  return { value: { at: at.value as number, kind: 'link', link } };
}

/** Reads a `fork` value; the first bad item is named by its place. */
export function readFork(raw: string): Read<ForkStep[]> {
  const items = raw.split('_');
  if (items.length > MAX_STEPS) return { problem: `expected at most ${MAX_STEPS} steps` };
  const steps: ForkStep[] = [];
  for (const [index, item] of items.entries()) {
    const step = readStep(item);
    if ('problem' in step) return { problem: `step ${index + 1}: ${step.problem}` };
    const previous = steps.at(-1);
    if (previous && step.value.at < previous.at) {
      return { problem: `step ${index + 1}: expected steps in the order they happened` };
    }
    steps.push(step.value);
  }
  return { value: steps };
}

export function writeFork(value: unknown): string {
  return (value as readonly ForkStep[])
    .map((step) => {
      const at = decimal(step.at);
      if (step.kind === 'drop') return `${at}-drop-${step.id}`;
      const fields = (Object.keys(LINK_KINDS) as ForkLinkField[]).flatMap((field) => {
        const v = step.link[field];
        return v === undefined ? [] : [`${field}-${decimal(v)}`];
      });
      return [at, ...fields].join('-');
    })
    .join('_');
}
