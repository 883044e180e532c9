// Messages between the door's BarcodeDetector stand-in (main thread) and its decode worker.
import type { DetectedBarcode } from 'barcode-detector/ponyfill';

/** Pixels as a plain object: posting an ImageData itself copies them even when its buffer is transferred. */
export type Pixels = { width: number; height: number; data: Uint8ClampedArray<ArrayBuffer> };

export type WorkerRequest =
  { kind: 'init'; wasmUrl: string } | { kind: 'detect'; id: number; pixels: Pixels };

/** A barcode as plain data: DOM geometry objects are rebuilt on the main thread. */
export type FoundCode = {
  rawValue: string;
  format: DetectedBarcode['format'];
  box: { x: number; y: number; width: number; height: number };
  corners: DetectedBarcode['cornerPoints'];
};

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'init-failed'; message: string }
  | { kind: 'found'; id: number; codes: FoundCode[] }
  | { kind: 'failed'; id: number; message: string };
