// Photos, recordings and documents through attachment:save and attachment:get on a real kiosk:
// stored whole, by hash, once; anything that is not a whole file of the type it claims, or over
// that type's limit, refused with its reason and nothing written.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatOfMime, type AttachmentMime } from '../../../shared/sync/attachment-formats';
import { HAND_MADE_PDF, recording, WINDOWS_PROGRAM } from '../../../shared/sync/node/media-fixtures';
import { MAX_ATTACHMENT_IPC_BYTES } from '../../../shared/ipc/field-contract';
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

/** A photo's own limit, below the largest attachment's (a recording's). */
const PHOTO_LIMIT = formatOfMime('image/jpeg').maxBytes;
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

  it('a 50 MB image (larger than a photo may be), as a download would bring it', async () => {
    await open();
    const big = bigJpeg(50 * 1024 * 1024);
    expect(() => storeAttachment(db, big, 'image/jpeg', clock)).toThrow(
      `The photo is ${big.length} bytes; a photo may have at most ${PHOTO_LIMIT} bytes (20 MiB)`,
    );
    expect(media()).toEqual([]);
    expect(rows()).toEqual([]);
  });

  it('the largest photo allowed is stored whole', async () => {
    await open();
    const largest = bigJpeg(PHOTO_LIMIT);
    const stored = storeAttachment(db, largest, 'image/jpeg', clock);
    expect(stored.size).toBe(PHOTO_LIMIT);
    const onDisk = readFileSync(join(mediaDir(db), stored.name));
    expect(`${createHash('sha256').update(onDisk).digest('hex')}.jpg`).toBe(stored.name);
  });

  it('base64 larger than the IPC limit is refused by the contract', async () => {
    const { token } = await open();
    const result = await core.call('attachment:save', {
      token,
      mime: 'image/jpeg',
      base64: bigJpeg(MAX_ATTACHMENT_IPC_BYTES + 3).toString('base64'),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(media()).toEqual([]);
  });
});

describe('recordings and documents', () => {
  it('stores a WebM sound recording, a PDF and a CSV by hash, without dimensions', async () => {
    const { call } = await open();
    const tone = recording('tone.webm');
    const csv = Buffer.from('nombre,municipio\nMaría,Actopan\n');
    for (const [bytes, mime, extension] of [
      [tone, 'audio/webm', 'weba'],
      [HAND_MADE_PDF, 'application/pdf', 'pdf'],
      [csv, 'text/csv', 'csv'],
    ] as const) {
      const saved = await call('attachment:save', { mime, base64: bytes.toString('base64') });
      const name = attachmentName(bytes, extension);
      expect(saved).toEqual({ name, size: bytes.length, width: null, height: null });
      expect(readFileSync(join(mediaDir(db), name))).toEqual(bytes);
      expect(await call('attachment:get', { name })).toEqual({
        name,
        mime,
        base64: bytes.toString('base64'),
      });
    }
    expect(rows()).toHaveLength(3);
  });

  const tone = () => recording('tone.webm');
  const refusals: [string, () => Buffer, AttachmentMime, string][] = [
    [
      'a Windows program renamed to claim audio/webm',
      () => WINDOWS_PROGRAM,
      'audio/webm',
      'The sound recording is not a whole audio/webm file: not a WebM file',
    ],
    [
      'a recording cut short',
      () => tone().subarray(0, tone().length - 100),
      'audio/webm',
      'The sound recording is not a whole audio/webm file: the WebM file is cut short',
    ],
    [
      'a WebM claimed as a PDF',
      tone,
      'application/pdf',
      'The file is not a whole application/pdf file: not a PDF document',
    ],
    [
      'a program claimed as text',
      () => WINDOWS_PROGRAM,
      'text/plain',
      'The file is not a whole text/plain file: not plain text (it is not UTF-8)',
    ],
    [
      'a document over its 20 MiB',
      () => Buffer.concat([HAND_MADE_PDF, Buffer.alloc(20 * 1024 * 1024)]),
      'application/pdf',
      `The file is ${HAND_MADE_PDF.length + 20 * 1024 * 1024} bytes; a file may have at most ${20 * 1024 * 1024} bytes (20 MiB)`,
    ],
  ];
  it.each(refusals)('%s is refused, nothing written', async (_label, bytes, mime, message) => {
    const { token } = await open();
    const result = await core.call('attachment:save', { token, mime, base64: bytes().toString('base64') });
    expect(result).toEqual({ ok: false, error: { code: 'attachment_invalid', message } });
    expect(media()).toEqual([]);
    expect(rows()).toEqual([]);
  });

  it('a recording over 50 MiB is refused, nothing written', async () => {
    await open();
    const long = Buffer.concat([tone(), Buffer.alloc(50 * 1024 * 1024)]);
    expect(() => storeAttachment(db, long, 'video/webm', clock)).toThrow(
      `The video is ${long.length} bytes; a video may have at most ${50 * 1024 * 1024} bytes (50 MiB)`,
    );
    expect(media()).toEqual([]);
    expect(rows()).toEqual([]);
  });
});
