// The web kiosk entry point sets a private umask, so what the core writes later (photos in
// media/, their directory) is owner-only too; modes read back from disk under a loose umask.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { initTestKiosk, makeTempDir, TEST_PIN } from '../electron/core/testing/kiosk-fixtures';
import { testJpeg } from '../electron/core/testing/field-fixtures';
import { openWebKiosk } from './web-kiosk';

const mode = (path: string) => statSync(path).mode & 0o777;

let dirs: ReturnType<typeof makeTempDir>[];
let umaskBefore: number;
beforeEach(() => {
  umaskBefore = process.umask(0o022);
  dirs = [makeTempDir(), makeTempDir()];
});
afterEach(() => {
  process.umask(umaskBefore);
  for (const d of dirs) d.remove();
});

it('a photo saved through the web kiosk is 0600 in a 0700 media directory', async () => {
  const [data, renderer] = dirs.map((d) => d.path) as [string, string];
  await initTestKiosk(data);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Quiosco</title>');
  const web = await openWebKiosk({ dataDir: data, port: 0, rendererDir: renderer });
  try {
    const call = async (channel: string, input: unknown) => {
      const response = await fetch(new URL(`api/${channel}`, web.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await response.json()) as { ok: boolean; value: Record<string, string> };
    };
    const { token } = (await call('staff:unlock', { pin: TEST_PIN })).value;
    const saved = await call('attachment:save', {
      token,
      mime: 'image/jpeg',
      base64: testJpeg('modes').toString('base64'),
    });
    expect(saved.ok).toBe(true);
    const media = join(data, 'media');
    expect(readdirSync(media)).toEqual([saved.value.name]);
    expect(mode(media)).toBe(0o700);
    expect(mode(join(media, saved.value.name ?? ''))).toBe(0o600);
  } finally {
    await web.close();
  }
});
