// ZXing-C++ (wasm) through the `barcode-detector` ponyfill, with the wasm served from our own origin
// and a sharpened second look at frames it cannot read.
import { BarcodeDetector, type DetectedBarcode, prepareZXingModule } from 'barcode-detector/ponyfill';
import { sharpenedLuma } from './sharpen';

/** Points the ponyfill at a locally served `zxing_reader.wasm` (never its default CDN) and loads it. */
export function loadLocalZxingWasm(wasmUrl: string): Promise<unknown> {
  return prepareZXingModule({
    overrides: {
      locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? wasmUrl : prefix + file),
    },
    fireImmediately: true,
  });
}

export const qrDetector = (): BarcodeDetector => new BarcodeDetector({ formats: ['qr_code'] });

/** The frame as is; if nothing is found, once more sharpened (recovers defocused codes). */
export async function detectQr(detector: BarcodeDetector, image: ImageData): Promise<DetectedBarcode[]> {
  const found = await detector.detect(image);
  return found.length > 0 ? found : detector.detect(sharpenedLuma(image));
}

export { BarcodeDetector, type DetectedBarcode };
