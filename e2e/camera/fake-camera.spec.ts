// The pipeline the door's e2e tests rely on: a QR PNG made here → a .y4m video → Chromium's fake
// webcam → the door's camera loop (VideoFrames at the camera's resolution to zxing-wasm in a worker)
// → the exact text on screen, decoded at 640×480 although the preview shows it 320 px wide.
import { chromium, expect, test } from '@playwright/test';
import { mkdtempSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { CONTENT_SECURITY_POLICY } from '../../shared/kiosk/content-security-policy';
import { signedTicketText } from '../../bench/camera-decoding/frames';
import { startPageServer } from '../../bench/camera-decoding/page-server';
import { CAMERA_PAGE } from '../../bench/camera-decoding/page/paths';
import { seededRng } from '../../bench/camera-decoding/rng';
import { pngToY4m } from './y4m';

function y4mHeader(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(64);
    readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.toString('latin1').split('\n')[0] ?? '';
  } finally {
    closeSync(fd);
  }
}

test("the door decoder reads a ticket QR from a fake camera at the camera's resolution", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quiosco-fake-camera-'));
  const text = signedTicketText(seededRng(7));
  const png = path.join(dir, 'ticket.png');
  const video = path.join(dir, 'ticket.y4m');
  await QRCode.toFile(png, text, { errorCorrectionLevel: 'M', margin: 4, width: 400 });
  await pngToY4m(png, video);
  expect(y4mHeader(video)).toMatch(/^YUV4MPEG2 W640 H480 /);

  const server = await startPageServer({ contentSecurityPolicy: CONTENT_SECURITY_POLICY });
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
  const elsewhere: string[] = [];
  try {
    const context = await browser.newContext();
    // Everything the page and its worker load must come from our 127.0.0.1 server (no CDN wasm).
    await context.route(
      (url) => url.origin !== server.origin,
      (route) => {
        elsewhere.push(route.request().url());
        return route.abort();
      },
    );
    const page = await context.newPage();
    const blockedByPolicy: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) blockedByPolicy.push(message.text());
    });
    await page.goto(server.origin + CAMERA_PAGE);

    const result = page.locator('#result');
    await expect(result).toHaveText(text, { timeout: 30_000 });
    await expect(result).toHaveAttribute('data-size', '640x480');
    await expect(page.locator('#status')).toHaveText('stopped');
    expect(elsewhere).toEqual([]);
    expect(blockedByPolicy).toEqual([]);
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
