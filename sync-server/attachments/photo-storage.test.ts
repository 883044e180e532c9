// Photo files on SQLite: a photo's bytes are one file beside server.db and none in the database,
// a copy from 0 staged before the write lock and no staged file left behind;
// a part file lost after a crash sends the kiosk back to offset 0 with nothing stale kept; a
// photo an older server kept in attachment_chunks is still served.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerDatabase, type ServerDb } from '../db/server-database';
import { createTestDatabase, type TestDatabase } from '../testing/test-server';
import { chunkRows, storedPhotoBytes } from '../testing/stored-photo';
import { appendChunk, attachmentState } from './attachment-store';
import { PHOTOS_FOLDER } from './photo-storage';

const fakeJpeg = (size: number): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 6), Buffer.from([0xff, 0xd9])]);
const nameOf = (bytes: Buffer) => `${createHash('sha256').update(bytes).digest('hex')}.jpg`;
const now = new Date('2026-11-20T10:00:00Z');

describe('photo files on SQLite', () => {
  let database: TestDatabase;
  let s: ServerDb;
  let photos: string;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    s = await openServerDatabase(database.config);
    photos = join(s.dataDir ?? '', PHOTOS_FOLDER);
  });
  afterAll(async () => {
    await s?.close();
    await database?.drop();
  });

  it('keeps a photo as one file named by its hash, nothing of it in the database, no part file left', async () => {
    const bytes = fakeJpeg(10_000);
    const name = nameOf(bytes);
    await appendChunk(s, name, { offset: 0, size: bytes.length }, bytes.subarray(0, 4000), now);
    expect(readFileSync(join(photos, `.${name}.part`)).equals(bytes.subarray(0, 4000))).toBe(true);
    await appendChunk(s, name, { offset: 4000, size: bytes.length }, bytes.subarray(4000), now);
    expect(readFileSync(join(photos, name)).equals(bytes)).toBe(true);
    expect(readdirSync(photos).filter((f) => f.includes(name))).toEqual([name]);
    expect(await chunkRows(s, name)).toBe(0);
  });

  it('writes a copy that starts at 0 before taking the write lock, leaving no staged file, taken or refused', async () => {
    const bytes = fakeJpeg(5000);
    const wrong = Buffer.from(bytes);
    wrong[100] = (wrong[100] ?? 0) ^ 0xff;
    const name = nameOf(bytes);
    await expect(appendChunk(s, name, { offset: 0, size: bytes.length }, wrong, now)).rejects.toMatchObject({
      code: 'hash_mismatch',
    });
    expect(existsSync(join(photos, name))).toBe(false);
    expect((await appendChunk(s, name, { offset: 0, size: bytes.length }, bytes, now)).complete).toBe(true);
    expect(readFileSync(join(photos, name)).equals(bytes)).toBe(true);
    expect(readdirSync(photos).filter((f) => f.endsWith('.tmp') || f.endsWith('.part'))).toEqual([]);
  });

  it('sends the kiosk back to 0 when the part file it counted is gone, keeping nothing stale', async () => {
    const bytes = fakeJpeg(10_000);
    const name = nameOf(bytes);
    await appendChunk(s, name, { offset: 0, size: bytes.length }, bytes.subarray(0, 6000), now);
    rmSync(join(photos, `.${name}.part`));
    await expect(
      appendChunk(s, name, { offset: 6000, size: bytes.length }, bytes.subarray(6000), now),
    ).rejects.toMatchObject({
      code: 'offset_mismatch',
      message: `The server lost the 6000 bytes it held of ${name}: send it again from offset 0`,
      extra: { received: 0 },
    });
    expect(await attachmentState(s.db, name)).toEqual({ name, received: 0, size: null, complete: false });
    expect(existsSync(join(photos, name))).toBe(false);
    const state = await appendChunk(s, name, { offset: 0, size: bytes.length }, bytes, now);
    expect(state.complete).toBe(true);
    expect((await storedPhotoBytes(s, name)).equals(bytes)).toBe(true);
  });

  it('serves a photo an older server kept in attachment_chunks', async () => {
    const bytes = fakeJpeg(3000);
    const name = nameOf(bytes);
    await s.db
      .insertInto('attachments')
      .values({
        name,
        mime: 'image/jpeg',
        size: bytes.length,
        received: bytes.length,
        created_at: now.toISOString(),
        complete_at: now.toISOString(),
      })
      .execute();
    await s.db
      .insertInto('attachment_chunks')
      .values([
        { name, idx: 0, data: bytes.subarray(0, 1000) },
        { name, idx: 1, data: bytes.subarray(1000) },
      ])
      .execute();
    expect((await storedPhotoBytes(s, name)).equals(bytes)).toBe(true);
  });
});
