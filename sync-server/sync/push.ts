// Applying a kiosk's push. The batch is checked first (outside the transaction, so the database
// is held only for the writes); then, in one transaction, new records are stored, refused ones
// noted, and the device's highest seq recorded. Seqs at or below that mark are replays: skipped,
// answered exactly as the first time, provided they carry what was settled under them
// (push-seqs.ts: other content means a cloned kiosk). A payload's shape is checked before any
// schema reads it (payload-shape.ts), so a record too deep or naming a prototype fails alone.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { submissionIssues, type CompiledForm, type ValidationIssue } from '../../shared/forms/engine';
import {
  HEADERS,
  type PushRequestSchema,
  type PushResponse,
  type Rejection,
  type SubmissionPayload,
} from '../../shared/sync/protocol';
import { ScanEventSchema, type ScanEvent } from '../../shared/tickets/scan-event';
import type { ServerDb } from '../db/server-database';
import type { Database } from '../db/schema';
import { deviceEventIds, recordDeviceSeen, seenColumns, type DeviceSeen } from '../devices/devices-store';
import { SyncError } from '../sync-error';
import { newScan, storeScans, type NewScan } from '../tickets/scan-store';
import { describeIssue } from '../validation';
import { storeSubmissions } from './store-submissions';
import { parseSubmissionPayload } from './submission-payload';
import { canonicalJson, contentHash } from '../../shared/sync/node/canonical-json';
import { appendChanges } from './change-log';
import { fieldFormsOf, type FieldForms } from './field-forms';
import type { FormCache } from './form-cache';
import { payloadShapeFault } from './payload-shape';
import { NO_LINE, type PlaceInLine } from './device-order';
import { PUSHES_AT_ONCE, Turns } from './push-turns';
import { recordSeqs, refuseClonedReplays, type SeqHash } from './push-seqs';
import { imageNames, revisionColumns, settleRevisions, type PushedRevision } from './revisions';

type PushBody = z.output<typeof PushRequestSchema>;
type Change = PushBody['changes'][number];
type SubmissionRow = Database['submissions'];
type Verdict =
  { row: SubmissionRow; revision: PushedRevision } | { scan: NewScan } | { rejection: Rejection };
type Parsed =
  | { kind: 'submission'; payload: SubmissionPayload; canonical: string }
  | { kind: 'scan'; payload: ScanEvent; canonical: string }
  | { kind: 'invalid'; message: string };
/** A change read once: its payload parsed, and the hash its seq is settled with. */
type Prepared = { change: Change; parsed: Parsed; seqHash: SeqHash };

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 500;
const MAX_LISTED_ISSUES = 10;
const hashes = (list: Prepared[]): SeqHash[] => list.map((p) => p.seqHash);
/** Batches with new changes are judged and written in turns (push-turns.ts says why). */
const turns = new Turns(PUSHES_AT_ONCE);

/**
 * Applies a push in its place in the kiosk's line (device-order.ts): it leaves the line once
 * settled; a push that fails before its turn leaves when its answer is sent (the route's hook).
 */
export async function applyPush(
  s: ServerDb,
  forms: FormCache,
  device: Database['devices'],
  body: PushBody,
  seen: DeviceSeen,
  now: Date,
  place: PlaceInLine = NO_LINE,
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
  // The body is the truth: a push lined up by a first seq it does not carry is refused.
  const firstSeq = body.changes[0]?.seq;
  if (place.firstSeq !== undefined && place.firstSeq !== firstSeq) {
    throw new SyncError(
      'invalid_input',
      `${HEADERS.firstSeq}: says ${place.firstSeq}, but ${firstSeq === undefined ? 'the batch has no changes' : `the batch's first change has seq ${firstSeq}`}: send the seq of its first change, or no header`,
      { field: HEADERS.firstSeq },
    );
  }
  // The seq seen when the token was checked: anything at or below it is a replay for sure, and
  // a batch of nothing else (or an idle kiosk's empty push) needs no transaction.
  if (!body.changes.some((c) => c.seq > device.last_seq)) {
    // Nothing to settle: the pushes behind need not wait for it.
    place.leave();
    await refuseClonedReplays(s.db, device.id, hashes(body.changes.map(prepare)));
    const rejected = await replayedRejections(s.db, device.id, body.changes);
    await recordDeviceSeen(s.db, device, seen, now);
    return { ackedThroughSeq: device.last_seq, rejected };
  }
  await place.ready(device.last_seq);
  return turns.run(async () => {
    place.started();
    try {
      // Read in its turn, not on arrival: the pushes waiting for theirs hold only their bodies,
      // not a second copy of every record (what kept a busy server's memory high).
      const prepared = body.changes.map(prepare);
      const fresh = prepared.filter((p) => p.change.seq > device.last_seq);
      const verdicts = await judge(s.db, forms, device, fresh, now);
      await place.aheadSettled();
      return await settle(s, device, body, prepared, verdicts, seen, now);
    } finally {
      place.leave();
    }
  });
}

