// The door's QR decoding, as chosen by the camera decoding bench (../README.md): html5-qrcode keeps
// the camera, its scan loop and its UI; every frame goes to zxing-wasm (with a sharpened retry) in a
// worker, through a BarcodeDetector stand-in, so decoding never blocks the door screen.
import {
  type Html5Qrcode,
  type Html5QrcodeCameraScanConfig,
  type Html5QrcodeFullConfig,
  Html5QrcodeSupportedFormats,
} from 'html5-qrcode';
import type { DetectedBarcode } from 'barcode-detector/ponyfill';
import type { FoundCode, WorkerReply, WorkerRequest } from './worker-protocol';

export const DOOR_SCANNER_CONFIG: Html5QrcodeFullConfig = {
  formatsToSupport: [Html5QrcodeSupportedFormats.QR_CODE],
  useBarCodeDetectorIfSupported: true,
  verbose: false,
};

/** No mirrored retry: tickets and phone screens are never mirrored, and it would double the work per frame. */
export const DOOR_CAMERA_CONFIG: Html5QrcodeCameraScanConfig = { fps: 10, disableFlip: true };

export type DoorDecoder = { terminate(): void };

type Pending = { resolve(codes: DetectedBarcode[]): void; reject(error: Error): void };

/**
 * Waits until the decode worker has compiled the wasm, then installs the stand-in as
 * `window.BarcodeDetector` (replacing a native one too, so every kiosk decodes the same way).
 * Call before `new Html5Qrcode(…)`, which picks its decoder when constructed. The caller creates
 * the worker, `new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' })`,
 * the form bundlers recognise and emit as a worker chunk.
 */
export async function installDoorBarcodeDetector(options: {
  worker: Worker;
  wasmUrl: string;
}): Promise<DoorDecoder> {
  const { worker } = options;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  const post = (request: WorkerRequest, transfer: Transferable[] = []): void =>
    worker.postMessage(request, transfer);

  const ready = new Promise<void>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.kind === 'ready') return resolve();
      if (reply.kind === 'init-failed') return reject(new Error(`decode worker: ${reply.message}`));
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.kind === 'found') waiting?.resolve(reply.codes.map(toDetectedBarcode));
      else waiting?.reject(new Error(`decode worker: ${reply.message}`));
    };
    worker.onerror = (event) => {
      const error = new Error(`decode worker crashed: ${event.message}`);
      reject(error);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
  });
  post({ kind: 'init', wasmUrl: new URL(options.wasmUrl, location.href).href });
  try {
    await ready;
  } catch (error) {
    worker.terminate();
    throw error;
  }

  class WorkerBarcodeDetector {
    static getSupportedFormats(): Promise<string[]> {
      return Promise.resolve(['qr_code']);
    }

    detect(source: HTMLCanvasElement | ImageData): Promise<DetectedBarcode[]> {
      const id = nextId++;
      // Our own copy of the pixels, moved (not copied again) to the worker.
      const { width, height, data } = source instanceof ImageData ? source : pixelsOf(source);
      const pixels = { width, height, data: source instanceof ImageData ? data.slice() : data };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ kind: 'detect', id, pixels }, [pixels.data.buffer]);
      });
    }
  }
  Object.defineProperty(window, 'BarcodeDetector', {
    value: WorkerBarcodeDetector,
    configurable: true,
    writable: true,
  });
  return {
    terminate: () => {
      worker.terminate();
      for (const waiting of pending.values()) waiting.reject(new Error('door decoder stopped'));
      pending.clear();
    },
  };
}

function pixelsOf(canvas: HTMLCanvasElement): ImageData {
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new TypeError('BarcodeDetector: the canvas has no 2d context');
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

function toDetectedBarcode(code: FoundCode): DetectedBarcode {
  const { x, y, width, height } = code.box;
  return {
    rawValue: code.rawValue,
    format: code.format,
    boundingBox: new DOMRectReadOnly(x, y, width, height),
    cornerPoints: code.corners,
  };
}

/**
 * html5-qrcode 2.3.8 (its last release) alternates camera frames between the BarcodeDetector and its
 * bundled ZXing-JS, which runs on the main thread and reads fewer codes. Removing its fallback sends
 * every frame to the worker. Throws if html5-qrcode's internals are not what this expects.
 */
export function dropZxingJsFallback(scanner: Html5Qrcode): void {
  const shim: unknown = Reflect.get(scanner, 'qrcode');
  if (
    typeof shim !== 'object' ||
    shim === null ||
    !Reflect.get(shim, 'primaryDecoder') ||
    !Reflect.get(shim, 'secondaryDecoder')
  ) {
    throw new Error(
      'html5-qrcode internals changed (or no BarcodeDetector was installed): cannot drop its ZXing-JS fallback',
    );
  }
  Reflect.set(shim, 'secondaryDecoder', undefined);
}
