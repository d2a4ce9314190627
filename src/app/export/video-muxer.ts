/**
 * The parts of Mediabunny a video export uses: its WebM and MP4 muxers writing into memory.
 * Named imports in one module that export-video.ts loads on demand, so the bundler keeps these
 * alone out of the rest of the toolkit (about 144 kB, 37 kB gzipped, fetched on the first video
 * export only). Fast start puts an MP4's index first, so slide software can play it at once.
 */
import { Mp4OutputFormat, WebMOutputFormat } from 'mediabunny';
import type { VideoContainer } from './video-codecs';

export { BufferTarget, EncodedPacket, EncodedVideoPacketSource, Output } from 'mediabunny';

export const createFormat = (container: VideoContainer) =>
  container === 'mp4' ? new Mp4OutputFormat({ fastStart: 'in-memory' }) : new WebMOutputFormat();
