// zxing-wasm's reader or writer wasm, read from node_modules: tests load it with `wasmBinary`
// instead of letting zxing-wasm fetch it from its default CDN. Shared by the e2e code images
// (barcode-png.ts) and the renderer's unit tests; the app never imports it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The bytes of `zxing-wasm/<part>/zxing_<part>.wasm`, for prepareZXingModule's wasmBinary. */
export function zxingWasm(part: 'reader' | 'writer'): ArrayBuffer {
  const file = readFileSync(createRequire(import.meta.url).resolve(`zxing-wasm/${part}/zxing_${part}.wasm`));
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
}
