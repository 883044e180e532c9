// The per-change half of a push's checks, with nothing of the database, the device or the line in
// it: a change's payload read (shape, schema, canonical text, hash) and a submission's answers
// checked against its form. The same code runs on the server's thread for small batches and on
// the push-check worker for big ones (push-check-pool.ts), so both give the same verdicts.
import type { z } from 'zod';
import { submissionIssues, type CompiledForm, type ValidationIssue } from '../../shared/forms/engine';
import type { PushRequestSchema, SubmissionPayload } from '../../shared/sync/protocol';
import { canonicalJson, contentHash } from '../../shared/sync/node/canonical-json';
import { ScanEventSchema, type ScanEvent } from '../../shared/tickets/scan-event';
import { describeIssue } from '../validation';
import { payloadShapeFault } from './payload-shape';
import { parseSubmissionPayload } from './submission-payload';

export type PushBody = z.output<typeof PushRequestSchema>;
export type Change = PushBody['changes'][number];

/** The compiled form a record of (event, form, version) is checked against; undefined: none. */
export type FormOf = (eventId: string, formId: string, version: string) => CompiledForm | undefined;

export type CheckedSubmission = {
  /** As parsed; undefined (worker path only) when that is the payload as sent, key order and all. */
  payload: SubmissionPayload | undefined;
  canonical: string;
  /** Whether a form was found to check it against. */
  checked: boolean;
  /** Why its answers do not satisfy the form; undefined when they do or no form checked them. */
  fault: string | undefined;
};

/** A change read once, with the hash its seq is settled with. */
export type CheckedChange = { hash: string } & (
  | { kind: 'invalid'; message: string }
  | { kind: 'scan'; scan: ScanEvent }
  | ({ kind: 'submission' } & CheckedSubmission)
);

const MAX_LISTED_ISSUES = 10;

/** The key of a form version, the same on both threads. */
export const formKey = (eventId: string, formId: string, version: string): string =>
  `${eventId}\u0000${formId}\u0000${version}`;

/** The checks of a batch on the calling thread. */
export const checkChanges = (changes: readonly Change[], formOf: FormOf): CheckedChange[] =>
  changes.map((change) => checkChange(change, formOf));

export function checkChange(change: Change, formOf: FormOf): CheckedChange {
  const parsed = parsePayload(change);
  if (parsed.kind === 'invalid') {
    // Hashed as sent; a payload that cannot be walked safely is known by its kind and id alone.
    const hashed =
      payloadShapeFault(change.payload) === undefined
        ? canonicalJson(change.payload)
        : `${change.kind}:${change.id}`;
    return { kind: 'invalid', message: parsed.message, hash: contentHash(hashed) };
  }
  // As parsed (the hash its stored row has): hashed once, not twice.
  const hash = contentHash(parsed.canonical);
  if (parsed.kind === 'scan') return { kind: 'scan', scan: parsed.payload, hash };
  const p = parsed.payload;
  const form = formOf(p.eventId, p.formId, p.formVersion);
  const fault = form === undefined ? undefined : answersFault(form, p);
  return {
    kind: 'submission',
    hash,
    payload: p,
    canonical: parsed.canonical,
    checked: form !== undefined,
    fault,
  };
}

type Parsed =
  | { kind: 'submission'; payload: SubmissionPayload; canonical: string }
  | { kind: 'scan'; payload: ScanEvent; canonical: string }
  | { kind: 'invalid'; message: string };

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

/** The answers_invalid message for a record its form refuses; undefined when the form accepts it. */
function answersFault(form: CompiledForm, p: SubmissionPayload): string | undefined {
  const issues = answerIssues(form, p);
  if (issues.length === 0) return undefined;
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((i) => `${i.path} (${i.code})`);
  const more = issues.length > MAX_LISTED_ISSUES ? ', …' : '';
  return `${issues.length} answer(s) do not satisfy form ${p.formId} version ${p.formVersion}: ${listed.join(', ')}${more}`;
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
