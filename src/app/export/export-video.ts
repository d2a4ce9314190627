/**
 * The diagram between two moments as a video: the frames of render-frames.ts (the GIF's own)
 * encoded by WebCodecs' VideoEncoder and written into a WebM or MP4 file by Mediabunny's muxer,
 * which loads only when a video is exported. A keyframe every two seconds lets a player seek.
 * Cancel stops between frames and discards the encoder and the file.
 */
import { cancelled } from './visit-moments';
import { renderFrames, type FramesRequest } from './render-frames';
import { encoderConfig, videoCodecFor, type VideoContainer } from './video-codecs';

export interface VideoRequest extends FramesRequest {
  readonly container: VideoContainer;
}

/** Frames the encoder may hold before the next one waits (keeps memory flat on long exports). */
const MAX_QUEUE = 8;

export async function exportVideo(request: VideoRequest): Promise<Uint8Array> {
  const muxer = await import('./video-muxer');
  const { Output, BufferTarget, EncodedPacket, EncodedVideoPacketSource } = muxer;
  const format = muxer.createFormat(request.container);
  const target = new BufferTarget();
  const output = new Output({ format, target });
  let encoder: VideoEncoder | null = null;
  let failure: unknown = null;
  // Packets reach the muxer in the order the encoder gives them (decode order).
  let writing: Promise<void> = Promise.resolve();
  const frameUs = Math.round(1_000_000 / request.fps);
  try {
    await renderFrames(request, async ({ canvas, index }) => {
      if (encoder === null) {
        const choice = await videoCodecFor(
          request.container,
          canvas.width,
          canvas.height,
          request.fps,
        );
        if (choice === null) {
          throw new Error(
            `this browser cannot encode ${request.container === 'mp4' ? 'MP4 (H.264)' : 'WebM (VP9 or VP8)'} video at ${canvas.width}×${canvas.height}.`,
          );
        }
        const source = new EncodedVideoPacketSource(choice.track);
        output.addVideoTrack(source, { frameRate: request.fps });
        await output.start();
        encoder = new VideoEncoder({
          output: (chunk, meta) => {
            writing = writing.then(() => source.add(EncodedPacket.fromEncodedChunk(chunk), meta));
          },
          error: (error) => {
            failure = error;
          },
        });
        encoder.configure(encoderConfig(choice, canvas.width, canvas.height, request.fps));
      }
      if (failure !== null) throw failure;
      const frame = new VideoFrame(canvas, { timestamp: index * frameUs, duration: frameUs });
      try {
        encoder.encode(frame, { keyFrame: index % (2 * request.fps) === 0 });
      } finally {
        frame.close();
      }
      while (encoder.encodeQueueSize > MAX_QUEUE) {
        await new Promise<void>((resolve) =>
          encoder?.addEventListener('dequeue', () => resolve(), { once: true }),
        );
      }
    });
    if (encoder === null) throw new Error('there was no frame to encode.');
    if (request.signal.aborted) throw cancelled();
    await (encoder as VideoEncoder).flush();
    await writing;
    if (failure !== null) throw failure;
    await output.finalize();
    if (!target.buffer) throw new Error('the video file was not written.');
    return new Uint8Array(target.buffer);
  } catch (error) {
    if (output.state !== 'finalized') await output.cancel().catch(() => undefined);
    throw error;
  } finally {
    const open = encoder as VideoEncoder | null;
    if (open !== null && open.state !== 'closed') open.close();
  }
}
