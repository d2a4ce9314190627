/**
 * The diagram between two moments as an animated GIF (gifenc, loaded only when exporting): each
 * frame (render-frames.ts) quantized to 256 colours. Cancel stops between frames; the playhead
 * returns to where it was.
 */
import { renderFrames, type FramesRequest } from './render-frames';

export async function exportGif(request: FramesRequest): Promise<Uint8Array> {
  const { GIFEncoder, quantize, applyPalette } = await import('gifenc');
  const gif = GIFEncoder();
  await renderFrames(request, ({ canvas, context, plan }) => {
    const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const palette = quantize(rgba, 256);
    gif.writeFrame(applyPalette(rgba, palette), canvas.width, canvas.height, {
      palette,
      delay: Math.round(plan.frameMs),
    });
  });
  gif.finish();
  return gif.bytes();
}
