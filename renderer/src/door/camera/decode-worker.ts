// The decode worker: camera frames become pixels here, at the camera's resolution, and zxing-wasm
// reads them, so neither the copy nor a slow frame ever blocks the door screen.
import type { FrameSource, WorkerReply, WorkerRequest } from './worker-protocol';
import { decodeQr, loadLocalZxingWasm } from './zxing-decoder';

let ready = false;
/** Reused between frames: the camera's resolution does not change while it runs. */
let canvas: OffscreenCanvas | null = null;

const reply = (message: WorkerReply): void => self.postMessage(message);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function pixelsOf(source: FrameSource): ImageData {
  if (source.kind === 'pixels') {
    const { data, width, height } = source.pixels;
    return new ImageData(data, width, height);
  }
  const { frame } = source;
  try {
    const { displayWidth: width, displayHeight: height } = frame;
    if (!canvas || canvas.width !== width || canvas.height !== height)
      canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2d context in the decode worker');
    context.drawImage(frame, 0, 0);
    return context.getImageData(0, 0, width, height);
  } finally {
    frame.close();
  }
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'init') {
    try {
      await loadLocalZxingWasm(request.wasmUrl);
      ready = true;
      reply({ kind: 'ready' });
    } catch (error) {
      reply({ kind: 'init-failed', message: messageOf(error) });
    }
    return;
  }
  try {
    if (!ready) throw new Error('decode worker used before init');
    const image = pixelsOf(request.source);
    const text = await decodeQr(image);
    reply({ kind: 'found', id: request.id, text, width: image.width, height: image.height });
  } catch (error) {
    reply({ kind: 'failed', id: request.id, message: messageOf(error) });
  }
};
