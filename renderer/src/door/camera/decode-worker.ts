// The decode worker: camera frames become pixels here, at the camera's resolution, and zxing-wasm
// reads them, so neither the copy nor a slow frame ever blocks the door screen.
import { scanFormatsOf } from './scan-formats';
import { BLOCK, blockMeans, stillViewGate, thumbnailOf } from './still-view';
import type { FrameSource, WorkerReply, WorkerRequest } from './worker-protocol';
import { type FrameReader, frameReader, loadLocalZxingWasm } from './zxing-decoder';

/** Set by init: reads the formats the page asked for. */
let decode: FrameReader | null = null;
const still = stillViewGate();

const reply = (message: WorkerReply): void => self.postMessage(message);
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Canvases reused between frames: the camera's resolution does not change while it runs. */
const canvases = new Map<string, OffscreenCanvas>();
function drawn(frame: VideoFrame, width: number, height: number): ImageData {
  const key = `${width}x${height}`;
  let canvas = canvases.get(key);
  if (!canvas) canvases.set(key, (canvas = new OffscreenCanvas(width, height)));
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d context in the decode worker');
  // Scaling down averages (a block's brightness, not one pixel's); full size copies as is.
  context.imageSmoothingQuality = 'high';
  context.drawImage(frame, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

/**
 * The frame's pixels, or null when `skipStill` and the frame looks like the last one read without
 * a code. A camera frame is first drawn BLOCK times smaller: cheap next to reading all its pixels.
 */
function pixelsToRead(source: FrameSource, skipStill: boolean): ImageData | null {
  if (source.kind === 'pixels') {
    const { data, width, height } = source.pixels;
    const image = new ImageData(data, width, height);
    return skipStill && !still.shouldRead(blockMeans(image)) ? null : image;
  }
  const { frame } = source;
  try {
    const { displayWidth: width, displayHeight: height } = frame;
    if (skipStill) {
      const small = drawn(
        frame,
        Math.max(1, Math.floor(width / BLOCK)),
        Math.max(1, Math.floor(height / BLOCK)),
      );
      if (!still.shouldRead(thumbnailOf(small))) return null;
    }
    return drawn(frame, width, height);
  } finally {
    frame.close();
  }
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.kind === 'init') {
    try {
      // Only our own names reach zxing-wasm: `[]` or 'All' there would look for every format in every frame.
      const formats = scanFormatsOf(request.formats);
      if (!formats) throw new Error(`unknown code formats: ${JSON.stringify(request.formats)}`);
      await loadLocalZxingWasm(request.wasmUrl);
      decode = frameReader(formats);
      reply({ kind: 'ready' });
    } catch (error) {
      reply({ kind: 'init-failed', message: messageOf(error) });
    }
    return;
  }
  try {
    if (!decode) throw new Error('decode worker used before init');
    const image = pixelsToRead(request.source, request.skipStill);
    if (image === null) {
      reply({ kind: 'found', id: request.id, text: null });
      return;
    }
    const { text, mayHoldCode } = await decode(image);
    if (request.skipStill) still.readGave(text, mayHoldCode);
    reply({ kind: 'found', id: request.id, text });
  } catch (error) {
    reply({ kind: 'failed', id: request.id, message: messageOf(error) });
  }
};
