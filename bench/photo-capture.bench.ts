// Photo capture in Chromium against a real web kiosk: a 4000×3000 webcam frame (Chromium's fake
// camera playing a .y4m) grabbed, resized to 2048×1536 and JPEG-encoded in the photo worker, then
// saved durably by attachment:save (file fsynced, row committed). Total time and how long the main
// thread was blocked, against the same work done on the main thread in the same run.
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { pngToY4m } from '../e2e/camera/y4m';
import { ffmpeg } from '../e2e/photo/jpeg-fixtures';
import { PHOTO_PAGE, startPhotoPageServer } from '../e2e/photo/photo-page-server';
import { STAFF_PIN, startKiosk } from '../e2e/support/kiosk-process';
import { type BenchResult, median, round } from './bench-result';

const WIDTH = 4000;
const HEIGHT = 3000;
const WARM_UP = 2;
const RUNS = 9;

const CaptureSchema = z.object({
  width: z.number(),
  height: z.number(),
  bytes: z.number(),
  totalMs: z.number(),
  photoMs: z.number(),
  longestStallMs: z.number(),
  longTaskMs: z.number(),
});
type Capture = z.infer<typeof CaptureSchema>;
type Where = 'worker' | 'main';

export async function benchPhotoCapture(): Promise<BenchResult[]> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'quiosco-bench-photo-'));
  const png = path.join(work, 'scene.png');
  const video = path.join(work, 'scene.y4m');
  await ffmpeg(['-f', 'lavfi', '-i', `testsrc2=s=${WIDTH}x${HEIGHT}`, '-frames:v', '1', png]);
  // Two frames a second, two seconds (looped by Chromium): 18 MB a frame at this size.
  await pngToY4m(png, video, { width: WIDTH, height: HEIGHT, fps: 2, seconds: 2 });
  const kiosk = await startKiosk();
  const server = await startPhotoPageServer(kiosk.url);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  const captures: Record<Where, Capture[]> = { worker: [], main: [] };
  try {
    const page = await browser.newPage();
    await page.goto(server.origin + PHOTO_PAGE);
    await page.evaluate(`window.photoTest.unlock(${JSON.stringify(STAFF_PIN)})`);
    const frame = z
      .object({ width: z.number(), height: z.number() })
      .parse(await page.evaluate('window.photoTest.openCamera()'));
    if (frame.width !== WIDTH || frame.height !== HEIGHT) {
      throw new Error(`the fake camera gives ${frame.width}×${frame.height}, not ${WIDTH}×${HEIGHT}`);
    }
    const capture = async (where: Where) =>
      CaptureSchema.parse(await page.evaluate(`window.photoTest.capture('${where}', 2048)`));
    for (let i = 0; i < WARM_UP; i++) for (const where of ['worker', 'main'] as const) await capture(where);
    // Interleaved, so both ways see the same machine load.
    for (let i = 0; i < RUNS; i++) {
      for (const where of ['worker', 'main'] as const) captures[where].push(await capture(where));
    }
    await page.evaluate('window.photoTest.closeCamera()');
  } finally {
    await browser.close();
    await server.close();
    await kiosk.stop();
    rmSync(work, { recursive: true, force: true });
  }
  const sizes = new Set(captures.worker.map((c) => `${c.width}×${c.height}`));
  if (sizes.size !== 1 || !sizes.has('2048×1536'))
    throw new Error(`photos came out at ${[...sizes].join(', ')}`);
  const figures = (where: Where, label: string): BenchResult[] => {
    const list = captures[where];
    return [
      {
        name: `photo capture ${WIDTH}×${HEIGHT} → 2048 JPEG → saved, ${label} (median)`,
        value: round(median(list.map((c) => c.totalMs)), 1),
        unit: 'ms',
      },
      {
        name: `photo capture, ${label}: shutter to JPEG ready (median)`,
        value: round(median(list.map((c) => c.photoMs)), 1),
        unit: 'ms',
      },
      {
        name: `photo capture, ${label}: longest main-thread stall (median)`,
        value: round(median(list.map((c) => c.longestStallMs)), 1),
        unit: 'ms',
      },
      {
        name: `photo capture, ${label}: long tasks ≥ 50 ms (median total)`,
        value: round(median(list.map((c) => c.longTaskMs)), 1),
        unit: 'ms',
      },
    ];
  };
  return [
    ...figures('worker', 'photo worker'),
    ...figures('main', 'baseline on the main thread'),
    {
      name: 'photo capture: saved JPEG (median)',
      value: round(median(captures.worker.map((c) => c.bytes)) / 1024, 1),
      unit: 'KiB',
    },
  ];
}
