// Records for roles not allowed personal data (routes/roles.ts PERSONAL_DATA): the answers an
// anonymised export keeps and nothing else. Which questions those are is the export's own rule
// (mergeVersions: pii questions, questions derived from them and photos left out, in any version
// of the form), so the two can never disagree.
import type { Kysely } from 'kysely';
import { isInstanceList } from '../../shared/forms/answer-values';
import type { Answers } from '../../shared/forms/form-definition';
import type { SubmissionPayload } from '../../shared/sync/protocol';
import type { Database } from '../db/schema';
import { mergeStoredVersions } from '../exports/export-layout';

type Allowed = { questions: ReadonlySet<string>; repeats: ReadonlySet<string> };
const NOTHING: Allowed = { questions: new Set(), repeats: new Set() };

/** Anonymises records of one event; each form's rule is worked out once, from all its versions. */
export async function eventAnonymiser(
  db: Kysely<Database>,
  eventId: string,
): Promise<(p: SubmissionPayload) => SubmissionPayload> {
  const rows = await db
    .selectFrom('forms')
    .select(['form_id', 'version', 'definition'])
    .where('event_id', '=', eventId)
    .orderBy('created_at')
    .orderBy('version')
    .execute();
  const versions = new Set(rows.map((r) => `${r.form_id}@${r.version}`));
  const allowed = new Map<string, Allowed>();
  const allowedFor = (formId: string, version: string): Allowed => {
    // A version the server lacks cannot say which answers are personal: none is shown.
    if (!versions.has(`${formId}@${version}`)) return NOTHING;
    let found = allowed.get(formId);
    if (found === undefined) {
      // As an export does: personal (or derived from personal data) in any version, in all.
      found = allowedAnswers(rows.filter((r) => r.form_id === formId));
      allowed.set(formId, found);
    }
    return found;
  };
  return (p) => ({
    ...p,
    answers: keep(p.answers, allowedFor(p.formId, p.formVersion)),
    passId: null,
  });
}

/** The form's stored versions, oldest first. */
function allowedAnswers(versions: readonly { version: string; definition: string }[]): Allowed {
  const layout = mergeStoredVersions(versions, true);
  return {
    questions: new Set(layout.tables.flatMap((t) => t.questions.map((q) => q.name))),
    repeats: new Set(layout.tables.filter((t) => t.repeatPath.length > 0).map((t) => t.name)),
  };
}

/** Only answers of kept questions, and repeats with their instances' kept answers. */
function keep(answers: Answers, allowed: Allowed): Answers {
  const kept: Answers = {};
  for (const [name, value] of Object.entries(answers)) {
    if (allowed.questions.has(name)) kept[name] = value;
    else if (allowed.repeats.has(name) && isInstanceList(value))
      kept[name] = value.map((instance) => keep(instance, allowed));
  }
  return kept;
}
