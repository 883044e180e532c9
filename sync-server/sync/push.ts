// Applying a kiosk's push. The batch is checked first (outside the transaction, so the database
// is held only for the writes); then, in one transaction, new records are stored, refused ones
// noted, and the device's highest seq recorded. Seqs at or below that mark are replays: skipped,
// answered exactly as the first time.
import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import { validateSubmission, type CompiledForm, type SubmissionCheck } from '../../shared/forms/engine';
import {
  SubmissionPayloadSchema,
  type PushRequestSchema,
  type PushResponse,
  type Rejection,
  type SubmissionPayload,
} from '../../shared/sync/protocol';
import { ScanEventSchema, type ScanEvent } from '../../shared/tickets/scan-event';
import type { ServerDb } from '../db/server-database';
import type { Database, DatabaseKind } from '../db/schema';
import { deviceEventIds, recordDeviceSeen, seenColumns, type DeviceSeen } from '../devices/devices-store';
import { SyncError } from '../sync-error';
import { newScan, storeScans, type NewScan } from '../tickets/scan-store';
import { describeIssue } from '../validation';
import { canonicalJson, contentHash } from './canonical-json';
import { appendChanges } from './change-log';
import { fieldFormsOf, type FieldForms } from './field-forms';
import type { FormCache } from './form-cache';
import { imageNames, revisionColumns, settleRevisions, type PushedRevision } from './revisions';

type PushBody = z.output<typeof PushRequestSchema>;
type Change = PushBody['changes'][number];
type SubmissionRow = Database['submissions'];
type Verdict =
  { row: SubmissionRow; revision: PushedRevision } | { scan: NewScan } | { rejection: Rejection };
type Parsed =
  | { kind: 'submission'; payload: SubmissionPayload }
  | { kind: 'scan'; payload: ScanEvent }
  | { kind: 'invalid'; message: string };

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 500;
const MAX_LISTED_ISSUES = 10;

