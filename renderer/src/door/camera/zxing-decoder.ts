// ZXing-C++ (zxing-wasm) with the wasm served from our own origin, the options a door needs, and
// sharpened second and third looks at frames it cannot read (../../../../bench/camera-decoding),
// only when the frame may hold a code: most frames at a door show none, and the looks cost ~10×
// a plain read.
import { prepareZXingModule, type ReaderOptions, readBarcodes } from 'zxing-wasm/reader';
import { printedText } from './printed-code';
import { qrTextureScore } from './qr-texture';
import type { ScanFormat } from './scan-formats';
import { sharpenedLuma } from './sharpen';
import { steadyMean } from './steady-mean';

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
 * One code per frame (stops looking once found); no rotated retries: ZXing's QR detector finds
 * codes at any angle, its 1-D readers a code turned a little (a row of pixels still crosses every
 * bar; tryHarder scans more rows). Inverted (light on dark) only in the retries: most tickets and
 * labels are dark on light, but a phone in dark mode or a wallet app shows light on dark, and the
 * inverted pass would double the cost of every frame without a code.
 */
const readerOptions = (formats: readonly ScanFormat[]): ReaderOptions => ({
  formats: [...formats],
  tryHarder: true,
  tryRotate: false,
  tryInvert: false,
  tryDownscale: true,
  maxNumberOfSymbols: 1,
});

/**
 * Texture score (qr-texture.ts) above which a frame gets the retries although ZXing located no code
 * in it. On the bench's hard set every frame a retry rescues without a located code scores ≥ 0.117,
 * and 43 of 50 frames without a code score below this.
 */
export const RETRY_TEXTURE = 0.1;

export type CodeReader = (image: ImageData) => Promise<string | null>;

/** `mayHoldCode`: no code was read, but more frames of this view may give one (steady-mean.ts). */
export type Reading = { text: string | null; mayHoldCode: boolean };
export type FrameReader = (image: ImageData) => Promise<Reading>;

/** Reads the first code of `formats` in a frame, as printed: frameReader's text alone. */
export function codeReader(formats: readonly ScanFormat[]): CodeReader {
  const readFrame = frameReader(formats);
  return async (image) => (await readFrame(image)).text;
}

/**
 * Reads the first code of `formats` in each frame, as printed (printed-code.ts: only a UPC-E's and
 * a UPC-A's text change, and the door reads QR only): as is; then sharpened (defocus); then with
 * its light evened out too (hard shadows); each retry dark on light, then light on dark; then the
 * mean of the frames before it that may held the same code unread while the view stood still (dim
 * light's noise). Keeps those frames between calls: one reader per camera.
 */
export function frameReader(formats: readonly ScanFormat[]): FrameReader {
  const options = readerOptions(formats);
  // The first look also reports a code it located but could not read: the retries' best cue.
  const firstLook: ReaderOptions = { ...options, returnErrors: true };
  const retryLook: ReaderOptions = { ...options, tryInvert: true };
  const read = async (image: ImageData, look = retryLook): Promise<string | null> => {
    const [found] = await readBarcodes(image, look);
    return found?.isValid ? printedText(found) : null;
  };
  const steady = steadyMean();
  const done = (text: string | null): Reading => {
    steady.reset();
    return { text, mayHoldCode: false };
  };
  return async (image) => {
    const [first] = await readBarcodes(image, firstLook);
    if (first?.isValid) return done(printedText(first));
    if (!first && qrTextureScore(image) < RETRY_TEXTURE) return done(null);
    const text =
      (await read(sharpenedLuma(image))) ?? (await read(sharpenedLuma(image, { evenLight: true })));
    if (text !== null) return done(text);
    const mean = steady.add(image);
    const averaged =
      mean && ((await read(mean, options)) ?? (await read(sharpenedLuma(mean, { evenLight: true }))));
    if (averaged) return done(averaged);
    return { text: null, mayHoldCode: steady.wantsMore() };
  };
}
