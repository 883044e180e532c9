// The console's data and export-progress endpoints (under /console/api), shared by the server and
// the console app: records of a form paged with the export filters, and downloads' progress.
import { z } from 'zod';
import { IsoTimeSchema } from '../sync/protocol';

// Exports started from the page: the browser downloads the stream, the page polls its progress.
/** The query parameter naming the download (a UUID the page makes), so its progress can be read. */
export const EXPORT_JOB_PARAM = 'job';
export const ExportJobIdSchema = z.uuid();
export const ExportJobStateSchema = z.enum(['running', 'done', 'failed', 'aborted']);
export const ExportJobSchema = z.object({
  id: ExportJobIdSchema,
  formId: z.string(),
  format: z.string(),
  state: ExportJobStateSchema,
  /** Bytes sent and records written so far. */
  bytes: z.number().int(),
  records: z.number().int(),
  /** Why it failed or was refused. */
  error: z.string().nullable(),
  startedAt: IsoTimeSchema,
  finishedAt: IsoTimeSchema.nullable(),
});
export type ExportJob = z.infer<typeof ExportJobSchema>;
export const ExportJobsResponseSchema = z.object({
  jobs: z.array(ExportJobSchema),
  serverTime: IsoTimeSchema,
});
export const ExportJobParamsSchema = z.strictObject({ jobId: ExportJobIdSchema });
export const ExportJobResponseSchema = z.object({ job: ExportJobSchema, serverTime: IsoTimeSchema });

// The data table: a form's records with the export filters, a page at a time.
export const MAX_DATA_PAGE = 200;
/**
 * The page's query: the export's filter options (same names and rules as GET /v1/exports: event,
 * kiosk, version, from, to, utc-offset, complete, revisions), `after` (the `next` of the previous
 * page) and `limit`.
 */
export const DATA_FILTERS = [
  'event',
  'kiosk',
  'version',
  'from',
  'to',
  'utc-offset',
  'complete',
  'revisions',
] as const;

export const DataColumnSchema = z.object({
  name: z.string(),
  label: z.string(),
  /** A repeat's column holds its number of instances. */
  kind: z.enum(['answer', 'repeat']),
});
export type DataColumn = z.infer<typeof DataColumnSchema>;

export const DataRecordSchema = z.object({
  id: z.string(),
  recordId: z.string(),
  kiosk: z.string(),
  formVersion: z.string(),
  complete: z.boolean(),
  /** The kiosk's time, rewritten at the asked utc-offset when one was given. */
  createdAt: z.string(),
  revision: z.number().int(),
  current: z.boolean(),
  editedBy: z.string().nullable(),
  /** Each column's value as text; null when not answered. */
  values: z.record(z.string(), z.string().nullable()),
  /**
   * The record's photos (only for roles allowed personal data), for the photo route; complete:
   * false while the tablet has not finished sending one.
   */
  photos: z.array(z.object({ name: z.string(), complete: z.boolean() })),
});
export type DataRecord = z.infer<typeof DataRecordSchema>;

export const DataResponseSchema = z.object({
  formId: z.string(),
  kind: z.enum(['registration', 'survey', 'heritage']),
  columns: z.array(DataColumnSchema),
  records: z.array(DataRecordSchema),
  /** Pass as `after` for the next page; null on the last page. */
  next: z.string().nullable(),
  /** Personal-data questions and photos left out (the role is not allowed them). */
  anonymised: z.boolean(),
  serverTime: IsoTimeSchema,
});
export type DataResponse = z.infer<typeof DataResponseSchema>;