export async function applyPush(
  s: ServerDb,
  forms: FormCache,
  device: Database['devices'],
  body: PushBody,
  seen: DeviceSeen,
  now: Date,
): Promise<Omit<PushResponse, 'serverTime'>> {
  if (body.deviceId !== device.id) {
    throw new SyncError(
      'forbidden',
      `This token belongs to device ${device.id}: a kiosk pushes only as itself`,
      {
        field: 'deviceId',
      },
    );
  }
  // The seq seen when the token was checked: anything at or below it is a replay for sure, and
  // a batch of nothing else (or an idle kiosk's empty push) needs no transaction.
  const fresh = body.changes.filter((c) => c.seq > device.last_seq);
  if (fresh.length === 0) {
    const rejected = await replayedRejections(s.db, device.id, body.changes);
    await recordDeviceSeen(s.db, device, seen, now);
    return { ackedThroughSeq: device.last_seq, rejected };
  }
  const verdicts = await judge(s.db, forms, device.id, fresh, now);

  return s.transaction(async (trx) => {
    let locked = trx.selectFrom('devices').select('last_seq').where('id', '=', device.id);
    // Two pushes of one kiosk (a retry racing its original) must not both take the same seqs.
    if (s.kind === 'postgres') locked = locked.forUpdate();
    const last = (await locked.executeTakeFirstOrThrow()).last_seq;
    const replayed = body.changes.filter((c) => c.seq <= last);
    const news = body.changes.filter((c) => c.seq > last);
    news.forEach((c, i) => {
      const expectedSeq = last + 1 + i;
      if (c.seq !== expectedSeq) {
        throw new SyncError(
          'sequence_gap',
          `Expected seq ${expectedSeq} next from this device but got ${c.seq}: send the outbox from ${expectedSeq} on`,
          { expectedSeq },
        );
      }
    });

    const rejected = news.flatMap((c) => {
      const verdict = verdicts.get(c.seq);
      return verdict !== undefined && 'rejection' in verdict ? [verdict.rejection] : [];
    });
    const submissions = news.flatMap((c) => {
      const verdict = verdicts.get(c.seq);
      return verdict !== undefined && 'row' in verdict ? [verdict] : [];
    });
    const scans = news.flatMap((c) => {
      const verdict = verdicts.get(c.seq);
      return verdict !== undefined && 'scan' in verdict ? [verdict.scan] : [];
    });
    const stored = await store(
      trx,
      s.kind,
      submissions.map((v) => v.row),
    );
    rejected.push(...stored.rejections);
    // The first copy of an id is the one stored; a second copy in the batch is a retry or a conflict.
    const inserted = new Map<string, PushedRevision>();
    for (const { row, revision } of submissions) {
      if (stored.inserted.has(row.id) && !inserted.has(row.id)) inserted.set(row.id, revision);
    }
    const recordChanges = await settleRevisions(trx, [...inserted.values()]);
    rejected.push(...(await storeScans(trx, s.kind, scans, now)));
    // Last among the writes that append: on PostgreSQL this holds the change-log lock to commit.
    await appendChanges(trx, s.kind, recordChanges, now);
    rejected.sort((a, b) => a.seq - b.seq);

    const noted = rejected.map((r) => ({
      device_id: device.id,
      seq: r.seq,
      entity_id: r.id,
      code: r.code,
      message: r.message,
      created_at: now.toISOString(),
    }));
    for (let i = 0; i < noted.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('push_rejections')
        .values(noted.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    const newLast = news.at(-1)?.seq;
    // The new mark and what the kiosk reported, in the same commit as the records.
    await trx
      .updateTable('devices')
      .set({
        ...(newLast !== undefined && { last_seq: newLast, last_push_at: now.toISOString() }),
        ...seenColumns(seen, now),
      })
      .where('id', '=', device.id)
      .execute();
    const earlier = await replayedRejections(trx, device.id, replayed);
    return { ackedThroughSeq: newLast ?? last, rejected: [...earlier, ...rejected] };
  });
}

/** Checks each new change on its own; only a record that is not the kiosk's own fails the batch. */
async function judge(
  db: Kysely<Database>,
  forms: FormCache,
  deviceId: string,
  changes: Change[],
  now: Date,
): Promise<Map<number, Verdict>> {
  const verdicts = new Map<number, Verdict>();
  if (changes.length === 0) return verdicts;
  const allowed = await deviceEventIds(db, deviceId);
  const attached = await forms.attached(db, allowed);
  const fieldForms: FieldForms = changes.some((c) => c.kind === 'submission')
    ? await fieldFormsOf(db, allowed)
    : { has: () => false };
  const receivedAt = now.toISOString();
  changes.forEach((change, index) => {
    const reject = (code: Rejection['code'], message: string) =>
      verdicts.set(change.seq, { rejection: { seq: change.seq, id: change.id, code, message } });
    const parsed = parsePayload(change);
    if (parsed.kind === 'invalid') return reject('invalid', parsed.message);
    const { deviceId: owner, eventId, id } = parsed.payload;
    if (owner !== deviceId) {
      throw new SyncError(
        'forbidden',
        `changes.${index}: record of device ${owner}; a kiosk pushes only its own`,
        {
          field: `changes.${index}.payload.deviceId`,
        },
      );
    }
    // Refused on its own, not for the batch: a kiosk may hold records made before it was enrolled
    // (under its default event) and must not have its whole queue blocked by them.
    if (!allowed.has(eventId)) {
      return reject('event_not_assigned', `this kiosk is not assigned to event ${eventId}`);
    }
    if (id !== change.id) return reject('invalid', `payload.id ${id} differs from the change id`);
    if (parsed.kind === 'scan') {
      return verdicts.set(change.seq, { scan: newScan(parsed.payload, change.seq, receivedAt) });
    }
    const p = parsed.payload;
    const versions = attached.versions(p.eventId, p.formId);
    if (versions === undefined) {
      return reject('unknown_form', `Form ${p.formId} is not attached to event ${p.eventId} on the server`);
    }
    const form = versions.get(p.formVersion);
    // A version the server has not seen is stored unchecked rather than lost.
    if (form !== undefined) {
      const check = checkAnswers(form, p);
      if (!check.ok) {
        const listed = check.issues.slice(0, MAX_LISTED_ISSUES).map((i) => `${i.path} (${i.code})`);
        const more = check.issues.length > MAX_LISTED_ISSUES ? ', …' : '';
        return reject(
          'answers_invalid',
          `${check.issues.length} answer(s) do not satisfy form ${p.formId} version ${p.formVersion}: ${listed.join(', ')}${more}`,
        );
      }
    }
    const payload = canonicalJson(p);
    verdicts.set(change.seq, {
      revision: {
        payload: p,
        images: imageNames(form, p.answers),
        field: fieldForms.has(p.eventId, p.formId),
      },
      row: {
        id: p.id,
        device_id: deviceId,
        device_seq: change.seq,
        event_id: p.eventId,
        form_id: p.formId,
        form_version: p.formVersion,
        complete: p.complete ? 1 : 0,
        created_at: p.createdAt,
        received_at: receivedAt,
        content_hash: contentHash(payload),
        payload,
        ...revisionColumns(p),
      },
    });
  });
  return verdicts;
}

function parsePayload(change: Change): Parsed {
  if (change.kind === 'scan') {
    const scan = ScanEventSchema.safeParse(change.payload);
    return scan.success
      ? { kind: 'scan', payload: scan.data }
      : { kind: 'invalid', message: describeIssue(scan.error, 'payload').message };
  }
  const submission = SubmissionPayloadSchema.safeParse(change.payload);
  return submission.success
    ? { kind: 'submission', payload: submission.data }
    : { kind: 'invalid', message: describeIssue(submission.error, 'payload').message };
}

/**
 * The engine's verdict, evaluated with the kiosk's own date for today() so the server judges as
 * the kiosk did. A fault inside the engine fails this record, not the whole batch forever.
 */
function checkAnswers(form: CompiledForm, p: SubmissionPayload): SubmissionCheck {
  try {
    return validateSubmission(form, p.answers, { complete: p.complete, today: p.createdAt.slice(0, 10) });
  } catch (e) {
    const message = { es: `error al evaluar: ${String(e)}`, en: `evaluation failed: ${String(e)}` };
    return { ok: false, issues: [{ path: '(form)', code: 'type', message }] };
  }
}

/**
 * Inserts what is new. An id already stored (or twice in this batch) is a retry when its content
 * hash matches and a conflict when it does not; conflicts come back as rejections, with the ids
 * inserted now (a revision id is a record id here: revisions are immutable).
 */
async function store(
  trx: Kysely<Database>,
  kind: DatabaseKind,
  rows: SubmissionRow[],
): Promise<{ rejections: Rejection[]; inserted: Set<string> }> {
  const conflict = (row: SubmissionRow): Rejection => ({
    seq: row.device_seq,
    id: row.id,
    code: 'conflict',
    message: `Record ${row.id} was received before with different content; this copy was not stored`,
  });
  const rejections: Rejection[] = [];
  const unique = new Map<string, SubmissionRow>();
  for (const row of rows) {
    const first = unique.get(row.id);
    if (first === undefined) unique.set(row.id, row);
    else if (first.content_hash !== row.content_hash) rejections.push(conflict(row));
  }
  const candidates = [...unique.values()];
  const inserted = new Set<string>();
  for (let i = 0; i < candidates.length; i += INSERT_CHUNK) {
    for (const id of await insertNew(trx, kind, candidates.slice(i, i + INSERT_CHUNK))) inserted.add(id);
  }
  const existing = candidates.filter((row) => !inserted.has(row.id));
  for (let i = 0; i < existing.length; i += INSERT_CHUNK) {
    const chunk = existing.slice(i, i + INSERT_CHUNK);
    const stored = await trx
      .selectFrom('submissions')
      .select(['id', 'content_hash'])
      .where(
        'id',
        'in',
        chunk.map((r) => r.id),
      )
      .execute();
    const hashes = new Map(stored.map((r) => [r.id, r.content_hash]));
    for (const row of chunk) if (hashes.get(row.id) !== row.content_hash) rejections.push(conflict(row));
  }
  return { rejections, inserted };
}

const SUBMISSION_COLUMNS = [
  ['id', 'text'],
  ['device_id', 'text'],
  ['device_seq', 'bigint'],
  ['event_id', 'text'],
  ['form_id', 'text'],
  ['form_version', 'text'],
  ['complete', 'integer'],
  ['created_at', 'text'],
  ['received_at', 'text'],
  ['content_hash', 'text'],
  ['payload', 'text'],
  ['record_id', 'text'],
  ['revision', 'integer'],
  ['parents', 'text'],
  ['edited_by', 'text'],
  ['current', 'integer'],
] as const satisfies readonly (readonly [keyof SubmissionRow, string])[];

/**
 * Inserts rows whose id is not stored yet and returns the ids it inserted. PostgreSQL gets the
 * rows as one JSON parameter (json_to_recordset): PostgreSQL parses it in C, where sixteen bound
 * parameters per row would cost the Node process most of a batch's time to encode.
 */
async function insertNew(
  trx: Kysely<Database>,
  kind: DatabaseKind,
  rows: SubmissionRow[],
): Promise<string[]> {
  if (kind === 'postgres') {
    const columns = sql.join(SUBMISSION_COLUMNS.map(([name]) => sql.ref(name)));
    const record = sql.raw(SUBMISSION_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', '));
    const result = await sql<{ id: string }>`
      INSERT INTO submissions (${columns})
      SELECT ${columns} FROM json_to_recordset(${JSON.stringify(rows)}::json) AS r(${record})
      ON CONFLICT (id) DO NOTHING RETURNING id`.execute(trx);
    return result.rows.map((r) => r.id);
  }
  const result = await trx
    .insertInto('submissions')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  return result.map((r) => r.id);
}

async function replayedRejections(
  db: Kysely<Database>,
  deviceId: string,
  replayed: Change[],
): Promise<Rejection[]> {
  const first = replayed[0];
  const last = replayed.at(-1);
  if (first === undefined || last === undefined) return [];
  const seqs = new Set(replayed.map((c) => c.seq));
  const rows = await db
    .selectFrom('push_rejections')
    .select(['seq', 'entity_id', 'code', 'message'])
    .where('device_id', '=', deviceId)
    .where('seq', '>=', first.seq)
    .where('seq', '<=', last.seq)
    .orderBy('seq')
    .execute();
  return rows
    .filter((r) => seqs.has(r.seq))
    .map((r) => ({ seq: r.seq, id: r.entity_id, code: r.code, message: r.message }));
}
