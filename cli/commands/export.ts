// `quiosco export`: a form's records out of the server's database, straight from the database
// (like `quiosco admin`, so it needs no token and works while the server runs), streamed into a
// file with progress on stderr. The file appears under its name only once it is complete.
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { NameSchema } from '../../shared/forms/form-definition';
import type { ServerDb } from '../../sync-server/db/server-database';
import {
  exportOptions,
  ExportQuerySchema,
  type ExportOptions,
} from '../../sync-server/exports/export-options';
import { auditExport } from '../../sync-server/exports/export-audit';
import { mainTable } from '../../sync-server/exports/export-layout';
import { prepareExport } from '../../sync-server/exports/run-export';
import { SyncError } from '../../sync-server/sync-error';
import { describeIssue } from '../../sync-server/validation';
import { CliFailure, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { terminalText } from '../terminal-text';
import { parseCli, requireOption } from '../parse-cli';
import { cliActor } from './cli-actor';
import { withDatabase } from './with-database';

export const EXPORT_USAGE = `Usage: quiosco export --form FORM --out FILE [options] --data DIR
       DATABASE_URL=postgres://… quiosco export --form FORM --out FILE [options]

Exports a form's records, across all its versions, from the sync server's database (the one
"quiosco server --data DIR" or DATABASE_URL uses; it may be running). Progress goes to stderr.

Options:
  --form FORM            the form id, e.g. encuesta_impacto_economico
  --out FILE             the file to write ("-" for stdout)
  --format FORMAT        csv (default): one table, UTF-8 with BOM for Excel
                         xlsx: every table as a sheet
                         jsonl: one JSON object per record, repeats nested
                         zip: every table as CSV + codebook + SPSS syntax + R script + report
                         report: the summary report (HTML)
  --event EVENT          only records of this event
  --kiosk DEVICE_ID      only records from this kiosk
  --version VERSION      only records of this form version
  --from DATE, --to DATE only records created in this range (inclusive): YYYY-MM-DD for whole
                         days, or an ISO 8601 time with offset
  --utc-offset=OFFSET    write times at this offset (e.g. --utc-offset=-06:00) and read dates
                         in it; default: times as the kiosks stored them, dates in UTC
  --labels es|en         headers as question labels in this language (default: names); also the
                         language of value labels, the codebook, the scripts and the report
  --values codes|labels  choice answers as codes (default) or labels
  --multi MODE           select_multiple as summary (chosen codes, space-separated), columns
                         (one 0/1 column per choice) or both (default)
  --table NAME           CSV: a repeat's table (joined by submission_id) instead of the main one
  --revisions current|all
                         field records: only each record's current revision(s) (default; a
                         conflict's revisions all appear, flagged) or every revision
  --published-only       only records whose publication consent (consiente_publicacion) is
                         "si", and only their photos
  --complete-only        only complete records (not those kept incomplete at the idle timeout)
  --anonymised           leave out every personal-data (pii) question
  --data DIR             the server's data directory (SQLite), unless DATABASE_URL is set
  -h, --help             show this help`;

const PROGRESS_EVERY_MS = 1000;

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({
    args,
    options: {
      form: { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      event: { type: 'string' },
      kiosk: { type: 'string' },
      version: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'utc-offset': { type: 'string' },
      labels: { type: 'string' },
      values: { type: 'string' },
      multi: { type: 'string' },
      table: { type: 'string' },
      revisions: { type: 'string' },
      'published-only': { type: 'boolean' },
      'complete-only': { type: 'boolean' },
      anonymised: { type: 'boolean' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(EXPORT_USAGE);
    return EXIT_OK;
  }
  const formId = requireOption(values.form, 'form');
  if (!NameSchema.safeParse(formId).success) throw new UsageError(`--form: "${formId}" is not a form id`);
  const out = requireOption(values.out, 'out');
  const {
    form: _form,
    out: _out,
    anonymised,
    data,
    help: _help,
    'published-only': published,
    'complete-only': completeOnly,
    ...rest
  } = values;
  const query = {
    ...rest,
    ...(published && { 'published-only': 'true' }),
    ...(completeOnly && { complete: 'true' }),
  };
  const parsed = ExportQuerySchema.safeParse(query);
  if (!parsed.success) throw new UsageError(`--${describeIssue(parsed.error, 'options').message}`);
  const options = usable(() => exportOptions(formId, parsed.data, anonymised ?? false));
  const audited = { via: 'cli', formId, query: parsed.data, anonymised: anonymised ?? false } as const;
  return withDatabase(data, (s) => runExport(s, options, out, io, audited));
}

async function runExport(
  s: ServerDb,
  options: ExportOptions,
  out: string,
  io: CliIo,
  audited: Parameters<typeof auditExport>[2],
): Promise<number> {
  const prepared = await prepareExport(s, options);
  // Audited as the console's and /v1's exports are, once prepared: a refused export writes nothing.
  await auditExport(s, cliActor(), audited);
  const { layout } = prepared;
  const started = performance.now();
  let shown = started;
  // No total: counting a filtered million rows would cost a tenth of the export itself.
  const onProgress = ({ table, records }: { table: string; records: number }) => {
    const now = performance.now();
    if (now - shown < PROGRESS_EVERY_MS) return;
    shown = now;
    const seconds = ((now - started) / 1000).toFixed(0);
    io.err(`${terminalText(table)}: ${records.toLocaleString('en')} records exported (${seconds} s)`);
  };

  const toStdout = out === '-';
  const file = resolve(out);
  const partial = `${file}.partial`;
  // stdout must stay open for the final message: the export ends a pass-through instead.
  const stream: Writable = toStdout ? passTo(process.stdout) : createWriteStream(partial, { mode: 0o600 });
  let records: number;
  let rows: number;
  try {
    ({ records, rows } = await prepared.write(stream, onProgress));
  } catch (e) {
    if (!toStdout) rmSync(partial, { force: true });
    if (e instanceof Error && 'path' in e) throw new CliFailure(`${out}: ${e.message}`);
    throw e;
  }
  if (!toStdout) renameSync(partial, file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // A repeat's table has a row per instance: say rows, and of how many records.
  const repeat = options.table !== undefined && options.table !== layout.formId;
  const what = repeat
    ? `${rows.toLocaleString('en')} rows of table ${terminalText(options.table ?? '')} (from ${records.toLocaleString('en')} records)`
    : `${records.toLocaleString('en')} records`;
  io.err(
    `Exported ${what} of ${terminalText(layout.formId)} to ${toStdout ? 'stdout' : terminalText(file)} in ${seconds} s.`,
  );
  const others = layout.tables.filter((t) => t !== mainTable(layout)).map((t) => t.name);
  if (options.format === 'csv' && options.table === undefined && others.length > 0) {
    io.err(
      `This form also has the repeat tables ${terminalText(others.join(', '))}: export each with --table NAME, or use --format xlsx or zip.`,
    );
  }
  return EXIT_OK;
}

/** Options that parse but contradict each other (--from after --to) are a usage error. */
function usable<T>(make: () => T): T {
  try {
    return make();
  } catch (e) {
    if (e instanceof SyncError) throw new UsageError(`--${e.message}`);
    throw e;
  }
}

function passTo(target: Writable): Writable {
  const pass = new PassThrough();
  pass.pipe(target, { end: false });
  return pass;
}
