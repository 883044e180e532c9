// An export from start to end: the form's layout is read first (so a wrong form, table or filter
// is refused before any byte is sent), then the records are streamed into the chosen format —
// one pass over the database per table, a page at a time.
import type { Writable } from 'node:stream';
import type { Language } from '../../shared/forms/form-definition';
import type { ServerDb } from '../db/server-database';
import { SyncError } from '../sync-error';
import { codebookCsv, codebookMarkdown } from './codebook';
import { describeFilters } from './describe-filters';
import { CsvTable } from './csv-table';
import { findTable, loadExportLayout, mainTable, type ExportLayout, type ExportTable } from './export-layout';
import { atOffset, type ExportFormat, type ExportOptions } from './export-options';
import { FormStats } from './form-stats';
import { MediaIndex } from './media';
import { completeAttachments, copyPhotos } from './media-store';
import { requirePublicationConsent } from './publication';
import { publishedPhotos } from './report-photos';
import { rScript } from './r-script';
import { deviceNames, recordPages, toRecord, type ExportRecord, type StoredRow } from './record-pages';
import { sharePages, type SharedPages } from './shared-pages';
import { createPageEncoder, type EncoderSpec } from './page-encoder';
import { defaultWorkerCount, type EncodedPage } from './encoder-pool';
import { BOM, csvLine } from './cell-text';
import { scriptTimeZone } from './script-columns';
import { spssSyntax, type ScriptTable } from './spss-syntax';
import { summaryReportHtml } from './summary-report';
import { columnHeaders, TableRows, type Column, type RowOptions } from './table-rows';
import { endStream, TextSink } from './text-sink';
import { XlsxWorkbook, type DateColumn } from './xlsx-writer';
import { ZipOutput } from './zip-output';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonl: 'application/jsonl; charset=utf-8',
  zip: 'application/zip',
  report: 'text/html; charset=utf-8',
};

const EXTENSIONS: Record<ExportFormat, string> = {
  csv: 'csv',
  xlsx: 'xlsx',
  jsonl: 'jsonl',
  zip: 'zip',
  report: 'html',
};

/** Called after each page of records: the table being written and its records so far. */
export type ExportProgress = (progress: { table: string; records: number }) => void;

export type PreparedExport = {
  layout: ExportLayout;
  contentType: string;
  fileName: string;
  /**
   * Writes the export to `out` and ends it; resolves with the number of records and of rows of
   * the (CSV's) table, which for a repeat's table is one per instance.
   */
  write(out: Writable, onProgress?: ExportProgress): Promise<{ records: number; rows: number }>;
};

export type ExportRunOptions = {
  now?: Date;
  /** Worker threads for CSV, JSON Lines and the report (default: one per core, at most 4). */
  workers?: number;
};

export async function prepareExport(
  s: ServerDb,
  options: ExportOptions,
  { now = new Date(), workers = defaultWorkerCount() }: ExportRunOptions = {},
): Promise<PreparedExport> {
  if (options.table !== undefined && options.format !== 'csv')
    throw new SyncError('invalid_input', 'table: only a CSV export is one table', { field: 'table' });
  const layout = await loadExportLayout(s.db, options.formId, options.filters, options.anonymised);
  if (options.publishedOnly)
    options = { ...options, filters: { ...options.filters, publishedBy: requirePublicationConsent(layout) } };
  const table = options.table === undefined ? mainTable(layout) : findTable(layout, options.table);
  const language = options.language ?? layout.defaultLanguage;
  const tablePart = table === mainTable(layout) ? '' : `-${table.name}`;
  const eventPart = options.filters.eventId === undefined ? '' : `-${options.filters.eventId}`;
  const day = now.toISOString().slice(0, 10);
  const run = new ExportRun(s, layout, options, language, now, workers);
  return {
    layout,
    contentType: CONTENT_TYPES[options.format],
    fileName: `${layout.formId}${eventPart}${tablePart}-${day}.${EXTENSIONS[options.format]}`,
    write: (out, onProgress) => run.write(out, table, onProgress),
  };
}

/** Which columns hold dates or times (the kiosk's and server's times, date questions). */
function dateColumn(column: Column): DateColumn {
  if (column.kind === 'meta')
    return column.field === 'created_at' || column.field === 'received_at' ? 'dateTime' : undefined;
  if (column.kind !== 'answer') return undefined;
  const { type } = column.question;
  return type === 'date' || type === 'dateTime' ? type : undefined;
}

