// Door camera shots that the door's decoder once missed (hard-shots.ts), each played by Chromium's
// fake webcam through the door's camera loop under the kiosk's CSP: the exact ticket text must come
// out. Generous time, no fixed waits: a loaded machine only makes it slower.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../shared/kiosk/content-security-policy';
import { startPageServer } from '../../bench/camera-decoding/page-server';
import { CAMERA_PAGE } from '../../bench/camera-decoding/page/paths';
import { launchWithCamera } from './fake-camera-browser';
import { FRAME, HARD_SHOTS, type HardShot, hardShotY4m, signedTicket } from './hard-shots';

for (const shot of Object.keys(HARD_SHOTS) as HardShot[]) {
  test(`the door decoder reads a signed ticket from a hard camera shot: ${shot}`, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'quiosco-hard-shot-'));
    const text = await signedTicket();
    const video = path.join(dir, `${shot}.y4m`);
    await hardShotY4m(text, shot, path.join(dir, 'ticket.png'), video);

    const server = await startPageServer({ contentSecurityPolicy: CONTENT_SECURITY_POLICY });
    const browser = await launchWithCamera({ video });
    try {
      const page = await browser.newPage();
      await page.goto(server.origin + CAMERA_PAGE);
      const result = page.locator('#result');
      await expect(result).toHaveText(text, { timeout: 60_000 });
      await expect(result).toHaveAttribute('data-size', `${FRAME.width}x${FRAME.height}`);
      test
        .info()
        .annotations.push({ type: 'frames', description: (await result.getAttribute('data-frames')) ?? '' });
    } finally {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
