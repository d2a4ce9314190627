/**
 * Which video the browser can make: WebCodecs' VideoEncoder asked, for each container, for the
 * codec its players expect. WebM: VP9, else VP8. MP4: H.264 only (Baseline, then Main), the
 * codec slide software plays; a browser without an H.264 encoder offers WebM alone rather than
 * an MP4 that PowerPoint or Keynote would refuse.
 */
export type VideoContainer = 'webm' | 'mp4';

export interface VideoCodecChoice {
  /** The WebCodecs codec string the encoder is configured with. */
  readonly codec: string;
  /** Mediabunny's name for the codec of the track. */
  readonly track: 'vp9' | 'vp8' | 'avc';
}

const CANDIDATES: Record<VideoContainer, readonly VideoCodecChoice[]> = {
  // VP9 profile 0, level 1.0, 8 bits (the WebM project's codec string).
  webm: [
    { codec: 'vp09.00.10.08', track: 'vp9' },
    { codec: 'vp8', track: 'vp8' },
  ],
  // H.264 Constrained Baseline and Main, level 4.0 (up to 1920×1080).
  mp4: [
    { codec: 'avc1.42E028', track: 'avc' },
    { codec: 'avc1.4D0028', track: 'avc' },
  ],
};

export function encoderConfig(
  choice: VideoCodecChoice,
  width: number,
  height: number,
  fps: number,
): VideoEncoderConfig {
  return {
    codec: choice.codec,
    width,
    height,
    framerate: fps,
    // Flat colours and thin lines: a modest rate keeps text sharp (about 3 bits a pixel a second).
    bitrate: Math.max(250_000, Math.round(width * height * 3)),
    latencyMode: 'quality',
    ...(choice.track === 'avc' ? { avc: { format: 'avc' as const } } : {}),
  };
}

/** The first codec of the container this browser encodes at this size, or null. */
export async function videoCodecFor(
  container: VideoContainer,
  width: number,
  height: number,
  fps: number,
): Promise<VideoCodecChoice | null> {
  if (typeof VideoEncoder === 'undefined') return null;
  for (const choice of CANDIDATES[container]) {
    try {
      const support = await VideoEncoder.isConfigSupported(
        encoderConfig(choice, width, height, fps),
      );
      if (support.supported === true) return choice;
    } catch {
      // A codec string the browser does not know: try the next.
    }
  }
  return null;
}
