// Console first load (issue 14: ≤ 1 s on 127.0.0.1, JS ≤ 250 KB gzip): navigation to the sign-in
// page until its form is usable, in Chromium against a real sync server serving dist/console (run
// `npm run build` first). Baseline in the same run and browser: a minimal HTML page from a plain
// node:http server on 127.0.0.1, what any navigation costs.
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ROOT } from '../e2e/support/kiosk-process';
import { createTestDatabase } from '../sync-server/testing/test-server';
import { startSyncServer } from '../sync-server/server';
import { type BenchResult, median, round } from './bench-result';
import { initialJsGzipBytes } from './web-kiosk.bench';

const RUNS = Number(process.env.QUIOSCO_BENCH_CONSOLE_RUNS ?? 15);
const MINIMAL_HTML = '<!doctype html><html lang="es"><title>base</title><button>Entrar</button></html>';

export async function benchConsoleLoad(): Promise<BenchResult[]> {
  const js = initialJsGzipBytes(path.join(ROOT, 'dist', 'console'));
  const database = await createTestDatabase('sqlite');
  const server = await startSyncServer({
    logLevel: 'silent',
    database: database.config,
    host: '127.0.0.1',
    port: 0,
  });
  const plain = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(MINIMAL_HTML),
  );
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const loads: number[] = [];
  const baseline: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // A fresh context each time: nothing cached, as a coordinator's first visit.
      for (const [samples, url, ready] of [
        [loads, server.url, 'Entrar'],
        [baseline, plainUrl, 'Entrar'],
      ] as const) {
        const context = await browser.newContext({ locale: 'es-MX' });
        const page = await context.newPage();
        const started = performance.now();
        await page.goto(url);
        await page.getByRole('button', { name: ready, exact: true }).waitFor({ state: 'visible' });
        samples.push(performance.now() - started);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => plain.close(resolve));
    await server.close();
    await database.drop();
  }
  return [
    { name: 'console first load to usable sign-in (median)', value: round(median(loads), 1), unit: 'ms' },
    {
      name: 'console first load: baseline minimal HTML page (median)',
      value: round(median(baseline), 1),
      unit: 'ms',
    },
    { name: 'console initial JS (gzip -9)', value: round(js.gzip / 1024, 1), unit: 'KiB' },
    { name: 'console initial JS (raw)', value: round(js.raw / 1024, 1), unit: 'KiB' },
  ];
}
