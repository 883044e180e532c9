// The door's camera: the back camera into the door screen's <video>, and a loop that hands its
// frames to the decode worker at the camera's own resolution (the preview's size on screen does
// not matter), one at a time, at most FRAMES_PER_SECOND. Every code read goes to `onText`. The door
// screen imports this lazily, so it, the worker and the wasm only load when a camera is there.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { startDoorDecoder } from './door-decoder';
import type { ScanFormat } from './scan-formats';

export type DoorCamera = { stop(): void };

const FRAMES_PER_SECOND = 10;
/** 720p: sharp enough for a ticket at arm's length, light enough to decode ten times a second. */
const IDEAL_SIZE = { width: { ideal: 1280 }, height: { ideal: 720 } };

/**
 * Resolves once the camera shows; rejects (with nothing left running) when it cannot start. Reads
 * codes of `formats` (scan-formats.ts).
 */
export async function startDoorCamera(
  video: HTMLVideoElement,
  onText: (text: string) => void,
  formats: readonly ScanFormat[],
): Promise<DoorCamera> {
  const decoder = await startDoorDecoder({
    formats,
    // Written out like this so Vite recognises it and emits the worker as its own file.
    worker: new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' }),
    wasmUrl,
  });
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: 'environment', ...IDEAL_SIZE },
    });
    video.srcObject = stream;
    await video.play();
  } catch (error) {
    decoder.terminate();
    throw error;
  }

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    const started = performance.now();
    // Before the first frame, a VideoFrame of the video would throw.
    if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      try {
        // An idle door sees the same view for minutes: frames like the last one are not read again.
        const text = await decoder.decode(new VideoFrame(video), { skipStill: true });
        if (text !== null && !stopped) onText(text);
      } catch {
        // One bad frame (or the decoder stopping under it) is no reason to stop looking.
      }
    }
    if (stopped) return;
    timer = setTimeout(tick, Math.max(0, 1000 / FRAMES_PER_SECOND - (performance.now() - started)));
  };
  void tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
      decoder.terminate();
    },
  };
}
