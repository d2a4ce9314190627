/**
 * How wide a lifeline head's name is drawn, to decide whether it fits its lane: measured with a
 * canvas in the head's own font (bold, the page's sans-serif at the head's size), so "client-2"
 * in a narrow font is not shortened for the width of eight average characters, nor "www" in a
 * wide one kept whole. Where no canvas can measure (Node, a browser without 2D canvas) it is
 * estimated at 0.62 em a character. Each name is measured once per size and font.
 */
const ESTIMATE_EM_PER_CHAR = 0.62;

let context: CanvasRenderingContext2D | null | undefined;
let family: string | undefined;
const measured = new Map<string, number>();

function measuringContext(): CanvasRenderingContext2D | null {
  if (context === undefined) {
    context =
      typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  }
  return context;
}

export function headNameWidth(name: string, fontPx: number): number {
  const ctx = measuringContext();
  if (ctx === null) return name.length * fontPx * ESTIMATE_EM_PER_CHAR;
  // The heads inherit the page's font (global.css), read once: the page never changes it.
  family ??= getComputedStyle(document.documentElement).fontFamily;
  const font = `700 ${fontPx}px ${family}`;
  const key = `${font}\n${name}`;
  let width = measured.get(key);
  if (width === undefined) {
    ctx.font = font;
    width = ctx.measureText(name).width;
    measured.set(key, width);
  }
  return width;
}
