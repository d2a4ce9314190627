/**
 * The frames of an exported animation, shared by the GIF and the video encoders: the playhead
 * visits each planned moment (animation-frames.ts), the diagram is captured as a still (the
 * Share dialog's own SVG export) and drawn on one canvas at the chosen width, its height in the
 * diagram's proportions. Both sides are even numbers of pixels, as H.264 and VP9 need.
 */
import type { LabStore } from '../../store';
import { diagramStill } from '../share/export-diagram';
import { planAnimation, type AnimationPlan } from './animation-frames';
import { visitMoments } from './visit-moments';

export interface FramesRequest {
  readonly store: LabStore;
  readonly figure: HTMLElement;
  readonly from: number;
  readonly to: number;
  readonly speed: number;
  readonly fps: number;
  /** Width in pixels; the height keeps the diagram's proportions. */
  readonly width: number;
  readonly title: string;
  readonly onProgress: (done: number, total: number) => void;
  readonly signal: AbortSignal;
}

/** One frame on the canvas, ready to encode. */
export interface Frame {
  readonly canvas: HTMLCanvasElement;
  readonly context: CanvasRenderingContext2D;
  readonly index: number;
  readonly plan: AnimationPlan;
}

const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/** Draws an SVG document on the canvas, scaled to fill it. */
export async function drawSvg(svg: string, context: CanvasRenderingContext2D): Promise<void> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const { width, height } = context.canvas;
    context.clearRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function renderFrames(
  request: FramesRequest,
  onFrame: (frame: Frame) => Promise<void> | void,
): Promise<AnimationPlan> {
  const { store, figure } = request;
  const plan = planAnimation(request.from, request.to, request.speed, request.fps);
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  await visitMoments(
    {
      store,
      count: plan.times.length,
      place: (i) => store.getState().seek(plan.times[i] as number),
      onProgress: request.onProgress,
      signal: request.signal,
    },
    async (index) => {
      const still = diagramStill(figure, request.title);
      if (index === 0) {
        canvas.width = even(request.width);
        canvas.height = even((still.height * request.width) / still.width);
      }
      await drawSvg(still.svg, context);
      await onFrame({ canvas, context, index, plan });
    },
  );
  return plan;
}
