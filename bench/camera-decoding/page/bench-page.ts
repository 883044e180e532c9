// Runs in Chromium: decodes one frame with every candidate decoder, handing each a canvas as
// html5-qrcode's camera loop does, and times it. Driven by decoding.bench.ts via `window.cameraBench`.
import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { Html5QrcodeShim } from 'html5-qrcode/esm/code-decoder';
import { BaseLoggger } from 'html5-qrcode/esm/core';
import {
  DOOR_SCANNER_CONFIG,
  dropZxingJsFallback,
  installDoorBarcodeDetector,
} from '../../../renderer/src/door/camera/door-decoder';
import { WASM_PATH, WORKER_PATH } from './paths';
import {
  BarcodeDetector,
  detectQr,
  qrDetector,
  loadLocalZxingWasm,
} from '../../../renderer/src/door/camera/zxing-decoder';

type Decode = (canvas: HTMLCanvasElement) => Promise<string>;
/** `mainThreadMs` only when asked for: the watch itself loads the main thread and skews `ms`. */
type DecodeResult = { decoder: string; text: string | null; ms: number; mainThreadMs: number | null };

const DECODERS = {
  zxingJs: 'html5-qrcode (ZXing-JS)',
  polyfill: 'barcode-detector (zxing-wasm)',
  html5WithPolyfill: 'html5-qrcode + barcode-detector',
  sharpenRetry: 'barcode-detector + sharpened retry',
  door: 'door decoder (html5-qrcode + worker)',
} as const;

const QR_ONLY = [Html5QrcodeSupportedFormats.QR_CODE];
const logger = new BaseLoggger(false);

const firstText = async (found: Promise<{ rawValue: string }[]>): Promise<string> => {
  const [first] = await found;
  if (!first) throw new Error('no QR code found');
  return first.rawValue;
};

async function setUp(): Promise<[string, Decode][]> {
  // useBarCodeDetectorIfSupported false: html5-qrcode's bundled ZXing-JS only.
  const zxingJs = new Html5QrcodeShim(QR_ONLY, false, false, logger);
  await loadLocalZxingWasm(WASM_PATH);
  Object.defineProperty(window, 'BarcodeDetector', {
    value: BarcodeDetector,
    configurable: true,
    writable: true,
  });
  const detector = qrDetector();
  const html5WithPolyfill = new Html5QrcodeShim(QR_ONLY, true, false, logger);

  await installDoorBarcodeDetector({
    worker: new Worker(WORKER_PATH, { type: 'module' }),
    wasmUrl: WASM_PATH,
  });
  const host = document.createElement('div');
  host.id = 'door-scanner';
  document.body.append(host);
  const scanner = new Html5Qrcode(host.id, DOOR_SCANNER_CONFIG);
  dropZxingJsFallback(scanner);
  // The scanner's own decoder: exactly what its camera loop calls on every frame.
  const door = Reflect.get(scanner, 'qrcode') as Html5QrcodeShim;

  return [
    [DECODERS.zxingJs, async (canvas) => (await zxingJs.decodeAsync(canvas)).text],
    [DECODERS.polyfill, (canvas) => firstText(detector.detect(canvas))],
    // What html5-qrcode does with a still image: the BarcodeDetector, then ZXing-JS if that fails.
    [
      DECODERS.html5WithPolyfill,
      async (canvas) => (await html5WithPolyfill.decodeRobustlyAsync(canvas)).text,
    ],
    [DECODERS.sharpenRetry, (canvas) => firstText(detectQr(detector, pixelsOf(canvas)))],
    [DECODERS.door, async (canvas) => (await door.decodeAsync(canvas)).text],
  ];
}

function pixelsOf(canvas: HTMLCanvasElement): ImageData {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d canvas context');
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

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

const orNull = (text: Promise<string>): Promise<string | null> => text.catch(() => null);

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
  bitmap.close();
  const all = await decoders;
  // A different decoder goes first each frame, so none always runs on a cold cache.
  const start = round++ % all.length;
  const ordered = [...all.slice(start), ...all.slice(0, start)];
  const results: DecodeResult[] = [];
  for (const [decoder, decode] of ordered) {
    const t0 = performance.now();
    if (watchMainThread) {
      const { value: text, longestBlockMs } = await withMainThreadWatch(() => orNull(decode(canvas)));
      results.push({ decoder, text, ms: performance.now() - t0, mainThreadMs: longestBlockMs });
    } else {
      const text = await orNull(decode(canvas));
      results.push({ decoder, text, ms: performance.now() - t0, mainThreadMs: null });
    }
  }
  return results;
}

Object.assign(window, {
  cameraBench: {
    ready: () => decoders.then((all) => all.map(([name]) => name)),
    decodeFrame,
  },
});
