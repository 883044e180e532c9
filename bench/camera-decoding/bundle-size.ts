// What the door decoder adds to the renderer, minified and gzipped as a server would send it:
// the main-thread part, the lazily started decode worker, and the wasm it fetches.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { DOOR_CAMERA_DIR, ZXING_WASM_FILE } from './page-server';

export type Size = { raw: number; gzip: number };

const sizeOf = (bytes: Uint8Array): Size => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
});

/** `source`: a door camera module's file name, or module code to bundle as is. */
async function minified(source: { file: string } | { code: string }, external: string[] = []): Promise<Size> {
  const result = await build({
    ...('file' in source
      ? { entryPoints: [path.join(DOOR_CAMERA_DIR, source.file)] }
      : { stdin: { contents: source.code, resolveDir: DOOR_CAMERA_DIR, loader: 'ts' } }),
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    external,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced nothing');
  return sizeOf(output.contents);
}

export async function doorDecoderSizes(): Promise<{ mainThread: Size; worker: Size; wasm: Size }> {
  const [mainThread, worker, wasm] = await Promise.all([
    minified({ file: 'door-decoder.ts' }),
    minified({ file: 'decode-worker.ts' }),
    readFile(ZXING_WASM_FILE).then(sizeOf),
  ]);
  return { mainThread, worker, wasm };
}
