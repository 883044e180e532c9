// ZXing-C++ (zxing-wasm) with the wasm served from our own origin, the options a door needs, and
// sharpened second and third looks at frames it cannot read (../../../../bench/camera-decoding),
// only when the frame may hold a code: most frames at a door show none, and the looks cost ~10×
// a plain read.
import { prepareZXingModule, type ReaderOptions, readBarcodes } from 'zxing-wasm/reader';
import { qrTextureScore } from './qr-texture';
import { sharpenedLuma } from './sharpen';

/** Points zxing-wasm at a locally served `zxing_reader.wasm` (never its default CDN) and loads it. */
export function loadLocalZxingWasm(wasmUrl: string): Promise<unknown> {
  return prepareZXingModule({
    overrides: {
      locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? wasmUrl : prefix + file),
    },
    fireImmediately: true,
  });
}

/**
 * One code per frame (stops looking once found); no rotated or inverted retries: ZXing's QR
 * detector finds codes at any angle, and tickets and phone screens are dark on light.
 */
const DOOR_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: false,
  tryInvert: false,
  tryDownscale: true,
  maxNumberOfSymbols: 1,
};
/** The first look also reports a code it located but could not read: the retries' best cue. */
const FIRST_LOOK: ReaderOptions = { ...DOOR_OPTIONS, returnErrors: true };

/**
 * Texture score (qr-texture.ts) above which a frame gets the retries although ZXing located no code
 * in it. On the bench's hard set every frame a retry rescues without a located code scores ≥ 0.117,
 * and 43 of 50 frames without a code score below this.
 */
export const RETRY_TEXTURE = 0.1;

async function read(image: ImageData): Promise<string | null> {
  const [found] = await readBarcodes(image, DOOR_OPTIONS);
  return found?.isValid ? found.text : null;
}

/** The frame as is; then sharpened (defocus); then with its light evened out too (hard shadows). */
export async function decodeQr(image: ImageData): Promise<string | null> {
  const [first] = await readBarcodes(image, FIRST_LOOK);
  if (first?.isValid) return first.text;
  if (!first && qrTextureScore(image) < RETRY_TEXTURE) return null;
  return (await read(sharpenedLuma(image))) ?? read(sharpenedLuma(image, { evenLight: true }));
}
