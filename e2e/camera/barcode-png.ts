// Code images for the fake-camera videos, drawn by zxing-wasm's writer (its wasm read from
// node_modules, never fetched): the codes the kiosk's camera reads, made by the same library.
import { writeFileSync } from 'node:fs';
import { prepareZXingModule, writeBarcode, type WriterOptions } from 'zxing-wasm/writer';
import { zxingWasm } from './zxing-wasm';

const SCALE = 4;

let writer: Promise<unknown> | undefined;

/** zxing-wasm's writer, prepared for the first code only: its wasm is read and compiled once. */
function loadWriter(): Promise<unknown> {
  writer ??= prepareZXingModule({ overrides: { wasmBinary: zxingWasm('writer') }, fireImmediately: true });
  return writer;
}

/**
 * Writes `text` as a `format` code, dark on white with its quiet zones, to the PNG `file`; returns
 * how wide the PNG must be drawn for the code's own bars (quiet zones aside) to be `barsWidth` px.
 */
export async function barcodePng(
  text: string,
  format: NonNullable<WriterOptions['format']>,
  file: string,
  barsWidth: number,
): Promise<number> {
  await loadWriter();
  const { image, symbol, error } = await writeBarcode(text, { format, scale: SCALE, withQuietZones: true });
  if (!image) throw new Error(`zxing-wasm wrote no ${format} for ${text}: ${error}`);
  const png = new Uint8Array(await image.arrayBuffer());
  writeFileSync(file, png);
  // The PNG's width, big-endian in its IHDR chunk.
  const imageWidth = new DataView(png.buffer, png.byteOffset).getUint32(16);
  return Math.round((barsWidth * imageWidth) / (symbol.width * SCALE));
}
