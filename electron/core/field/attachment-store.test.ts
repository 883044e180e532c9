// Photos through attachment:save and attachment:get on a real kiosk: stored whole, by hash, once;
// anything that is not a whole JPEG or PNG refused with its reason and nothing written.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/sync/protocol';
import { openKioskDatabase } from '../db/kiosk-database';
import type { KioskDb } from '../db/migrate';
import type { KioskCore } from '../kiosk-core';
import { attachmentName, bigJpeg, PNG, staffCaller, testJpeg } from '../testing/field-fixtures';
import { makeTempDir, openTestKiosk } from '../testing/kiosk-fixtures';
import { mediaDir, storeAttachment } from './attachment-store';

let dir: ReturnType<typeof makeTempDir>;
let core: KioskCore;
let db: KioskDb;
const clock = new Date('2026-11-20T18:00:00.000Z');
afterEach(() => {
  db.close();
  core.close();
  dir.remove();
});

async function open() {
  dir = makeTempDir();
  core = await openTestKiosk(dir.path, { now: () => clock });
  db = openKioskDatabase(dir.path);
  return staffCaller(core);
}

const media = () => (existsSync(mediaDir(db)) ? readdirSync(mediaDir(db)).sort() : []);
const rows = () =>
  db.prepare('SELECT name, mime, size, width, height, created_at, uploaded_at FROM attachments').all();

describe('attachment:save', () => {
  it('stores a JPEG under its SHA-256, fsynced file and row, and gives it back', async () => {
    const { call } = await open();
    const photo = testJpeg(1);
    const saved = await call('attachment:save', { mime: 'image/jpeg', base64: photo.toString('base64') });
    const name = attachmentName(photo);
    expect(saved).toEqual({ name, size: photo.length, width: 4, height: 2 });
    expect(media()).toEqual([name]);
    expect(readFileSync(join(mediaDir(db), name))).toEqual(photo);
    expect(rows()).toEqual([
      {
        name,
        mime: 'image/jpeg',
        size: photo.length,
        width: 4,
        height: 2,
        created_at: clock.toISOString(),
        uploaded_at: null,
      },
    ]);
    expect(await call('attachment:get', { name })).toEqual({
      name,
      mime: 'image/jpeg',
      base64: photo.toString('base64'),
    });
  });

  it('stores a PNG with its dimensions, and the same bytes twice as one photo', async () => {
    const { call } = await open();
    const input = { mime: 'image/png' as const, base64: PNG.toString('base64') };
    const first = await call('attachment:save', input);
    expect(await call('attachment:save', input)).toEqual(first);
    expect(first).toEqual({ name: attachmentName(PNG, 'png'), size: PNG.length, width: 4, height: 2 });
    expect(media()).toEqual([first.name]);
    expect(rows()).toHaveLength(1);
  });

  it('attachment:get of a photo this kiosk lacks → not_found', async () => {
    const { token } = await open();
    const name = attachmentName(testJpeg('elsewhere'));
    expect(await core.call('attachment:get', { token, name })).toEqual({
      ok: false,
      error: { code: 'not_found', message: `This kiosk holds no photo ${name}` },
    });
  });

  it('needs a staff session', async () => {
    await open();
    const result = await core.call('attachment:save', {
      token: 'x'.repeat(32),
      mime: 'image/jpeg',
      base64: testJpeg().toString('base64'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'staff_only' } });
    expect(media()).toEqual([]);
  });
});

describe('bad photos are refused with the reason, and nothing is written', () => {
  const jpeg = testJpeg('bad');
  const cases: [string, Buffer, 'image/jpeg' | 'image/png', string][] = [
    [
      'a text file',
      Buffer.from('hola, esto no es una foto\n'),
      'image/jpeg',
      'The photo is not a whole image/jpeg image: not a JPEG image',
    ],
    [
      'a PNG sent as a JPEG',
      PNG,
      'image/jpeg',
      'The photo is not a whole image/jpeg image: not a JPEG image',
    ],
    [
      'a truncated JPEG',
      jpeg.subarray(0, jpeg.length - 40),
      'image/jpeg',
      'The photo is not a whole image/jpeg image: the JPEG image is cut short (no end-of-image marker)',
    ],
    [
      'a PNG without IEND',
      PNG.subarray(0, PNG.length - 12),
      'image/png',
      'The photo is not a whole image/png image: the PNG image is cut short (no IEND at the end)',
    ],
    ['an empty file', Buffer.alloc(0), 'image/png', 'The photo is empty'],
  ];
  it.each(cases)('%s', async (_label, bytes, mime, message) => {
    const { token } = await open();
    const result = await core.call('attachment:save', { token, mime, base64: bytes.toString('base64') });
    expect(result).toEqual({ ok: false, error: { code: 'attachment_invalid', message } });
    expect(media()).toEqual([]);
    expect(rows()).toEqual([]);
  });

  it('a 50 MB image (larger than MAX_ATTACHMENT_BYTES), as a download would bring it', async () => {
    await open();
    const big = bigJpeg(50 * 1024 * 1024);
    expect(() => storeAttachment(db, big, 'image/jpeg', clock)).toThrow(
      `The photo is ${big.length} bytes; a photo may have at most ${MAX_ATTACHMENT_BYTES} bytes`,
    );
    expect(media()).toEqual([]);
    expect(rows()).toEqual([]);
  });

  it('the largest photo allowed is stored whole', async () => {
    await open();
    const largest = bigJpeg(MAX_ATTACHMENT_BYTES);
    const stored = storeAttachment(db, largest, 'image/jpeg', clock);
    expect(stored.size).toBe(MAX_ATTACHMENT_BYTES);
    const onDisk = readFileSync(join(mediaDir(db), stored.name));
    expect(`${createHash('sha256').update(onDisk).digest('hex')}.jpg`).toBe(stored.name);
  });

  it('base64 larger than the IPC limit is refused by the contract', async () => {
    const { token } = await open();
    const result = await core.call('attachment:save', {
      token,
      mime: 'image/jpeg',
      base64: bigJpeg(13 * 1024 * 1024).toString('base64'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(media()).toEqual([]);
  });
});
