// The console's data table: a form's records with the export's filters, a page at a time by id
// (keyset: each page starts after the last id of the one before, never OFFSET), anonymised as an
// export is unless the role may see personal data. Every page of personal data shown, and every
// photo, is written to the audit log: who, which records, which columns.
import { isMediaQuestion } from '../../shared/forms/media-questions';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { isInstanceList } from '../../shared/forms/answer-values';
import type { Answers } from '../../shared/forms/form-definition';
import { CONSOLE_API } from '../../shared/console/console-api';
import {
  DataResponseSchema,
  MAX_DATA_PAGE,
  type DataColumn,
  type DataRecord,
} from '../../shared/console/data-api';
import { AttachmentNameSchema, EventIdSchema, RecordIdSchema } from '../../shared/sync/protocol';
import { attachmentStates } from '../attachments/attachment-store';
import { authenticate } from '../auth/authenticate';
import type { ServerDb } from '../db/server-database';
import { loadExportLayout, localized, mainTable, type ExportLayout } from '../exports/export-layout';
import { atOffset, exportOptions, ExportQuerySchema, type ExportFilters } from '../exports/export-options';
import { deviceNames, filtered, toRecord, type ExportRecord, type StoredRow } from '../exports/record-pages';
import { addRoute, type RouteContext } from '../http/route';
import { sendPhoto, sendThumbnail } from './photo-reply';
import { THUMBNAIL_EDGE } from './photo-thumbnail';
import { ExportParamsSchema } from '../routes/export-routes';
import { ANALYSTS, PERSONAL_DATA, seesPersonalData } from '../routes/roles';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { auditPersonalRead } from './audit';

const DataQuerySchema = ExportQuerySchema.pick({
  kiosk: true,
  version: true,
  from: true,
  to: true,
  'utc-offset': true,
  complete: true,
  revisions: true,
}).extend({
  event: EventIdSchema,
  after: RecordIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_DATA_PAGE).default(50),
});

const PhotoParamsSchema = z.strictObject({ name: AttachmentNameSchema });

/** Rows read per query while filling a page (the time range and complete-only are tested in JS). */
const SCAN_CHUNK = 500;

export function dataRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { s } = ctx;
  addRoute(app, ctx, {
    method: 'GET',
    url: `${CONSOLE_API}/data/:formId`,
    summary: `A page of a form's records with the export filters; anonymised unless the role is ${PERSONAL_DATA.join(' or ')} (then the page is audited)`,
    tag: 'console',
    access: ANALYSTS,
    params: ExportParamsSchema,
    query: DataQuerySchema,
    response: DataResponseSchema,
    handler: async ({ params, query, principal }) => {
      const anonymised = !seesPersonalData(principal.token.role);
      const { after, limit, ...filterText } = query;
      const options = exportOptions(
        params.formId,
        ExportQuerySchema.parse({ ...filterText, format: 'csv' }),
        anonymised,
      );
      const layout = await loadExportLayout(s.db, params.formId, options.filters, anonymised);
      const table = tableOf(layout);
      const { records, next } = await readPage(s, params.formId, options.filters, after, limit);
      const names = await deviceNames(s.db);
      const photoNames = records.map((r) => photosOf(r.answers, table.photoQuestions));
      const stored = new Set(
        (await attachmentStates(s.db, [...new Set(photoNames.flat())]))
          .filter((a) => a.complete)
          .map((a) => a.name),
      );
      const offset = options.utcOffsetMinutes;
      const shown: DataRecord[] = records.map((r, i) => ({
        id: r.id,
        recordId: r.recordId,
        kiosk: names.get(r.deviceId) ?? r.deviceId,
        formVersion: r.formVersion,
        complete: r.complete,
        createdAt: offset === undefined ? r.createdAt : atOffset(r.createdAt, offset),
        revision: r.revision,
        current: r.current,
        editedBy: r.editedBy ?? null,
        values: Object.fromEntries(table.columns.map((c) => [c.name, cellText(r.answers[c.name], c)])),
        photos: (photoNames[i] ?? []).map((name) => ({ name, complete: stored.has(name) })),
      }));
      if (!anonymised && shown.length > 0) {
        await auditPersonalRead(s, principal.token, {
          via: 'console',
          formId: params.formId,
          eventId: query.event,
          records: shown.map((r) => r.id),
          columns: table.personalColumns,
        });
      }
      return {
        formId: params.formId,
        kind: layout.kind,
        columns: table.columns,
        records: shown,
        next,
        anonymised,
      };
    },
  });

  /** The full photo, and its thumbnail: the same roles, the same lookup, the same audit. */
  const photoRoute = (
    url: string,
    summary: string,
    send: (reply: FastifyReply, name: string, audit: () => Promise<void>) => Promise<FastifyReply>,
  ) =>
    app.get(url, { schema: { summary, tags: ['console'] } }, async (request, reply) => {
      const { token } = await authenticate(s, request, PERSONAL_DATA);
      const { name } = parseOrThrow(PhotoParamsSchema, request.params, 'params');
      const named = await s.db
        .selectFrom('record_attachments')
        .select('submission_id')
        .where('name', '=', name)
        .executeTakeFirst();
      if (named === undefined) throw new SyncError('not_found', `no record names the photo ${name}`);
      return send(reply, name, () =>
        auditPersonalRead(s, token, { via: 'console', photo: name, recordId: named.submission_id }),
      );
    });
  const roles = PERSONAL_DATA.join(' or ');
  photoRoute(
    `${CONSOLE_API}/photos/:name`,
    `A record's photo or file, whole: ${roles} only, audited`,
    (reply, name, audit) => sendPhoto(s, reply, name, audit),
  );
  photoRoute(
    `${CONSOLE_API}/photos/:name/thumbnail`,
    `A record's JPEG photo as a ${THUMBNAIL_EDGE} px thumbnail for the data table (other images whole): ${roles} only, audited`,
    (reply, name, audit) => sendThumbnail(s, reply, name, THUMBNAIL_EDGE, audit),
  );
}

