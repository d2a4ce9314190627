/** The grammars of two view settings that are not plain numbers or choices. */
import type { Read } from './setting-kinds';

/** A speed from 1/1000 to 1 (real time), written as a fraction "1/10" or a decimal "0.1". */
export function readSpeed(raw: string): Read<number> {
  const fraction = /^1\/(\d{1,4})$/.exec(raw.trim());
  const value = fraction ? 1 / Number(fraction[1]) : raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value) || value < 1 / 1000 || value > 1) {
    return { problem: 'expected a fraction of real time from 1/1000 to 1, such as 1/10' };
  }
  return { value };
}

/** Shortens what a message quotes, so hostile input cannot flood the page. */
export function quote(raw: string): string {
  const clean = [...raw].filter((char) => char >= ' ' && char !== '\u007f').join('');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}

/** Up to 16 web origins, each exactly as a browser writes one (scheme://host[:port], no path). */
export function readOrigins(raw: string): Read<string[]> {
  const items = raw.split(',').map((item) => item.trim());
  if (items.length > 16) return { problem: 'expected at most 16 origins' };
  for (const item of items) {
    let origin: string;
    try {
      const url = new URL(item);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
      origin = url.origin;
    } catch {
      return { problem: 'expected origins such as https://course.example, separated by commas' };
    }
    if (origin !== item) {
      return { problem: `expected an origin without path or slash, such as ${quote(origin)}` };
    }
  }
  return { value: items };
}