/** In one transaction: the batch's new records stored, refusals noted, the device's mark moved. */
function settle(
  s: ServerDb,
  device: Database['devices'],
  body: PushBody,
  prepared: Prepared[],
  verdicts: Map<number, Verdict>,
  seen: DeviceSeen,
  now: Date,
): Promise<Omit<PushResponse, 'serverTime'>> {
  return s.transaction(async (trx) => {
    let locked = trx.selectFrom('devices').select('last_seq').where('id', '=', device.id);
    // Two pushes of one kiosk (a retry racing its original) must not both take the same seqs.
    if (s.kind === 'postgres') locked = locked.forUpdate();
    const last = (await locked.executeTakeFirstOrThrow()).last_seq;
    const replayed = body.changes.filter((c) => c.seq <= last);
    const news = body.changes.filter((c) => c.seq > last);
    await refuseClonedReplays(trx, device.id, hashes(prepared.filter((p) => p.change.seq <= last)));
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
    const stored = await storeSubmissions(
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
    const recordChanges = await settleRevisions(trx, s.kind, [...inserted.values()]);
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
    await recordSeqs(trx, s.kind, device.id, hashes(prepared.filter((p) => p.change.seq > last)), {
      ...(newLast !== undefined && { last_seq: newLast, last_push_at: now.toISOString() }),
      ...seenColumns(seen, now),
    });
    const earlier = await replayedRejections(trx, device.id, replayed);
    return { ackedThroughSeq: newLast ?? last, rejected: [...earlier, ...rejected] };
  });
}

/** Checks each new change on its own; only a record that is not the kiosk's own fails the batch. */
async function judge(
  db: Kysely<Database>,
  forms: FormCache,
  device: Database['devices'],
  changes: Prepared[],
  now: Date,
): Promise<Map<number, Verdict>> {
  const verdicts = new Map<number, Verdict>();
  if (changes.length === 0) return verdicts;
  const deviceId = device.id;
  const allowed = await deviceEventIds(db, deviceId);
  // Together: on PostgreSQL each read is a round trip the batch waits for.
  const [attached, fieldForms] = await Promise.all([
    forms.attached(db, allowed),
    changes.some((c) => c.change.kind === 'submission')
      ? fieldFormsOf(db, allowed)
      : ({ has: () => false } satisfies FieldForms),
  ]);
  const receivedAt = now.toISOString();
  changes.forEach(({ change, parsed, seqHash }) => {
    // Its place in the body: `changes` holds only the new ones.
    const { index } = seqHash;
    const reject = (code: Rejection['code'], message: string) =>
      verdicts.set(change.seq, { rejection: { seq: change.seq, id: change.id, code, message } });
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
      // Scans raise occupancy and make doors refuse tickets: only a door of the event records them.
      if (device.mode !== 'door') {
        return reject(
          'event_not_assigned',
          `this kiosk is not a door of event ${eventId}: only door kiosks push scans (quiosco admin device mode ${deviceId} door)`,
        );
      }
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
      const issues = answerIssues(form, p);
      if (issues.length > 0) {
        const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `${i.path} (${i.code})`);
        const more = issues.length > MAX_LISTED_ISSUES ? ', …' : '';
        return reject(
          'answers_invalid',
          `${issues.length} answer(s) do not satisfy form ${p.formId} version ${p.formVersion}: ${listed.join(', ')}${more}`,
        );
      }
    }
    const payload = parsed.canonical;
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
        // The seq's hash is this canonical text's (prepare): hashed once, not twice.
        content_hash: seqHash.hash,
        payload,
        ...revisionColumns(p),
      },
    });
  });
  return verdicts;
}

function prepare(change: Change, index: number): Prepared {
  const parsed = parsePayload(change);
  // As parsed when it parses (the hash its stored row has), else as sent; a payload that cannot
  // be walked safely is known by its kind and id alone.
  const hashed =
    parsed.kind !== 'invalid'
      ? parsed.canonical
      : payloadShapeFault(change.payload) === undefined
        ? canonicalJson(change.payload)
        : `${change.kind}:${change.id}`;
  return { change, parsed, seqHash: { seq: change.seq, hash: contentHash(hashed), index } };
}

function parsePayload(change: Change): Parsed {
  const fault = payloadShapeFault(change.payload);
  if (fault !== undefined) return { kind: 'invalid', message: fault };
  if (change.kind === 'scan') {
    const scan = ScanEventSchema.safeParse(change.payload);
    if (!scan.success) return { kind: 'invalid', message: describeIssue(scan.error, 'payload').message };
    // Ids are UUIDs, the same in any case: read in lower case like every other id.
    const payload = {
      ...scan.data,
      id: scan.data.id.toLowerCase(),
      deviceId: scan.data.deviceId.toLowerCase(),
    };
    return { kind: 'scan', payload, canonical: canonicalJson(payload) };
  }
  const submission = parseSubmissionPayload(change.payload);
  return submission.success
    ? { kind: 'submission', payload: submission.data, canonical: canonicalJson(submission.data) }
    : { kind: 'invalid', message: describeIssue(submission.error, 'payload').message };
}

/**
 * The engine's verdict, evaluated with the kiosk's own date for today() so the server judges as
 * the kiosk did. A fault inside the engine fails this record, not the whole batch forever.
 */
function answerIssues(form: CompiledForm, p: SubmissionPayload): ValidationIssue[] {
  try {
    return submissionIssues(form, p.answers, { complete: p.complete, today: p.createdAt.slice(0, 10) });
  } catch (e) {
    const message = { es: `error al evaluar: ${String(e)}`, en: `evaluation failed: ${String(e)}` };
    return [{ path: '(form)', code: 'type', message }];
  }
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