class ExportRun {
  private records = 0;
  private rows = 0;
  private onProgress: ExportProgress | undefined;
  private devices: ReadonlyMap<string, string> = new Map();
  /** The photos the server holds in full, and (in the bundle) those the tables name. */
  private photos: string[] = [];
  private media = new MediaIndex([]);

  constructor(
    private readonly s: ServerDb,
    private readonly layout: ExportLayout,
    private readonly options: ExportOptions,
    private readonly language: Language,
    private readonly now: Date,
    private readonly workers: number,
  ) {}

  async write(
    out: Writable,
    table: ExportTable,
    onProgress?: ExportProgress,
  ): Promise<{ records: number; rows: number }> {
    this.onProgress = onProgress;
    this.devices = await deviceNames(this.s.db);
    this.photos = await completeAttachments(this.s.db, this.layout);
    this.media = new MediaIndex(this.photos);
    try {
      switch (this.options.format) {
        case 'csv':
          await this.csv(out, table);
          break;
        case 'xlsx':
          await this.xlsx(out);
          break;
        case 'jsonl':
          await this.jsonl(out);
          break;
        case 'zip':
          await this.zip(out);
          break;
        case 'report':
          await this.report(out);
          break;
      }
    } catch (e) {
      out.destroy(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
    return { records: this.records, rows: this.rows };
  }

  private rowOptions(values: RowOptions['values'] = this.options.values): RowOptions {
    return {
      values,
      multi: this.options.multi,
      utcOffsetMinutes: this.options.utcOffsetMinutes,
      language: this.language,
    };
  }

  /**
   * One pass over the records: `visit` sees each record, `afterPage` runs after each page (where
   * writers wait for the output); returns how many records there were.
   */
  private async scan(
    table: string,
    visit: (record: ExportRecord) => void,
    afterPage: () => Promise<void>,
  ): Promise<number> {
    const { filters } = this.options;
    let records = 0;
    for await (const page of this.pages()) {
      for (const row of page) {
        const record = toRecord(row, filters);
        if (record === undefined) continue;
        visit(record);
        records++;
      }
      await afterPage();
      this.onProgress?.({ table, records });
    }
    return records;
  }

  private pages(): AsyncGenerator<StoredRow[]> {
    const { formId, filters } = this.options;
    return recordPages(this.s, formId, filters, this.layout.kind === 'heritage');
  }

  private tableRows(table: ExportTable, options = this.rowOptions()): TableRows {
    return new TableRows(this.layout, table, options, this.devices, this.media);
  }

  private headers(rows: TableRows): string[] {
    return columnHeaders(rows.columns, this.options.headers, this.language);
  }

  private async csv(out: Writable, table: ExportTable): Promise<void> {
    const rows = this.tableRows(table);
    const sink = new TextSink(out);
    sink.write(BOM + csvLine(this.headers(rows), 'keep'));
    await this.lines(sink, 'csv', table);
  }

  private async xlsx(out: Writable): Promise<void> {
    const book = new XlsxWorkbook(out);
    for (const table of this.layout.tables) {
      const rows = this.tableRows(table);
      const sheet = book.openTable(table.name, this.headers(rows), rows.columns.map(dateColumn));
      const records = await this.scan(
        table.name,
        (record) => rows.rowsOf(record, sheet.writeRow),
        () => sheet.afterRows(),
      );
      if (table === mainTable(this.layout)) this.records = records;
      await sheet.close();
    }
    await book.finish();
  }

  private async jsonl(out: Writable): Promise<void> {
    await this.lines(new TextSink(out), 'jsonl', mainTable(this.layout));
  }

  /** A line-based export: each page's text written in the order the pages were read. */
  private async lines(sink: TextSink, job: 'csv' | 'jsonl', table: ExportTable): Promise<void> {
    const spec = this.spec(job, table);
    const here = createPageEncoder(spec, this.layout);
    await sharePages<EncodedPage>(this.s, this.shared(this.workers, false), {
      spec,
      here: (rows) => ({ ...here(rows), written: () => undefined }),
      there: (pool, page) => pool.encode(page),
      settle: async (page) => {
        sink.write(page.bytes, page.written);
        this.records += page.records;
        this.rows += page.rows;
        await sink.flushIfFull();
        this.onProgress?.({ table: table.name, records: this.records });
      },
    });
    await sink.flush();
    await endStream(sink.out);
  }

  private shared(workers: number, hereToo: boolean): SharedPages {
    const { formId, filters } = this.options;
    return { formId, filters, fieldRecords: this.layout.kind === 'heritage', workers, hereToo };
  }

  private spec(job: EncoderSpec['job'], table: ExportTable): EncoderSpec {
    return {
      job,
      definitions: this.layout.versions.map((v) => v.form.definition),
      anonymised: this.layout.anonymised,
      table: table.name,
      rowOptions: this.rowOptions(),
      filters: this.options.filters,
      devices: [...this.devices],
      photos: this.photos,
    };
  }

  /**
   * The bundle: every table as CSV (names and codes, line breaks inside answers as U+2028 so SPSS
   * can read them), the codebook, SPSS syntax, an R script, the summary report, and in `media/`
   * every photo the tables name that the server has, streamed a stored chunk at a time. The
   * counts for the codebook and the report are gathered while the main table is written.
   */
  private async zip(out: Writable): Promise<void> {
    const zip = new ZipOutput(out);
    const stats = new FormStats(this.layout, this.options.utcOffsetMinutes);
    const scripts: ScriptTable[] = [];
    for (const table of this.layout.tables) {
      const isMain = table === mainTable(this.layout);
      const rows = this.tableRows(table, this.rowOptions('codes'));
      const file = isMain ? `${this.layout.formId}.csv` : `${this.layout.formId}-${table.name}.csv`;
      const sink = zip.openEntry(file);
      const csv = new CsvTable(
        sink,
        rows.columns.map((c) => c.name),
        'separators',
        true,
      );
      const records = await this.scan(
        table.name,
        (record) => {
          if (isMain) stats.add(record);
          rows.rowsOf(record, csv.writeRow);
        },
        () => sink.flushIfFull(),
      );
      if (isMain) this.records = records;
      await zip.endEntry(sink);
      scripts.push({ table, file, columns: rows.columns, profile: csv.profile as ScriptTable['profile'] });
    }
    const generatedAt = this.generatedAt();
    zip.addText('codebook.csv', codebookCsv(stats, scripts));
    zip.addText('codebook.md', codebookMarkdown(stats, scripts, this.language, generatedAt));
    zip.addText(`${this.layout.formId}.sps`, spssSyntax(this.layout, scripts, this.language));
    const timeZone = scriptTimeZone(this.options.utcOffsetMinutes, await this.eventTimeZone());
    zip.addText(`${this.layout.formId}.R`, rScript(this.layout, scripts, this.language, timeZone));
    zip.addText('report.html', await this.reportHtml(stats));
    await copyPhotos(this.s, this.media.used, {
      open: (path) => zip.openEntry(path, true),
      close: (sink) => zip.endEntry(sink),
    });
    await zip.finish();
  }

  /** The IANA time zone of the event the export is filtered by, when it has one. */
  private async eventTimeZone(): Promise<string | undefined> {
    const { eventId } = this.options.filters;
    if (eventId === undefined) return undefined;
    const row = await this.s.db
      .selectFrom('events')
      .select('time_zone')
      .where('id', '=', eventId)
      .executeTakeFirst();
    return row?.time_zone ?? undefined;
  }

  private async report(out: Writable): Promise<void> {
    const table = mainTable(this.layout);
    const stats = new FormStats(this.layout, this.options.utcOffsetMinutes);
    // This thread gathers a share too, with a worker fewer: each gatherer holds its share of
    // the numbers (every numeric answer is kept for exact quartiles) and a heap of its own.
    await sharePages<number>(
      this.s,
      this.shared(Math.min(this.workers, Math.max(1, this.workers - 1)), true),
      {
        spec: this.spec('stats', table),
        here: (rows) => stats.addPage(rows, this.options.filters),
        there: (pool, page) => pool.gather(page),
        settle: async (records) => {
          this.records += records;
          this.onProgress?.({ table: table.name, records: this.records });
        },
        atEnd: async (pool) => {
          for (const snapshot of await pool.snapshots()) stats.absorb(snapshot);
        },
      },
    );
    const sink = new TextSink(out);
    sink.write(await this.reportHtml(stats));
    await sink.flush();
    await endStream(out);
  }

  /** The export's time, at the asked offset like every other time in it. */
  private generatedAt(): string {
    const iso = this.now.toISOString();
    const offset = this.options.utcOffsetMinutes;
    return offset === undefined ? iso : atOffset(iso, offset);
  }

  private async reportHtml(stats: FormStats): Promise<string> {
    return summaryReportHtml(stats, {
      language: this.language,
      generatedAt: this.generatedAt(),
      scope: describeFilters(this.options, this.language),
      deviceNames: this.devices,
      photos: await publishedPhotos(this.s, this.layout, this.options.filters, this.photos),
    });
  }
}
