// Recording sound or video with MediaRecorder: the microphone (and camera) start, chunks arrive
// every second so a recording that reaches its type's size limit stops itself, and stop() gives
// the whole recording as one Blob. The devices are released on stop or cancel.

/** Container types to ask MediaRecorder for, best first (Chromium records WebM, Safari MP4). */
const AUDIO_TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4'];
const VIDEO_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm', 'video/mp4'];
const CHUNK_MS = 1000;

export type Recording = {
  /** The live stream, for a video preview. */
  stream: MediaStream;
  stop(): Promise<Blob>;
  cancel(): void;
};

export const canRecord = (): boolean =>
  typeof MediaRecorder !== 'undefined' && navigator.mediaDevices !== undefined;

export async function startRecording(options: {
  video: boolean;
  maxBytes: number;
  /** Called once when the recording reached maxBytes and stopped taking more. */
  onFull(): void;
}): Promise<Recording> {
  // No mediaDevices outside a secure context (the kiosk is always one: 127.0.0.1 or app://).
  if (!canRecord()) throw new DOMException('no MediaRecorder', 'NotFoundError');
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: true,
    video: options.video ? { facingMode: 'environment' } : false,
  });
  const release = () => stream.getTracks().forEach((track) => track.stop());
  try {
    const mimeType = (options.video ? VIDEO_TYPES : AUDIO_TYPES).find((type) =>
      MediaRecorder.isTypeSupported(type),
    );
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    let bytes = 0;
    let full = false;
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size === 0 || full) return;
      chunks.push(event.data);
      bytes += event.data.size;
      // A chunk's worth under the limit: the final flush on stop still fits.
      if (bytes > options.maxBytes * 0.95 && recorder.state === 'recording') {
        full = true;
        recorder.stop();
        options.onFull();
      }
    });
    const stopped = new Promise<Blob>((resolve) =>
      recorder.addEventListener('stop', () => {
        release();
        resolve(new Blob(chunks, { type: recorder.mimeType }));
      }),
    );
    recorder.start(CHUNK_MS);
    return {
      stream,
      stop() {
        if (recorder.state !== 'inactive') recorder.stop();
        return stopped;
      },
      cancel() {
        if (recorder.state !== 'inactive') recorder.stop();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
