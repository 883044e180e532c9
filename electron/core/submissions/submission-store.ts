// Saving a visitor's answers: validated by the form engine, then the submission and its outbox
// row written in one transaction, so the kiosk never holds a record the sync cannot see.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { checkedAnswers } from '../../../shared/forms/checked-answers';
import type { ChannelOutput, Contract } from '../../../shared/ipc/contract';
import { CallFailure } from '../../../shared/ipc/result';
import type { KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import { revisionOf, type SubmissionPayload } from '../../../shared/sync/protocol';
import type { KioskDb } from '../db/migrate';
import type { FormStore } from '../forms/form-store';
import { enqueue } from '../outbox/outbox';
import { localDate, startOfLocalDay } from '../time/local-day';

export type SaveSubmissionInput = z.output<Contract['submission:save']['input']>;
export type SaveContext = { deviceId: string; settings: KioskSettings; now: Date };

/**
 * What is stored and what the outbox carries to the sync server. Visitor responses leave the
 * revision fields out (recordId = id, revision 1, no parents); field records carry them.
 */
export type SubmissionRecord = SubmissionPayload;

export function saveSubmission(
  db: KioskDb,
  forms: FormStore,
  ctx: SaveContext,
  input: SaveSubmissionInput,
): ChannelOutput<'submission:save'> {
  const record = checkedSubmission(forms, ctx, input, uuidv7());
  writeSubmission(db, record);
  return { id: record.id, passId: record.passId, savedAt: record.createdAt };
}

/** Validates answers with the form engine and builds the record to store; writes nothing. */
export function checkedSubmission(
  forms: FormStore,
  ctx: SaveContext,
  input: SaveSubmissionInput,
  id: string,
): SubmissionRecord {
  const form = forms.get(input.formId, input.formVersion);
  if (form === undefined) {
    throw new CallFailure(
      'form_not_found',
      `Form ${input.formId} version ${input.formVersion} is not installed on this kiosk`,
      {
        formId: input.formId,
        formVersion: input.formVersion,
      },
    );
  }
  const answers = checkedAnswers(form.compiled, input.answers, {
    complete: input.complete,
    today: localDate(ctx.now),
  });

  const isRegistration = form.definition.kind === 'registration';
  return {
    id,
    formId: input.formId,
    formVersion: input.formVersion,
    deviceId: ctx.deviceId,
    eventId: ctx.settings.eventId,
    language: input.language,
    complete: input.complete,
    answers,
    // The pass QR carries the registration's own id: the door can look it up after sync.
    passId: isRegistration && input.complete ? id : null,
    // Only registrations show the privacy notice before collecting personal data.
    privacyNoticeVersion: isRegistration ? ctx.settings.privacyNotice.version : null,
    startedAt: input.startedAt,
    createdAt: ctx.now.toISOString(),
  };
}

/** The record and its outbox row, plus whatever `alsoInTransaction` writes, in one transaction. */
export function writeSubmission(db: KioskDb, record: SubmissionRecord, alsoInTransaction?: () => void): void {
  db.transaction(() => {
    insertSubmission(db, record);
    enqueue(db, {
      entityKind: 'submission',
      entityId: record.id,
      payload: record,
      createdAt: record.createdAt,
    });
    alsoInTransaction?.();
  })();
}

/**
 * The row alone (saveSubmission validates first and writes it with its outbox row). Its parents
 * stop being current; it is current itself unless a revision already stored names it as a parent
 * (pulled revisions may arrive child first).
 */
export function insertSubmission(db: KioskDb, r: SubmissionRecord): void {
  const { recordId, revision, parents } = revisionOf(r);
  const named = db
    .prepare<[string, string], { n: number }>(
      `SELECT count(*) AS n FROM submissions, json_each(submissions.parents) AS p
       WHERE submissions.record_id = ? AND p.value = ?`,
    )
    .get(recordId, r.id);
  db.prepare(
    `INSERT INTO submissions (id, form_id, form_version, device_id, event_id, language, complete, answers,
       pass_id, privacy_notice_version, started_at, created_at, record_id, revision, parents, edited_by, current)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.formId,
    r.formVersion,
    r.deviceId,
    r.eventId,
    r.language,
    r.complete ? 1 : 0,
    JSON.stringify(r.answers),
    r.passId,
    r.privacyNoticeVersion,
    r.startedAt,
    r.createdAt,
    recordId,
    revision,
    JSON.stringify(parents),
    r.editedBy ?? null,
    (named?.n ?? 0) > 0 ? 0 : 1,
  );
  if (parents.length > 0) {
    db.prepare(
      'UPDATE submissions SET current = 0 WHERE record_id = ? AND id IN (SELECT value FROM json_each(?))',
    ).run(recordId, JSON.stringify(parents));
  }
}

/** Submissions saved since local midnight, and in all. */
export function countSubmissions(db: KioskDb, now: Date): { today: number; total: number } {
  const row = db
    .prepare<[string], { today: number; total: number }>(
      'SELECT (SELECT count(*) FROM submissions WHERE created_at >= ?) AS today, (SELECT count(*) FROM submissions) AS total',
    )
    .get(startOfLocalDay(now).toISOString());
  return { today: row?.today ?? 0, total: row?.total ?? 0 };
}
