// The decode worker: zxing-wasm runs here, so a slow frame never blocks the door screen.
import type { BarcodeDetector } from 'barcode-detector/ponyfill';
import type { WorkerReply, WorkerRequest } from './worker-protocol';
import { detectQr, qrDetector, loadLocalZxingWasm } from './zxing-decoder';

let detector: BarcodeDetector | null = null;

const reply = (message: WorkerReply): void => self.postMessage(message);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'init') {
    try {
      await loadLocalZxingWasm(request.wasmUrl);
      detector = qrDetector();
      reply({ kind: 'ready' });
    } catch (error) {
      reply({ kind: 'init-failed', message: messageOf(error) });
    }
    return;
  }
  try {
    if (!detector) throw new Error('decode worker used before init');
    const { data, width, height } = request.pixels;
    const found = await detectQr(detector, new ImageData(data, width, height));
    reply({
      kind: 'found',
      id: request.id,
      codes: found.map((code) => ({
        rawValue: code.rawValue,
        format: code.format,
        box: {
          x: code.boundingBox.x,
          y: code.boundingBox.y,
          width: code.boundingBox.width,
          height: code.boundingBox.height,
        },
        corners: code.cornerPoints,
      })),
    });
  } catch (error) {
    reply({ kind: 'failed', id: request.id, message: messageOf(error) });
  }
};
