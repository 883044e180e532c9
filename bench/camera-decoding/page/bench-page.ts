// Runs in Chromium: decodes one frame with the previous door decoder (the barcode-detector ponyfill
// with a sharpened retry, on the main thread) and with the door's decoder (zxing-wasm in its worker,
// exactly as the door screen runs it), and times each. Driven by decoding.bench.ts.
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import { type DoorDecoder, startDoorDecoder } from '../../../renderer/src/door/camera/door-decoder';
import { DOOR_FORMATS } from '../../../renderer/src/door/camera/scan-formats';
import { sharpenedLuma } from '../../../renderer/src/door/camera/sharpen';
import { DECODERS, WASM_PATH, WORKER_PATH } from './paths';

/** Each decoder gets the frame as it ships: pixels for the previous one, a VideoFrame for the door. */
type Decode = (pixels: ImageData, bitmap: ImageBitmap) => Promise<string | null>;
/** `mainThreadMs` only when asked for: the watch itself loads the main thread and skews `ms`. */
type DecodeResult = { decoder: string; text: string | null; ms: number; mainThreadMs: number | null };

async function setUp(): Promise<[string, Decode][]> {
  await prepareZXingModule({
    overrides: {
      locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? WASM_PATH : prefix + file),
    },
    fireImmediately: true,
  });
  const detector = new BarcodeDetector({ formats: ['qr_code'] });
  const first = async (image: ImageData) => (await detector.detect(image))[0]?.rawValue ?? null;
  const door = await startDoorDecoder({
    worker: new Worker(WORKER_PATH, { type: 'module' }),
    wasmUrl: WASM_PATH,
    formats: DOOR_FORMATS,
  });
  return [
    [DECODERS.previous, async (image) => (await first(image)) ?? first(sharpenedLuma(image))],
    [DECODERS.door, (_, bitmap) => door.decode(new VideoFrame(bitmap, { timestamp: 0 }))],
  ];
}

let stillDoor: Promise<DoorDecoder> | undefined;

/**
 * Runs `work` while a message loop pings the main thread; the longest gap between pings is how long
 * the page could not respond (to a tap, an animation frame) because of decoding.
 */
async function withMainThreadWatch<T>(work: () => Promise<T>): Promise<{ value: T; longestBlockMs: number }> {
  const channel = new MessageChannel();
  let last = performance.now();
  let longest = 0;
  let watching = true;
  channel.port1.onmessage = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (watching) channel.port2.postMessage(null);
  };
  channel.port2.postMessage(null);
  const value = await work();
  watching = false;
  channel.port1.close();
  return { value, longestBlockMs: Math.max(longest, performance.now() - last) };
}

const decoders = setUp();
const canvas = document.createElement('canvas');
const context = canvas.getContext('2d', { willReadFrequently: true });
let round = 0;

async function decodeFrame(url: string, watchMainThread: boolean): Promise<DecodeResult[]> {
  if (!context) throw new Error('no 2d canvas context');
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  context.drawImage(bitmap, 0, 0);
  const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
  const all = await decoders;
  // A different decoder goes first each frame, so none always runs on a cold cache.
  const start = round++ % all.length;
  const ordered = [...all.slice(start), ...all.slice(0, start)];
  const results: DecodeResult[] = [];
  for (const [decoder, decode] of ordered) {
    const t0 = performance.now();
    const run = () => decode(pixels, bitmap).catch(() => null);
    if (watchMainThread) {
      const { value: text, longestBlockMs } = await withMainThreadWatch(run);
      results.push({ decoder, text, ms: performance.now() - t0, mainThreadMs: longestBlockMs });
    } else {
      const text = await run();
      results.push({ decoder, text, ms: performance.now() - t0, mainThreadMs: null });
    }
  }
  bitmap.close();
  return results;
}

/** The same watch over an idle page for `ms`: what the machine alone does to the main thread. */
async function idleWatch(ms: number): Promise<number> {
  const { longestBlockMs } = await withMainThreadWatch(() => new Promise((done) => setTimeout(done, ms)));
  return longestBlockMs;
}

/**
 * An idle door: the same no-code view `count` times through a door decoder of its own, as the door
 * sends it (`skipStill`) or not; the time each frame took.
 */
async function stillView(url: string, count: number, skipStill: boolean): Promise<number[]> {
  stillDoor ??= startDoorDecoder({
    worker: new Worker(WORKER_PATH, { type: 'module' }),
    wasmUrl: WASM_PATH,
    formats: DOOR_FORMATS,
  });
  const decoder = await stillDoor;
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await decoder.decode(new VideoFrame(bitmap, { timestamp: i }), { skipStill });
    times.push(performance.now() - t0);
  }
  bitmap.close();
  return times;
}

Object.assign(window, {
  cameraBench: {
    ready: () => decoders.then((all) => all.map(([name]) => name)),
    decodeFrame,
    idleWatch,
    stillView,
  },
});
