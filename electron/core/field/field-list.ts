// The staff's list of field records: drafts in progress and saved records (one line per record,
// its current revision), newest first, searchable by any text answer or a date.
import type { Answers, FormDefinition, FormNode, Language } from '../../../shared/forms/form-definition';
import type { FieldEntry } from '../../../shared/ipc/field-contract';
import type { KioskDb } from '../db/migrate';
import { localDate } from '../time/local-day';
import { attachmentNamesIn, mayNameAnAttachment } from './attachment-names';
import { isRefusal } from './consent';
import { listDrafts } from './drafts';
import { fieldForms, type FieldContext } from './field-context';
import { currentRevisionsOfForms, type Revision } from './revisions';

export const MAX_FIELD_ENTRIES = 500;
const SUMMARY_ANSWERS = 3;
const SUMMARY_CHARS = 200;

type Listed = { entry: FieldEntry; answers: Answers; definition: FormDefinition | undefined };

export function listFieldEntries(
  ctx: FieldContext,
  query: string | undefined,
): { entries: FieldEntry[]; total: number } {
  const definitions = new Map(fieldForms(ctx).map((d) => [d.formId, d]));
  const definition = (formId: string, version: string) =>
    ctx.forms.get(formId, version)?.definition ?? definitions.get(formId);
  const waiting = waitingPhotos(ctx.db);
  const countWaiting = (...answers: Answers[]) =>
    [...attachmentNamesIn(answers)].filter((name) => waiting.has(name)).length;

  const listed: Listed[] = listDrafts(ctx.db).map((d) => {
    const def = definition(d.formId, d.formVersion);
    return {
      answers: d.answers,
      definition: def,
      entry: {
        kind: 'draft',
        draftId: d.draftId,
        recordId: d.recordId,
        formId: d.formId,
        title: def?.title ?? { es: d.formId },
        summary: def ? summarize(def, d.answers, d.language) : [],
        revision: null,
        conflict: false,
        complete: !isRefusal(d.answers),
        photosWaiting: countWaiting(d.answers),
        here: true,
        updatedAt: d.updatedAt,
      },
    };
  });
  for (const current of groupByRecord(currentRevisionsOfForms(ctx.db, [...definitions.keys()]))) {
    const shown = current.at(-1) as Revision; // the highest revision (then the newest)
    const def = definition(shown.formId, shown.formVersion);
    listed.push({
      answers: shown.answers,
      definition: def,
      entry: {
        kind: 'record',
        draftId: null,
        recordId: shown.recordId,
        formId: shown.formId,
        title: def?.title ?? { es: shown.formId },
        summary: def ? summarize(def, shown.answers, shown.language) : [],
        revision: shown.revision,
        conflict: current.length > 1,
        complete: shown.complete,
        photosWaiting: countWaiting(...current.map((r) => r.answers)),
        here: shown.deviceId === ctx.deviceId,
        updatedAt: shown.createdAt,
      },
    });
  }
  const needle = query === undefined ? '' : fold(query.trim());
  const matching = listed
    .filter((l) => needle === '' || matches(l, needle))
    .sort((a, b) => b.entry.updatedAt.localeCompare(a.entry.updatedAt));
  return { entries: matching.slice(0, MAX_FIELD_ENTRIES).map((l) => l.entry), total: matching.length };
}

/** Photos saved on this kiosk that the server has not confirmed yet. */
export function waitingPhotos(db: KioskDb): Set<string> {
  return new Set(
    db
      .prepare<[], { name: string }>('SELECT name FROM attachments WHERE uploaded_at IS NULL')
      .all()
      .map((r) => r.name),
  );
}

function groupByRecord(revisions: Revision[]): Revision[][] {
  const byRecord = new Map<string, Revision[]>();
  for (const r of revisions) {
    const group = byRecord.get(r.recordId);
    if (group === undefined) byRecord.set(r.recordId, [r]);
    else group.push(r);
  }
  return [...byRecord.values()];
}

/** Case- and accent-insensitive: "Martinez" finds "Martínez". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

function matches({ entry, answers, definition }: Listed, needle: string): boolean {
  if (localDate(new Date(entry.updatedAt)).includes(needle)) return true;
  if (definition === undefined) return false;
  return textAnswers(definition.children, answers, true).some((text) => fold(text).includes(needle));
}

/**
 * Up to three answers that say what the entry is. Text answers first, in form order: the consent
 * questions come first in every field form and would otherwise fill the summary with "Sí".
 */
function summarize(definition: FormDefinition, answers: Answers, language: Language): string[] {
  const texts = textAnswers(definition.children, answers, false);
  const choices = selectedLabels(definition, definition.children, answers, language);
  return [...texts, ...choices]
    .filter((text) => text.trim() !== '')
    .slice(0, SUMMARY_ANSWERS)
    .map((text) => text.slice(0, SUMMARY_CHARS));
}

/** Text answers in form order; inside repeats too when `inRepeats`. */
function textAnswers(nodes: readonly FormNode[], answers: Answers, inRepeats: boolean): string[] {
  return nodes.flatMap((node): string[] => {
    const value = answers[node.name];
    if (node.kind === 'group') return textAnswers(node.children, answers, inRepeats);
    if (node.kind === 'repeat')
      return inRepeats && Array.isArray(value)
        ? value.flatMap((instance) =>
            typeof instance === 'object' ? textAnswers(node.children, instance, inRepeats) : [],
          )
        : [];
    if (node.kind !== 'question') return [];
    return node.type === 'text' && typeof value === 'string' ? [value] : [];
  });
}

/** select_one answers outside repeats, as their labels. */
function selectedLabels(
  definition: FormDefinition,
  nodes: readonly FormNode[],
  answers: Answers,
  language: Language,
): string[] {
  return nodes.flatMap((node): string[] => {
    if (node.kind === 'group') return selectedLabels(definition, node.children, answers, language);
    const value = answers[node.name];
    if (node.kind !== 'question' || node.type !== 'select_one' || typeof value !== 'string') return [];
    const choice = definition.choices[node.listName ?? '']?.find((c) => c.name === value);
    return [choice?.label[language] ?? choice?.label.es ?? value];
  });
}

/** Photos a saved revision names that the server has not confirmed yet (drafts' photos wait for their revision). */
export function photosWaitingCount(db: KioskDb): number {
  const waiting = waitingPhotos(db);
  if (waiting.size === 0) return 0;
  const named = new Set<string>();
  const rows = db.prepare<[], { answers: string }>(
    `SELECT answers FROM submissions WHERE ${mayNameAnAttachment('answers')}`,
  );
  for (const row of rows.iterate()) attachmentNamesIn(JSON.parse(row.answers), named);
  return [...named].filter((name) => waiting.has(name)).length;
}
