// Runs in Chromium with a camera (a fake one in e2e): the door's camera loop (frames at the camera's
// resolution to the decode worker), wired exactly as the door screen wires it, minus the bundler's
// URLs. Shows the first decoded text in #result, with the size the frames were decoded at and how
// many frames were handed over until then, and stops.
import { startDoorDecoder } from '../../../renderer/src/door/camera/door-decoder';
import { DOOR_FORMATS } from '../../../renderer/src/door/camera/scan-formats';
import { WASM_PATH, WORKER_PATH } from './paths';

const result = document.getElementById('result') as HTMLOutputElement;
const status = document.getElementById('status') as HTMLParagraphElement;
const video = document.getElementById('preview') as HTMLVideoElement;

async function scan(): Promise<void> {
  const decoder = await startDoorDecoder({
    worker: new Worker(WORKER_PATH, { type: 'module' }),
    wasmUrl: WASM_PATH,
    formats: DOOR_FORMATS,
  });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  video.srcObject = stream;
  await video.play();
  status.textContent = 'scanning';
  // How many frames it took: the hard-frame specs report it (the loop is not held to 10 a second).
  for (let frames = 1; ; frames++) {
    const text = await decoder.decode(new VideoFrame(video), { skipStill: true });
    if (text !== null) {
      result.textContent = text;
      result.dataset.size = `${video.videoWidth}x${video.videoHeight}`;
      result.dataset.frames = String(frames);
      break;
    }
  }
  for (const track of stream.getTracks()) track.stop();
  decoder.terminate();
  status.textContent = 'stopped';
}

scan().catch((error: unknown) => {
  status.textContent = `error: ${String(error)}`;
});
