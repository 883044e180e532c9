// The door's camera: html5-qrcode with the door decoder (zxing-wasm in a worker), wired as the
// camera decoding bench chose (bench/camera-decoding/README.md), and kept scanning: every code it
// reads goes to `onText`. The door screen imports this lazily, so it, html5-qrcode, the worker and
// the wasm only load when a door screen with a camera opens.
import { Html5Qrcode } from 'html5-qrcode';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import {
  DOOR_CAMERA_CONFIG,
  DOOR_SCANNER_CONFIG,
  dropZxingJsFallback,
  installDoorBarcodeDetector,
} from './door-decoder';

export type DoorCamera = { stop(): Promise<void> };

/** Resolves once the camera shows; rejects (with nothing left running) when it cannot start. */
export async function startDoorCamera(
  elementId: string,
  onText: (text: string) => void,
): Promise<DoorCamera> {
  const decoder = await installDoorBarcodeDetector({
    // Written out like this so Vite recognises it and emits the worker as its own file.
    worker: new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' }),
    wasmUrl,
  });
  try {
    // After the install: html5-qrcode picks its decoder when constructed.
    const scanner = new Html5Qrcode(elementId, DOOR_SCANNER_CONFIG);
    dropZxingJsFallback(scanner);
    await scanner.start(
      { facingMode: 'environment' },
      DOOR_CAMERA_CONFIG,
      (text) => onText(text),
      () => undefined,
    );
    return {
      async stop() {
        try {
          await scanner.stop();
        } finally {
          decoder.terminate();
        }
      },
    };
  } catch (error) {
    decoder.terminate();
    throw error;
  }
}
