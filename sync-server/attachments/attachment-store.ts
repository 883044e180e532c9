// Photos of field records: their rows (attachments: size, received, complete) in the database, their
// bytes where photoStorage keeps them. An upload appends bytes at the server's `received` offset,
// the bytes and the new offset in one transaction; the last bytes are verified against the name
// before the photo counts as stored. docs/sync-protocol.md#attachments.
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { AttachmentState } from '../../shared/sync/protocol';
import type { Database } from '../db/schema';
import type { ServerDb } from '../db/server-database';
import { SyncError } from '../sync-error';
import { AttachmentCheck, mimeOf, type AttachmentProblem } from './attachment-check';
import { photoStorage, type PhotoStorage, type Staged } from './photo-storage';

export type { AttachmentState };
type AttachmentRow = Database['attachments'];

const stateOf = (name: string, row: AttachmentRow | undefined): AttachmentState => ({
  name,
  received: row?.received ?? 0,
  size: row?.size ?? null,
  complete: row?.complete_at !== null && row?.complete_at !== undefined,
});

/** Whether a stored revision of one of these events names the attachment. */
export async function namedByRecordOf(
  db: Kysely<Database>,
  name: string,
  eventIds: Iterable<string>,
): Promise<boolean> {
  return (await namedByRecordsOf(db, [name], eventIds)).has(name);
}

/** Which of these attachments a stored revision of one of these events names. */
export async function namedByRecordsOf(
  db: Kysely<Database>,
  names: readonly string[],
  eventIds: Iterable<string>,
): Promise<Set<string>> {
  const events = [...eventIds];
  if (events.length === 0 || names.length === 0) return new Set();
  const rows = await db
    .selectFrom('record_attachments')
    .innerJoin('submissions', 'submissions.id', 'record_attachments.submission_id')
    .select('record_attachments.name')
    .distinct()
    .where('record_attachments.name', 'in', names)
    .where('submissions.event_id', 'in', events)
    .execute();
  return new Set(rows.map((r) => r.name));
}

export async function attachmentState(db: Kysely<Database>, name: string): Promise<AttachmentState> {
  return (await attachmentStates(db, [name]))[0] ?? stateOf(name, undefined);
}

/** The state of each of these attachments, in their order. */
export async function attachmentStates(
  db: Kysely<Database>,
  names: readonly string[],
): Promise<AttachmentState[]> {
  if (names.length === 0) return [];
  const rows = await db.selectFrom('attachments').selectAll().where('name', 'in', names).execute();
  const byName = new Map(rows.map((row) => [row.name, row]));
  return names.map((name) => stateOf(name, byName.get(name)));
}

/**
 * Stores one chunk at `offset` of an attachment of `size` bytes and answers how far the copy got.
 * A complete attachment answers its state and stores nothing. A chunk that does not start at the
 * server's `received` (a retry of a stored chunk included) is 409 offset_mismatch with `received`.
 * The last chunk is verified: a copy that is not what its name says is deleted, then refused.
 * `hashed`: `bytes` already fed to a check as they arrived, so a whole photo (offset 0) is not
 * hashed again while the transaction holds the write lock.
 */
export async function appendChunk(
  s: ServerDb,
  name: string,
  at: { offset: number; size: number },
  bytes: Buffer,
  now: Date,
  hashed?: AttachmentCheck,
): Promise<AttachmentState> {
  const storage = photoStorage(s);
  const staged = await storage.stage(at.offset, bytes);
  try {
    return await appendIn(s, storage, name, at, bytes, now, hashed, staged);
  } finally {
    if (staged !== undefined) await rm(staged.file, { force: true });
  }
}

async function appendIn(
  s: ServerDb,
  storage: PhotoStorage,
  name: string,
  at: { offset: number; size: number },
  bytes: Buffer,
  now: Date,
  hashed: AttachmentCheck | undefined,
  staged: Staged | undefined,
): Promise<AttachmentState> {
  type Refusal = AttachmentProblem | Lost;
  const outcome = await s.transaction(async (trx): Promise<AttachmentState | Refusal> => {
    const lock = async () => {
      let query = trx.selectFrom('attachments').selectAll().where('name', '=', name);
      // Two server processes taking chunks of one photo at once: one waits for the other's commit.
      if (s.kind === 'postgres') query = query.forUpdate();
      return query.executeTakeFirst();
    };
    let row = await lock();
    if (row === undefined && at.offset === 0) {
      await trx
        .insertInto('attachments')
        .values({
          name,
          mime: mimeOf(name),
          size: at.size,
          received: 0,
          created_at: now.toISOString(),
          complete_at: null,
        })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      row = await lock();
    }
    if (row?.complete_at !== null && row?.complete_at !== undefined) return stateOf(name, row);
    const received = row?.received ?? 0;
    if (row !== undefined && received > 0 && (await storage.held(trx, name, received)) < received) {
      // The stored bytes are gone (a part file lost after a crash, or kept by an older server):
      // the copy starts again from 0.
      await forget(trx, storage, name);
      return lost(name, received);
    }
    if (row === undefined || at.offset !== received) {
      throw new SyncError(
        'offset_mismatch',
        `The server holds ${received} bytes of ${name}: send the chunk that starts at offset ${received}`,
        { received, field: 'offset' },
      );
    }
    if (at.size !== row.size) {
      throw new SyncError(
        'invalid_input',
        `size: ${name} was announced as ${row.size} bytes, not ${at.size}`,
        {
          field: 'size',
        },
      );
    }
    const end = at.offset + bytes.length;
    if (end > row.size) {
      throw new SyncError(
        'invalid_input',
        `body: the chunk ends at byte ${end}, past the announced size ${row.size}`,
        { field: 'body' },
      );
    }
    if (end === row.size) {
      // Verified before the last chunk is written: the earlier chunks are read back, this one is not.
      const problem =
        at.offset === 0 && hashed !== undefined
          ? hashed.problem()
          : await check(storage.partial(trx, name, at.offset), name, bytes);
      if (problem !== undefined) {
        // Kept out of the copy for good (committed), then refused: the kiosk starts again from 0.
        await forget(trx, storage, name);
        return problem;
      }
    }
    await storage.append(trx, name, at.offset, bytes, end === row.size, staged);
    const complete_at = end === row.size ? now.toISOString() : null;
    await trx
      .updateTable('attachments')
      .set({ received: end, complete_at })
      .where('name', '=', name)
      .execute();
    return stateOf(name, { ...row, received: end, complete_at });
  });
  if ('code' in outcome) throw new SyncError(outcome.code, outcome.message, { received: 0 });
  return outcome;
}

async function forget(trx: Kysely<Database>, storage: PhotoStorage, name: string): Promise<void> {
  await storage.discard(trx, name);
  await trx.deleteFrom('attachments').where('name', '=', name).execute();
}

type Lost = { code: 'offset_mismatch'; message: string };

const lost = (name: string, received: number): Lost => ({
  code: 'offset_mismatch',
  message: `The server lost the ${received} bytes it held of ${name}: send it again from offset 0`,
});

/** A complete photo's bytes, streamed a piece at a time (a photo may be MAX_ATTACHMENT_BYTES). */
export function attachmentBytes(s: ServerDb, name: string): Readable {
  return photoStorage(s).complete(s.db, name);
}

/** The stored bytes, then `last`, checked against the name. */
async function check(
  stored: AsyncIterable<Buffer>,
  name: string,
  last: Buffer,
): Promise<AttachmentProblem | undefined> {
  const verify = new AttachmentCheck(name);
  for await (const bytes of stored) verify.update(bytes);
  verify.update(last);
  return verify.problem();
}
