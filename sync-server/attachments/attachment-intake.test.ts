// One upload's body as the server reads it (SQLite and PostgreSQL): committed slice by slice, the
// part that arrived before a cut kept, a body past its size refused with nothing of it kept, and
// a status that waits for an upload still being received.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openServerDatabase, type ServerDb } from '../db/server-database';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../testing/test-server';
import { receiveUpload, UploadsInFlight } from './attachment-intake';
import { attachmentState } from './attachment-store';
import { chunkRows, storedPhotoBytes } from '../testing/stored-photo';

const fakeJpeg = (size: number): Buffer =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 6), Buffer.from([0xff, 0xd9])]);
const nameOf = (bytes: Buffer) => `${createHash('sha256').update(bytes).digest('hex')}.jpg`;
const now = () => new Date('2026-11-20T10:00:00Z');

/** `bytes` in pieces of `piece` bytes, then `end` (a cut throws as the socket's error would). */
async function* body(bytes: Buffer, piece: number, end?: Error): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += piece) yield bytes.subarray(at, at + piece);
  if (end !== undefined) throw end;
}

describe.each(DB_KINDS)('receiving an upload on %s', (kind) => {
  let database: TestDatabase;
  let s: ServerDb;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    s = await openServerDatabase(database.config);
  });
  afterAll(async () => {
    await s?.close();
    await database?.drop();
  });

  const stored = (name: string) => storedPhotoBytes(s, name);

  it('commits a body in slices and verifies the photo across them', async () => {
    const bytes = fakeJpeg(10_000);
    const name = nameOf(bytes);
    const state = await receiveUpload(
      s,
      name,
      { offset: 0, size: bytes.length },
      body(bytes, 1000),
      now,
      4000,
    );
    expect(state).toEqual({ name, received: bytes.length, size: bytes.length, complete: true });
    // PostgreSQL keeps each slice as a row; SQLite keeps the bytes in a file, no row.
    expect(await chunkRows(s, name)).toBe(kind === 'postgres' ? 3 : 0);
    expect((await stored(name)).equals(bytes)).toBe(true);
  });

  it('keeps what arrived before a cut, and takes the rest from there', async () => {
    const bytes = fakeJpeg(10_000);
    const name = nameOf(bytes);
    const cut = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    const first = receiveUpload(
      s,
      name,
      { offset: 0, size: bytes.length },
      body(bytes.subarray(0, 6500), 1000, cut),
      now,
      4000,
    );
    await expect(first).rejects.toBe(cut);
    expect(await attachmentState(s.db, name)).toEqual({
      name,
      received: 6500,
      size: bytes.length,
      complete: false,
    });
    expect((await stored(name)).equals(bytes.subarray(0, 6500))).toBe(true);
    const rest = await receiveUpload(
      s,
      name,
      { offset: 6500, size: bytes.length },
      body(bytes.subarray(6500), 1000),
      now,
    );
    expect(rest.complete).toBe(true);
    expect((await stored(name)).equals(bytes)).toBe(true);
  });

  it('refuses a body that runs past its size as it arrives, keeping nothing of it', async () => {
    const bytes = fakeJpeg(3000);
    const name = nameOf(bytes);
    const past = receiveUpload(s, name, { offset: 0, size: 2000 }, body(bytes, 1000), now);
    await expect(past).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'body: the chunk ends at byte 3000, past the announced size 2000',
      extra: { field: 'body' },
    });
    expect(await attachmentState(s.db, name)).toEqual({ name, received: 0, size: null, complete: false });
    expect((await stored(name)).length).toBe(0);
  });

  it('answers a status only once an upload of that photo this process is receiving has ended', async () => {
    const inFlight = new UploadsInFlight();
    const bytes = fakeJpeg(5000);
    const name = nameOf(bytes);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    async function* held(): AsyncGenerator<Buffer> {
      yield bytes.subarray(0, 2000);
      await gate;
      throw new Error('aborted');
    }
    const upload = inFlight.track(
      name,
      receiveUpload(s, name, { offset: 0, size: bytes.length }, held(), now),
    );
    const order: string[] = [];
    const status = inFlight.settled([name, 'other.jpg']).then(() => order.push('status'));
    await Promise.resolve();
    order.push('cut');
    release();
    await expect(upload).rejects.toThrow('aborted');
    await status;
    expect(order).toEqual(['cut', 'status']);
    expect((await attachmentState(s.db, name)).received).toBe(2000);
    // Nothing in flight: no wait at all.
    await inFlight.settled([name]);
  });
});
