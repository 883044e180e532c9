// Serves renderer/src/photo/testing/photo-page.tsx (bundled by esbuild, with the photo worker at
// the URL the component asks for) under the kiosk's CSP, and passes /api/* on to a real web
// kiosk, so photos are saved by the kiosk core itself.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { CONTENT_SECURITY_POLICY } from '../../shared/kiosk/content-security-policy';

const PHOTO_DIR = path.resolve(import.meta.dirname, '../../renderer/src/photo');
export const PHOTO_PAGE = '/photo.html';

export type PhotoPageServer = { origin: string; close(): Promise<void> };

/** Bundles one entry; returns its outputs by extension (a .css too when it imports styles). */
async function bundle(entry: string): Promise<Map<string, string>> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    outdir: '/out',
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    logLevel: 'silent',
  });
  return new Map(result.outputFiles.map((file) => [path.extname(file.path), file.text]));
}

const HTML =
  '<!doctype html><html lang="es-MX"><head><meta charset="utf-8"><title>Foto</title>' +
  '<link rel="stylesheet" href="/photo-page.css"></head>' +
  '<body><div id="root"></div><script type="module" src="/photo-page.js"></script></body></html>';

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startPhotoPageServer(kioskUrl: string): Promise<PhotoPageServer> {
  const [page, worker] = await Promise.all([
    bundle(path.join(PHOTO_DIR, 'testing', 'photo-page.tsx')),
    bundle(path.join(PHOTO_DIR, 'resize-worker.ts')),
  ]);
  const routes = new Map<string, { type: string; body: string }>([
    [PHOTO_PAGE, { type: 'text/html', body: HTML }],
    ['/photo-page.js', { type: 'text/javascript', body: page.get('.js') ?? '' }],
    ['/photo-page.css', { type: 'text/css', body: page.get('.css') ?? '' }],
    // photo-resizer.ts asks for new URL('./resize-worker.ts', import.meta.url): /photo-page.js's sibling.
    ['/resize-worker.ts', { type: 'text/javascript', body: worker.get('.js') ?? '' }],
  ]);
  const server = createServer((request, response) => {
    response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routes.get(url.pathname);
    if (route) {
      response.writeHead(200, { 'content-type': route.type }).end(route.body);
      return;
    }
    if (request.method !== 'POST' || !url.pathname.startsWith('/api/')) {
      response.writeHead(404).end();
      return;
    }
    body(request)
      .then((sent) =>
        fetch(new URL(url.pathname.slice(1), kioskUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: sent,
        }),
      )
      .then(async (answer) => {
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch((error: unknown) => response.writeHead(502).end(String(error)));
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
