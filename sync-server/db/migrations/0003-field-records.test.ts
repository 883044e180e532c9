// Migration 3 on a database that holds data from migration 2: every row kept (the pull log with
// its seqs), record ids backfilled, and the pull log accepting the records stream, and only it.
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { appendChanges } from '../../sync/change-log';
import { migratedFrom } from '../../testing/migrated-database';
import { DB_KINDS } from '../../testing/test-server';

describe.each(DB_KINDS)('migration 3 (field records) on %s', (kind) => {
  const submissionIds = [uuidv7(), uuidv7()];
  let changesBefore: { seq: number; kind: string; stream: string }[];

  const m = migratedFrom(kind, 3, async (old) => {
    // An event as schema 2 has it (today's createEvent writes columns it lacks).
    await sql`INSERT INTO events (id, name, created_at)
      VALUES ('feria', 'Feria', '2026-01-01T00:00:00.000Z')`.execute(old.db);
    // A device row as schema 2 has it (today's enrolment writes columns it lacks).
    const deviceId = uuidv7();
    await sql`INSERT INTO devices (id, name, event_id, offered_forms, token_hash, enrolled_at)
      VALUES (${deviceId}, 'K', 'feria', '[]', 'h', '2026-01-01T00:00:00.000Z')`.execute(old.db);
    await appendChanges(
      old.db,
      old.kind,
      [
        {
          kind: 'event',
          id: 'feria',
          payload: { id: 'feria', name: 'Feria' },
          scope: { eventId: 'feria' },
        },
        {
          kind: 'door_config',
          id: 'feria',
          payload: { eventId: 'feria', capacity: null, rules: { allowReentry: true, acceptPasses: false } },
          scope: { eventId: 'feria' },
        },
      ],
      new Date(),
    );
    for (const [i, id] of submissionIds.entries()) {
      await sql`INSERT INTO submissions (id, device_id, device_seq, event_id, form_id, form_version,
          complete, created_at, received_at, content_hash, payload)
        VALUES (${id}, ${deviceId}, ${i + 1}, 'feria', 'f', '1', 1, 'c', 'r', 'h', '{}')`.execute(old.db);
    }
    changesBefore = await sql<{ seq: number; kind: string; stream: string }>`
      SELECT seq, kind, stream FROM changes ORDER BY seq`
      .execute(old.db)
      .then((r) => r.rows.map((row) => ({ ...row, seq: Number(row.seq) })));
  });

  it('keeps every submission as the first and current revision of its own record', async () => {
    const rows = await m.s.db
      .selectFrom('submissions')
      .select(['id', 'record_id', 'revision', 'parents', 'edited_by', 'current', 'device_seq'])
      .orderBy('device_seq')
      .execute();
    expect(rows).toEqual(
      submissionIds.map((id, i) => ({
        id,
        record_id: id,
        revision: 1,
        parents: '[]',
        edited_by: null,
        current: 1,
        device_seq: i + 1,
      })),
    );
  });

  it('keeps the pull log with its seqs, goes on numbering after them, and accepts the records stream', async () => {
    expect(changesBefore.map((c) => c.stream)).toEqual(expect.arrayContaining(['kiosk', 'door']));
    const kept = await m.s.db
      .selectFrom('changes')
      .select(['seq', 'kind', 'stream'])
      .orderBy('seq')
      .execute();
    expect(kept).toEqual(changesBefore);
    const [seq] = await appendChanges(
      m.s.db,
      m.s.kind,
      [
        {
          kind: 'record',
          id: submissionIds[0] as string,
          payload: recordPayload(),
          scope: { eventId: 'feria' },
        },
      ],
      new Date(),
    );
    expect(seq).toBe((changesBefore.at(-1)?.seq ?? 0) + 1);
    const stream = await m.s.db
      .selectFrom('changes')
      .select('stream')
      .where('seq', '=', seq as number)
      .executeTakeFirst();
    expect(stream).toEqual({ stream: 'records' });
  });

  it('still refuses a stream that does not exist, and a row scoped to nobody', async () => {
    const insert = (stream: string, eventId: string | null) =>
      sql`INSERT INTO changes (kind, entity_id, event_id, device_id, payload, created_at, stream)
        VALUES ('event', 'x', ${eventId}, NULL, '{}', 'now', ${stream})`.execute(m.s.db);
    await expect(insert('elsewhere', 'feria')).rejects.toThrow(/check constraint/i);
    await expect(insert('kiosk', null)).rejects.toThrow(/check constraint/i);
  });

  it('has the indexes the queries need', async () => {
    const names =
      kind === 'sqlite'
        ? sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index'`
        : sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public'`;
    const indexes = (await names.execute(m.s.db)).rows.map((r) => r.name);
    expect(indexes).toEqual(
      expect.arrayContaining([
        'submissions_by_event',
        'submissions_by_record',
        'changes_by_event',
        'changes_by_device',
        'record_attachments_by_name',
      ]),
    );
  });
});

function recordPayload() {
  const id = uuidv7();
  return {
    id,
    formId: 'patrimonio_inmaterial',
    formVersion: '1',
    deviceId: uuidv7(),
    eventId: 'feria',
    language: 'es' as const,
    complete: true,
    answers: {},
    passId: null,
    privacyNoticeVersion: null,
    startedAt: '2026-11-20T16:00:00.000Z',
    createdAt: '2026-11-20T16:03:00.000Z',
  };
}
