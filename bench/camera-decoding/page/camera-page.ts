// Runs in Chromium with a camera (a fake one in e2e): the door's camera loop (frames at the camera's
// resolution to the decode worker), wired exactly as the door screen wires it, minus the bundler's
// URLs. Shows the first decoded text in #result, with the size the frames were decoded at, and stops.
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
  for (;;) {
    const text = await decoder.decode(new VideoFrame(video), { skipStill: true });
    if (text !== null) {
      result.textContent = text;
      result.dataset.size = `${video.videoWidth}x${video.videoHeight}`;
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
