// Runs in Chromium with a camera (a fake one in e2e): html5-qrcode scanning it with the door's
// decoder, wired exactly as the door screen wires it. Shows the first decoded text in #result, stops.
import { Html5Qrcode } from 'html5-qrcode';
import {
  DOOR_CAMERA_CONFIG,
  DOOR_SCANNER_CONFIG,
  dropZxingJsFallback,
  installDoorBarcodeDetector,
} from '../../../renderer/src/door/camera/door-decoder';
import { WASM_PATH, WORKER_PATH } from './paths';

const result = document.getElementById('result') as HTMLOutputElement;
const status = document.getElementById('status') as HTMLParagraphElement;

async function scan(): Promise<void> {
  const decoder = await installDoorBarcodeDetector({
    worker: new Worker(WORKER_PATH, { type: 'module' }),
    wasmUrl: WASM_PATH,
  });
  const scanner = new Html5Qrcode('reader', DOOR_SCANNER_CONFIG);
  dropZxingJsFallback(scanner);
  await scanner.start(
    { facingMode: 'environment' },
    DOOR_CAMERA_CONFIG,
    (text, decoded) => {
      result.textContent = text;
      result.dataset.decoder = decoded.result.debugData?.decoderName ?? '';
      void scanner.stop().then(() => {
        decoder.terminate();
        status.textContent = 'stopped';
      });
    },
    () => undefined,
  );
  status.textContent = 'scanning';
}

scan().catch((error: unknown) => {
  status.textContent = `error: ${String(error)}`;
});
