// Chromium with a fake webcam, for the specs that scan or photograph: a .y4m video as the camera,
// no camera at all, or a camera the browser refuses to the page.
import { chromium, type Browser } from '@playwright/test';

export type FakeCamera =
  /** The video plays as the webcam, and the page may use it without a prompt. */
  | { video: string }
  /** The machine has no camera: none is listed. */
  | 'none'
  /** There is a camera, but the page is refused it as if the visitor had said no. */
  | { video: string; denied: true };

export function launchWithCamera(camera: FakeCamera): Promise<Browser> {
  const base = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];
  const device =
    camera === 'none'
      ? ['--use-fake-device-for-media-stream=device-count=0']
      : [
          '--use-fake-device-for-media-stream',
          `--use-file-for-fake-video-capture=${camera.video}`,
          'denied' in camera ? '--deny-permission-prompts' : '--use-fake-ui-for-media-stream',
        ];
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...base, ...device],
  });
}
