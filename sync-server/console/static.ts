// Serves the built console (dist/console) at / from the sync server itself: same origin as its
// API, so the session cookie can be SameSite=Strict, and a strict CSP since nothing is inline.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** dist/NAME (console, preview) under the package root; the server runs from source (tsx) and bundled (dist/cli.js). */
export function builtDir(name: string, from = fileURLToPath(import.meta.url)): string | undefined {
  for (let dir = dirname(from); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      const built = join(dir, 'dist', name);
      return existsSync(join(built, 'index.html')) ? built : undefined;
    }
  }
  return undefined;
}

export async function serveConsole(app: FastifyInstance, root = builtDir('console')): Promise<void> {
  if (root === undefined) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.code(503).type('text/plain').send('The console is not built: run npm run build'),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    setHeaders: (res) => {
      res.setHeader('content-security-policy', CONSOLE_CSP);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'same-origin');
    },
  });
}