type TableOf = {
  columns: DataColumn[];
  /** Image questions anywhere in the form (none when anonymised: the layout left them out). */
  photoQuestions: ReadonlySet<string>;
  /** The personal-data columns shown, named in the audit log. */
  personalColumns: string[];
};

function tableOf(layout: ExportLayout): TableOf {
  const main = mainTable(layout);
  const label = (text: Parameters<typeof localized>[0], name: string) =>
    localized(text, layout.defaultLanguage, name);
  const columns: DataColumn[] = [
    ...main.questions
      .filter((q) => q.type !== 'note')
      .map((q) => ({ name: q.name, label: label(q.label, q.name), kind: 'answer' as const })),
    ...layout.tables
      .filter((t) => t.repeatPath.length === 1)
      .map((t) => ({ name: t.name, label: label(t.label, t.name), kind: 'repeat' as const })),
  ];
  const all = layout.tables.flatMap((t) => t.questions);
  const photoQuestions = new Set(all.filter(isMediaQuestion).map((q) => q.name));
  const personalColumns = all.filter((q) => q.pii || isMediaQuestion(q)).map((q) => q.name);
  return { columns, photoQuestions, personalColumns };
}

/** One page of records after `after`, and the cursor of the next (null when there is none). */
async function readPage(
  s: ServerDb,
  formId: string,
  filters: ExportFilters,
  after: string | undefined,
  limit: number,
): Promise<{ records: ExportRecord[]; next: string | null }> {
  const records: ExportRecord[] = [];
  let cursor = after;
  for (;;) {
    let query = filtered(s.db, formId, filters)
      .select(['id', 'received_at', 'payload', 'current'])
      .orderBy('id')
      .limit(SCAN_CHUNK);
    if (cursor !== undefined) query = query.where('id', '>', cursor);
    const rows = await query.execute();
    for (const row of rows) {
      const stored: StoredRow = [row.id, row.received_at, row.payload, row.current, 0];
      const record = toRecord(stored, filters);
      if (record === undefined) continue;
      // One record past the page says there is a next page; the page ends at the one before it.
      if (records.length === limit) return { records, next: records.at(-1)?.id ?? null };
      records.push(record);
    }
    const last = rows.at(-1);
    if (rows.length < SCAN_CHUNK || last === undefined) return { records, next: null };
    cursor = last.id;
  }
}

function cellText(value: unknown, column: DataColumn): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (column.kind === 'repeat') return Array.isArray(value) ? String(value.length) : null;
  if (Array.isArray(value)) return value.map(String).join(' ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function photosOf(answers: Answers, questions: ReadonlySet<string>): string[] {
  if (questions.size === 0) return [];
  const found: string[] = [];
  const walk = (a: Answers) => {
    for (const [name, value] of Object.entries(a)) {
      // A name that is not a stored photo's (a hostile or broken answer) is not linked to.
      if (questions.has(name) && AttachmentNameSchema.safeParse(value).success) found.push(value as string);
      else if (isInstanceList(value)) value.forEach(walk);
    }
  };
  walk(answers);
  return found;
}
