// Web kiosk cold start (process spawn → attract screen usable in Chromium) and the size of the
// JavaScript the renderer loads first.
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, makeKioskData, startKiosk } from '../e2e/support/kiosk-process';
import { type BenchResult, median, round } from './bench-result';

const RUNS = 5;

/** JS referenced by index.html (entry + modulepreloads), gzipped as a server would send it. */
export function initialJsGzipBytes(rendererDir = path.join(ROOT, 'dist', 'renderer')): {
  gzip: number;
  raw: number;
} {
  const html = readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?([^"]+\.js)"/g)].map((m) => m[1] as string);
  let gzip = 0;
  let raw = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(rendererDir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { gzip, raw };
}

export async function benchWebKiosk(): Promise<BenchResult[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const coldStarts: number[] = [];
  const nodeBaseline: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const dataDir = makeKioskData();
      const page = await browser.newPage();
      const started = performance.now();
      const kiosk = await startKiosk(dataDir);
      await page.goto(kiosk.url);
      await page.getByRole('button', { name: /Registro de visitantes/ }).waitFor({ state: 'visible' });
      coldStarts.push(performance.now() - started);
      await page.close();
      await kiosk.stop();

      const t0 = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      nodeBaseline.push(performance.now() - t0);
    }
  } finally {
    await browser.close();
  }
  const js = initialJsGzipBytes();
  return [
    {
      name: 'web kiosk cold start to attract screen (median)',
      value: round(median(coldStarts), 1),
      unit: 'ms',
    },
    { name: 'baseline: bare node process start (median)', value: round(median(nodeBaseline), 1), unit: 'ms' },
    { name: 'initial renderer JS (gzip)', value: round(js.gzip / 1024, 1), unit: 'KiB' },
    { name: 'initial renderer JS (raw)', value: round(js.raw / 1024, 1), unit: 'KiB' },
  ];
}
