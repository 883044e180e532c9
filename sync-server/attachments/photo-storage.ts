// Where a photo's bytes live, behind one interface for uploads, downloads, exports and backups.
// PostgreSQL: in the database (attachment_chunks), so every server process on one PostgreSQL takes
// any upload and serves any photo. SQLite (one server process): files beside server.db in
// photos/, named by their hash, so each byte is written once (a database writes it to its log,
// then again at the checkpoint). docs/field-records.md#storage says why and what it costs.
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { fsyncDirectory } from '../../shared/sync/node/fsync-directory';
import { TEMP_SUFFIX } from '../../shared/sync/node/write-durably';
import type { Database } from '../db/schema';
import type { ServerDb } from '../db/server-database';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../private-files';

/** The folder of photo files in an SQLite server's data directory. */
export const PHOTOS_FOLDER = 'photos';

/** Bytes read at a time from a photo file. */
const READ_BYTES = 1024 * 1024;

/** Bytes written and fsynced to a file of their own before the transaction that takes them. */
export type Staged = { file: string };

/**
 * Every method that changes stored bytes runs inside the transaction that records the
 * attachment's new `received`, so the row never counts bytes that are not durably stored.
 */
export type PhotoStorage = {
  /**
   * Before the transaction: bytes that start a copy (offset 0) written and fsynced to a file of
   * their own, so the transaction, which holds the write lock, only renames it and uploads write
   * at the same time; undefined where nothing is staged. The caller removes the file afterwards.
   */
  stage(offset: number, bytes: Buffer): Promise<Staged | undefined>;
  /** How many bytes of the incomplete copy are stored; less than `received` when they were lost. */
  held(trx: Kysely<Database>, name: string, received: number): Promise<number>;
  /** Stores `bytes` at `offset` durably; `complete`: they end the photo, already verified. */
  append(
    trx: Kysely<Database>,
    name: string,
    offset: number,
    bytes: Buffer,
    complete: boolean,
    staged: Staged | undefined,
  ): Promise<void>;
  /** The first `length` bytes of the incomplete copy. */
  partial(trx: Kysely<Database>, name: string, length: number): AsyncGenerator<Buffer>;
  /** A complete photo's bytes, as a stream (an HTTP reply sends it as it is). */
  complete(db: Kysely<Database>, name: string): Readable;
  /** Drops whatever is stored of an incomplete copy. */
  discard(trx: Kysely<Database>, name: string): Promise<void>;
};

const storages = new WeakMap<ServerDb, PhotoStorage>();

export function photoStorage(s: ServerDb): PhotoStorage {
  let storage = storages.get(s);
  if (storage === undefined) {
    storage = s.dataDir === undefined ? DATABASE_CHUNKS : photoFiles(join(s.dataDir, PHOTOS_FOLDER));
    storages.set(s, storage);
  }
  return storage;
}

/** The stored chunks in order, one row at a time: a photo may be MAX_ATTACHMENT_BYTES. */
async function* chunksOf(db: Kysely<Database>, name: string): AsyncGenerator<Buffer> {
  // The list first, so the stream ends with its last chunk, not one query later.
  const chunks = await db
    .selectFrom('attachment_chunks')
    .select('idx')
    .where('name', '=', name)
    .orderBy('idx')
    .execute();
  for (const { idx } of chunks) {
    const chunk = await db
      .selectFrom('attachment_chunks')
      .select('data')
      .where('name', '=', name)
      .where('idx', '=', idx)
      .executeTakeFirstOrThrow();
    yield chunk.data;
  }
}

const deleteChunks = async (trx: Kysely<Database>, name: string): Promise<void> => {
  await trx.deleteFrom('attachment_chunks').where('name', '=', name).execute();
};

