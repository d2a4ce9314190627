/**
 * The diagram between two moments as an animated GIF (gifenc, loaded only when exporting): the
 * playhead visits each planned moment, the diagram is captured as a still (the Share dialog's
 * own SVG export), drawn at the chosen width and quantized to 256 colours. Cancel stops between
 * frames; the playhead returns to where it was.
 */
import type { LabStore } from '../../store';
import { diagramStill } from '../share/export-diagram';
import { planAnimation } from './animation-frames';

export interface GifRequest {
  readonly store: LabStore;
  readonly figure: HTMLElement;
  readonly from: number;
  readonly to: number;
  readonly speed: number;
  readonly fps: number;
  /** Width of the GIF in pixels; the height keeps the diagram's proportions. */
  readonly width: number;
  readonly title: string;
  readonly onProgress: (done: number, total: number) => void;
  readonly signal: AbortSignal;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

async function drawStill(svg: string, context: CanvasRenderingContext2D, w: number, h: number) {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    context.clearRect(0, 0, w, h);
    context.drawImage(image, 0, 0, w, h);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function exportGif(request: GifRequest): Promise<Uint8Array> {
  const { store, figure, signal } = request;
  const { GIFEncoder, quantize, applyPalette } = await import('gifenc');
  const before = store.getState();
  const restore = { t: before.t, playing: before.playing };
  before.pause();
  const plan = planAnimation(request.from, request.to, request.speed, request.fps);
  const gif = GIFEncoder();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  try {
    for (const [i, t] of plan.times.entries()) {
      if (signal.aborted) throw new DOMException('The export was cancelled.', 'AbortError');
      store.getState().seek(t);
      // Two frames: React draws the new moment, then the playhead's motion values settle.
      await nextFrame();
      await nextFrame();
      const still = diagramStill(figure, request.title);
      const width = Math.round(request.width);
      const height = Math.max(1, Math.round((still.height * width) / still.width));
      if (i === 0) {
        canvas.width = width;
        canvas.height = height;
      }
      await drawStill(still.svg, context, canvas.width, canvas.height);
      const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const palette = quantize(rgba, 256);
      gif.writeFrame(applyPalette(rgba, palette), canvas.width, canvas.height, {
        palette,
        delay: Math.round(plan.frameMs),
      });
      request.onProgress(i + 1, plan.times.length);
    }
    gif.finish();
    return gif.bytes();
  } finally {
    store.getState().seek(restore.t);
    if (restore.playing) store.getState().play();
  }
}
