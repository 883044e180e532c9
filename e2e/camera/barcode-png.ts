// Code images for the fake-camera videos, drawn by zxing-wasm's writer (its wasm read from
// node_modules, never fetched): the codes the kiosk's camera reads, made by the same library.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, writeBarcode, type WriterOptions } from 'zxing-wasm/writer';

const SCALE = 4;

async function loadWriter(): Promise<void> {
  const file = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/writer/zxing_writer.wasm'));
  const wasmBinary = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
  await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
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
