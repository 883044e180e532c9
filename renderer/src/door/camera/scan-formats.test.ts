// Which codes each camera reads, with zxing-wasm itself (its reader and writer wasm loaded from
// node_modules): the barcode question reads the 1-D codes on products and IDs, the door QR only.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { prepareZXingModule as prepareReader, readBarcodes } from 'zxing-wasm/reader';
import { prepareZXingModule as prepareWriter, writeBarcode, type WriterOptions } from 'zxing-wasm/writer';
import { zxingWasm } from '../../../../e2e/camera/zxing-wasm';
import { BARCODE_QUESTION_FORMATS, DOOR_FORMATS, scanFormatsOf } from './scan-formats';
import { codeReader } from './zxing-decoder';
import { NodeImageData } from './testing/node-image-data';

const WIDTH = 640;
const HEIGHT = 480;

beforeAll(async () => {
  if (typeof ImageData === 'undefined') vi.stubGlobal('ImageData', NodeImageData);
  await prepareReader({ overrides: { wasmBinary: zxingWasm('reader') }, fireImmediately: true });
  await prepareWriter({ overrides: { wasmBinary: zxingWasm('writer') }, fireImmediately: true });
});

/** A white 640×480 frame with the code `text` drawn dark at (120, 140), 3 px a module. */
async function frameOf(text: string, format: WriterOptions['format']): Promise<ImageData> {
  const { symbol, error } = await writeBarcode(text, { format });
  expect(error).toBe('');
  const module = 3;
  const data = new Uint8ClampedArray(WIDTH * HEIGHT * 4).fill(255);
  for (let y = 0; y < symbol.height * module; y++) {
    for (let x = 0; x < symbol.width * module; x++) {
      const shade = symbol.data[Math.floor(y / module) * symbol.width + Math.floor(x / module)] ?? 255;
      const i = ((140 + y) * WIDTH + 120 + x) * 4;
      data.fill(shade === 0 ? 30 : 235, i, i + 3);
    }
  }
  const frame = new ImageData(WIDTH, HEIGHT);
  frame.data.set(data);
  return frame;
}

describe('camera code formats', () => {
  it('the door asks for QR codes only; the question for QR, Data Matrix and the common 1-D codes', () => {
    expect(DOOR_FORMATS).toEqual(['QRCode']);
    const question = ['QRCode', 'DataMatrix', 'Code128', 'Code39', 'EAN13', 'EAN8', 'UPCA', 'UPCE', 'ITF'];
    expect(BARCODE_QUESTION_FORMATS).toEqual(question);
  });

  it('the decode worker takes only a non-empty list of known formats', () => {
    expect(scanFormatsOf(['QRCode'])).toEqual(['QRCode']);
    expect(scanFormatsOf([...BARCODE_QUESTION_FORMATS])).toEqual(BARCODE_QUESTION_FORMATS);
    // [] would make zxing-wasm read every format; 'All' likewise; others are not ours to ask for.
    for (const bad of [[], ['All'], ['QRCode', 'PDF417'], ['qr_code'], [1], 'QRCode', undefined, null]) {
      expect(scanFormatsOf(bad)).toBeNull();
    }
  });

  /**
   * Format, text written, text read: as printed under the bars (printed-code.ts), UPC-E's 8 digits
   * and UPC-A's 12 too. An EAN-13 starting with 0 has a UPC-A's bars, so it reads as that UPC-A.
   */
  const CODES: [WriterOptions['format'], string, string][] = [
    ['Code128', 'CAJA-7731', 'CAJA-7731'],
    ['Code39', 'LOTE-42', 'LOTE-42'],
    ['EAN13', '7501234567893', '7501234567893'],
    ['EAN13', '0036000291452', '036000291452'],
    ['EAN13', '0012345678905', '012345678905'],
    ['EAN8', '96385074', '96385074'],
    ['UPCA', '036000291452', '036000291452'],
    ['UPCE', '01234565', '01234565'],
    ['UPCE', '11234562', '11234562'],
    ['ITF', '00123456', '00123456'],
    ['DataMatrix', 'LOTE 42/2026', 'LOTE 42/2026'],
  ];
  for (const [format, text, read] of CODES) {
    it(`a ${format} code ${text}: the question reads exactly ${read}, the door nothing`, async () => {
      const frame = await frameOf(text, format);
      expect(await codeReader(BARCODE_QUESTION_FORMATS)(frame)).toBe(read);
      expect(await codeReader(DOOR_FORMATS)(frame)).toBeNull();
    });
  }

  it('a UPC-A has the bars of the EAN-13 0 + its 12 digits: the reader cannot tell them apart', async () => {
    const upca = await frameOf('012345678905', 'UPCA');
    const ean13 = await frameOf('0012345678905', 'EAN13');
    const [upcaRead] = await readBarcodes(upca, { formats: [...BARCODE_QUESTION_FORMATS] });
    const [ean13Read] = await readBarcodes(ean13, { formats: [...BARCODE_QUESTION_FORMATS] });
    expect([upcaRead?.format, upcaRead?.text]).toEqual(['EAN13', '0012345678905']);
    expect([ean13Read?.format, ean13Read?.text]).toEqual(['EAN13', '0012345678905']);
  });

  it('a QR code: both read it', async () => {
    const frame = await frameOf('QT1:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 'QRCode');
    for (const formats of [DOOR_FORMATS, BARCODE_QUESTION_FORMATS]) {
      expect(await codeReader(formats)(frame)).toBe('QT1:ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
    }
  });
});
