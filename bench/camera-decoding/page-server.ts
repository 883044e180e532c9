// Serves the decoding test pages on 127.0.0.1: page scripts bundled by esbuild from node_modules,
// zxing_reader.wasm from node_modules (never a CDN) and, for the bench, the generated frames.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { BENCH_PAGE, CAMERA_PAGE, FRAMES_PATH, WASM_PATH, WORKER_PATH } from './page/paths';

const PAGE_DIR = path.join(import.meta.dirname, 'page');
/** The door's decoder lives with the door screen; the pages import it from there. */
export const DOOR_CAMERA_DIR = path.resolve(import.meta.dirname, '../../renderer/src/door/camera');
const require = createRequire(import.meta.url);

export const ZXING_WASM_FILE = require.resolve('zxing-wasm/reader/zxing_reader.wasm');

export type PageServer = { origin: string; close(): Promise<void> };

const html = (script: string, body = ''): string =>
  `<!doctype html><html><head><meta charset="utf-8"><title>camera decoding</title></head>` +
  `<body>${body}<script type="module" src="/${script}"></script></body></html>`;

/** Bundles one entry file (no minification: these pages are only for tests and benches). */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}

export type PageServerOptions = {
  framesDir?: string;
  /** Sent with every response, to try the pages under the kiosk's own policy. */
  contentSecurityPolicy?: string;
};

export async function startPageServer(options: PageServerOptions = {}): Promise<PageServer> {
  const [benchJs, cameraJs, workerJs, wasm] = await Promise.all([
    bundle(path.join(PAGE_DIR, 'bench-page.ts')),
    bundle(path.join(PAGE_DIR, 'camera-page.ts')),
    bundle(path.join(DOOR_CAMERA_DIR, 'decode-worker.ts')),
    readFile(ZXING_WASM_FILE),
  ]);
  const routes = new Map<string, { type: string; body: string | Buffer }>([
    [BENCH_PAGE, { type: 'text/html', body: html('bench-page.js') }],
    [
      CAMERA_PAGE,
      {
        type: 'text/html',
        body: html(
          'camera-page.js',
          '<video id="preview" muted playsinline width="320"></video><output id="result"></output><p id="status"></p>',
        ),
      },
    ],
    ['/bench-page.js', { type: 'text/javascript', body: benchJs }],
    ['/camera-page.js', { type: 'text/javascript', body: cameraJs }],
    [WORKER_PATH, { type: 'text/javascript', body: workerJs }],
    // application/wasm lets the browser compile while it downloads.
    [WASM_PATH, { type: 'application/wasm', body: wasm }],
  ]);
  const server = createServer((request, response) => {
    if (options.contentSecurityPolicy)
      response.setHeader('content-security-policy', options.contentSecurityPolicy);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routes.get(url.pathname);
    if (route) {
      response.writeHead(200, { 'content-type': route.type }).end(route.body);
      return;
    }
    const name = url.pathname.startsWith(FRAMES_PATH) ? url.pathname.slice(FRAMES_PATH.length) : null;
    if (options.framesDir && name && /^[\w.-]+\.png$/.test(name)) {
      readFile(path.join(options.framesDir, name)).then(
        (body) => response.writeHead(200, { 'content-type': 'image/png' }).end(body),
        () => response.writeHead(404).end(),
      );
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