/** One attachment_chunks row per stored slice, the photo being their concatenation in order. */
const DATABASE_CHUNKS: PhotoStorage = {
  stage: async () => undefined,
  // The rows commit with `received`: they cannot fall behind it.
  held: async (_trx, _name, received) => received,
  async append(trx, name, _offset, bytes) {
    const last = await trx
      .selectFrom('attachment_chunks')
      .select((eb) => eb.fn.max('idx').as('idx'))
      .where('name', '=', name)
      .executeTakeFirst();
    const idx = last?.idx === null || last?.idx === undefined ? 0 : Number(last.idx) + 1;
    await trx.insertInto('attachment_chunks').values({ name, idx, data: bytes }).execute();
  },
  partial: (trx, name) => chunksOf(trx, name),
  complete: (db, name) => Readable.from(chunksOf(db, name)),
  discard: deleteChunks,
};

/**
 * `dir`/NAME for a complete photo (it exists only once verified and fsynced: a rename, then the
 * folder fsynced, before the row calls it complete); `dir`/.NAME.part for the copy being received.
 * A part file longer than `received` holds bytes of an append whose transaction did not commit:
 * the next append cuts it back first. Photos an older server kept in attachment_chunks (before
 * photo files, or put back by a restore) are read from there.
 */
export function photoFiles(dir: string): PhotoStorage {
  const partOf = (name: string) => join(dir, `.${name}.part`);
  let made = false;
  const makeDir = (): string => {
    if (!made) makePrivateDir(dir, false);
    made = true;
    return dir;
  };
  return {
    async held(_trx, name) {
      try {
        return (await stat(partOf(name))).size;
      } catch (e) {
        if (isMissing(e)) return 0;
        throw e;
      }
    },
    async stage(offset, bytes) {
      if (offset !== 0) return undefined;
      const staged = { file: join(makeDir(), `.${randomUUID()}${TEMP_SUFFIX}`) };
      await writeSynced(staged.file, 'wx', 0, bytes);
      return staged;
    },
    async append(_trx, name, offset, bytes, complete, staged) {
      const part = partOf(name);
      if (staged === undefined) await writeSynced(part, offset === 0 ? 'w' : 'r+', offset, bytes);
      const target = complete ? join(dir, name) : part;
      if (staged !== undefined || complete) {
        await rename(staged?.file ?? part, target);
        fsyncDirectory(makeDir());
      }
    },
    async *partial(_trx, name, length) {
      if (length === 0) return;
      const part = createReadStream(partOf(name), { end: length - 1, highWaterMark: READ_BYTES });
      for await (const piece of part) yield piece as Buffer;
    },
    complete(db, name) {
      const file = join(dir, name);
      if (existsSync(file)) return createReadStream(file, { highWaterMark: READ_BYTES });
      return Readable.from(keptByAnOlderServer(db, name, dir));
    },
    async discard(trx, name) {
      await rm(partOf(name), { force: true });
      await deleteChunks(trx, name);
    },
  };
}

/** `bytes` at `offset` of `file` (cut back there first: bytes past it were never counted), fsynced. */
async function writeSynced(
  file: string,
  flags: 'w' | 'wx' | 'r+',
  offset: number,
  bytes: Buffer,
): Promise<void> {
  const handle = await open(file, flags, PRIVATE_FILE_MODE);
  try {
    if (offset > 0) await handle.truncate(offset);
    for (let at = 0; at < bytes.length;) {
      const { bytesWritten } = await handle.write(bytes, at, bytes.length - at, offset + at);
      at += bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function* keptByAnOlderServer(db: Kysely<Database>, name: string, dir: string): AsyncGenerator<Buffer> {
  let found = false;
  for await (const chunk of chunksOf(db, name)) {
    found = true;
    yield chunk;
  }
  if (!found) throw new Error(`the bytes of ${name} are neither in ${dir} nor in the database`);
}

const isMissing = (e: unknown): boolean =>
  e instanceof Error && 'code' in e && (e as NodeJS.ErrnoException).code === 'ENOENT';
