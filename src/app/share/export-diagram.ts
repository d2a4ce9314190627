/**
 * A still of the sequence diagram for places that allow no iframes: the diagram's SVG with every
 * style it computes written onto each element (so the file needs no stylesheet and keeps the
 * theme's colours), headed by each endpoint's name, address and state as text, and the same
 * picture as a PNG drawn through a canvas.
 */

/** The properties that decide how SVG shapes and text look. */
const STYLE_PROPERTIES = [
  'display',
  'visibility',
  'opacity',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'paint-order',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'letter-spacing',
] as const;

/** Attributes that only matter to a live page (focus, roles, names, handlers' hooks). */
const LIVE_ATTRIBUTES = /^(tabindex|role|aria-.*|class|style|data-.*|focusable)$/;

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface DiagramStill {
  svg: string;
  width: number;
  height: number;
}

/**
 * Writes each computed style as an SVG presentation attribute. Attributes, not a `style`
 * attribute: the page's Content-Security-Policy (style-src 'self') forbids inline style
 * attributes, and in a file with no stylesheet presentation attributes decide just the same.
 */
function inlineStyles(source: Element, copy: Element) {
  const computed = getComputedStyle(source);
  for (const attribute of [...copy.attributes]) {
    if (LIVE_ATTRIBUTES.test(attribute.name)) copy.removeAttribute(attribute.name);
  }
  for (const name of STYLE_PROPERTIES) {
    const value = computed.getPropertyValue(name);
    if (value) copy.setAttribute(name, value);
  }
  const sourceChildren = source.children;
  const copyChildren = copy.children;
  for (let i = 0; i < sourceChildren.length; i++) {
    const from = sourceChildren[i];
    const to = copyChildren[i];
    if (from && to) inlineStyles(from, to);
  }
}

function text(
  content: string,
  x: number,
  y: number,
  style: { fill: string; size: number; weight?: number; family: string },
): SVGTextElement {
  const element = document.createElementNS(SVG_NS, 'text');
  element.setAttribute('x', String(x));
  element.setAttribute('y', String(y));
  element.setAttribute('fill', style.fill);
  element.setAttribute('font-size', `${style.size}px`);
  element.setAttribute('font-weight', String(style.weight ?? 400));
  element.setAttribute('font-family', style.family);
  element.setAttribute('text-anchor', 'middle');
  element.textContent = content;
  return element;
}

/**
 * The still of the diagram inside `figure` as it is on screen now. `title` names the picture
 * (it becomes the SVG's <title>, what screen readers and file browsers show).
 */
export function diagramStill(figure: HTMLElement, title: string): DiagramStill {
  // The drawing is the figure's largest SVG (the badges carry small icon SVGs of their own).
  const area = (element: SVGSVGElement) => {
    const box = element.getBoundingClientRect();
    return box.width * box.height;
  };
  const svg = [...figure.querySelectorAll('svg')].sort((a, b) => area(b) - area(a))[0];
  if (!svg) throw new Error('The diagram has no SVG to export.');
  const figureBox = figure.getBoundingClientRect();
  const svgBox = svg.getBoundingClientRect();
  const headHeight = Math.max(0, Math.round(svgBox.top - figureBox.top));
  const width = Math.round(svgBox.width);
  const height = headHeight + Math.round(svgBox.height);
  const figureStyle = getComputedStyle(figure);
  const family = getComputedStyle(svg).fontFamily;

  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('role', 'img');
  const titleElement = document.createElementNS(SVG_NS, 'title');
  titleElement.textContent = title;
  root.append(titleElement);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', figureStyle.backgroundColor);
  root.append(background);

  // The lifeline heads are HTML above the SVG: written again as SVG text at the same places.
  for (const badge of figure.querySelectorAll<HTMLElement>('[role="status"]')) {
    const head = badge.parentElement;
    if (!head) continue;
    const box = badge.getBoundingClientRect();
    const x = Math.round(box.left + box.width / 2 - svgBox.left);
    const lines = [...head.children]
      .filter((child) => child !== badge)
      .map((child) => child.textContent ?? '');
    const fg = figureStyle.color;
    const [name = '', address = ''] = lines;
    root.append(text(name, x, 18, { fill: fg, size: 15, weight: 700, family }));
    root.append(text(address, x, 36, { fill: fg, size: 12, family }));
    const state = badge.textContent ?? '';
    root.append(
      text(state, x, 56, { fill: getComputedStyle(badge).color, size: 14, weight: 700, family }),
    );
  }

  const body = svg.cloneNode(true) as SVGSVGElement;
  inlineStyles(svg, body);
  body.setAttribute('x', '0');
  body.setAttribute('y', String(headHeight));
  body.setAttribute('width', String(width));
  body.setAttribute('height', String(Math.round(svgBox.height)));
  body.removeAttribute('aria-label');
  root.append(body);
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** The still as a PNG at `scale` times its on-screen size (2 keeps text sharp when projected). */
export async function stillToPng(still: DiagramStill, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([still.svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(still.width * scale));
    canvas.height = Math.max(1, Math.round(still.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, still.width, still.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('No PNG was made.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
