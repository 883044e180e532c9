// Reading exports back the way a statistician's tools would (an RFC 4180 parser, a spreadsheet library)
// and rebuilding each record's answers from the tables, to compare with what was stored.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { parseCsv } from '../../../shared/forms/csv';
import type { AnswerValue, Answers } from '../../../shared/forms/form-definition';
import type { ServerDb } from '../../db/server-database';
import { unguarded } from '../cell-text';
import type { ExportLayout, ExportQuestion, ExportTable } from '../export-layout';
import { exportOptions, ExportQuerySchema, type ExportQuery } from '../export-options';
import { prepareExport, type ExportRunOptions } from '../run-export';

export type Table = { header: string[]; rows: (string | number | null)[][] };

/** The whole export in memory (tests only: exports stream). */
export async function exportBuffer(
  s: ServerDb,
  formId: string,
  query: ExportQuery,
  { anonymised = false, ...run }: ExportRunOptions & { anonymised?: boolean } = {},
): Promise<{ bytes: Buffer; layout: ExportLayout; fileName: string; contentType: string }> {
  const prepared = await prepareExport(
    s,
    exportOptions(formId, ExportQuerySchema.parse(query), anonymised),
    run,
  );
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await prepared.write(out);
  return { bytes: Buffer.concat(chunks), ...prepared };
}

export function csvTable(bytes: Buffer | string): Table {
  const rows = parseCsv(typeof bytes === 'string' ? bytes : bytes.toString('utf8')).map((r) => r.fields);
  const [header, ...rest] = rows;
  if (header === undefined) throw new Error('an empty CSV');
  return { header, rows: rest };
}

/** A date cell as the text it shows: YYYY-MM-DD, or with its time when it has one (no zone). */
function wallClock(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, -1);
}

export async function xlsxTables(bytes: Buffer): Promise<Map<string, Table>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const tables = new Map<string, Table>();
  for (const sheet of book.worksheets) {
    const width = sheet.getRow(1).cellCount;
    const rows: (string | number | null)[][] = [];
    sheet.eachRow((row) => {
      const cells: (string | number | null)[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = row.getCell(c).value;
        // A hyperlink (a photo's path) reads as its text; xlsxLinks gives its target.
        const value =
          cell instanceof Date
            ? wallClock(cell)
            : cell !== null && typeof cell === 'object' && 'hyperlink' in cell
              ? cell.text
              : cell;
        if (value !== null && typeof value === 'object')
          throw new Error(`unexpected cell ${JSON.stringify(value)}`);
        cells.push(
          value === undefined || value === null ? null : typeof value === 'number' ? value : String(value),
        );
      }
      rows.push(cells);
    });
    const [header, ...rest] = rows;
    tables.set(sheet.name, { header: (header ?? []).map(String), rows: rest });
  }
  return tables;
}

/** Every hyperlink of a workbook: "SHEET!A2" → its target. */
export async function xlsxLinks(bytes: Buffer): Promise<Map<string, string>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const links = new Map<string, string>();
  for (const sheet of book.worksheets) {
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const value = cell.value;
        if (value !== null && typeof value === 'object' && 'hyperlink' in value)
          links.set(`${sheet.name}!${cell.address}`, value.hyperlink);
      }),
    );
  }
  return links;
}

/** JSON Lines answers with each photo ({ name, sha256, path, missing }) back to its name. */
export function photoNames(answers: unknown): unknown {
  if (Array.isArray(answers)) return answers.map(photoNames);
  if (typeof answers !== 'object' || answers === null) return answers;
  if ('sha256' in answers && 'name' in answers) return answers.name;
  return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, photoNames(v)]));
}

/** A column's cells by name. */
export function column(table: Table, name: string): (string | number | null)[] {
  const at = table.header.indexOf(name);
  if (at < 0) throw new Error(`no column ${name} in ${table.header.join(', ')}`);
  return table.rows.map((row) => row[at] ?? null);
}

/**
 * Each record's answers, rebuilt from the main table and the repeat tables (joined by
 * parent_key), by submission id. CSV texts are unguarded first.
 */
export function answersFromTables(
  layout: ExportLayout,
  tables: ReadonlyMap<string, Table>,
): Map<string, Answers> {
  const byKey = new Map<string, Answers>();
  const records = new Map<string, Answers>();
  for (const table of layout.tables) {
    const data = tables.get(table.name);
    if (data === undefined) throw new Error(`no table ${table.name}`);
    const at = (name: string) => data.header.indexOf(name);
    for (const row of data.rows) {
      const answers = answersOf(table, data.header, row);
      if (table.repeatPath.length === 0) {
        const id = String(row[at('submission_id')]);
        records.set(id, answers);
        byKey.set(id, answers);
        continue;
      }
      const parent = byKey.get(String(row[at('parent_key')]));
      if (parent === undefined)
        throw new Error(`${table.name}: no parent row ${String(row[at('parent_key')])}`);
      const instances = (parent[table.name] ??= []) as Answers[];
      instances[Number(row[at('instance')]) - 1] = answers;
      byKey.set(String(row[at('key')]), answers);
    }
  }
  return records;
}

function answersOf(table: ExportTable, header: string[], row: (string | number | null)[]): Answers {
  const answers: Answers = {};
  for (const question of table.questions) {
    const at = header.indexOf(question.name);
    const value = at >= 0 ? valueOf(question, row[at] ?? null) : chosen(question, header, row);
    if (value !== undefined) answers[question.name] = value;
  }
  return answers;
}

function valueOf(question: ExportQuestion, cell: string | number | null): AnswerValue | undefined {
  if (cell === null || cell === '') return undefined;
  const text = typeof cell === 'string' ? unguarded(cell) : cell;
  switch (question.type) {
    case 'integer':
    case 'decimal':
      return Number(text);
    case 'calculate':
      return typeof text === 'number' || /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    case 'select_multiple':
      return String(text).split(' ');
    case 'image':
    case 'audio':
    case 'video':
    case 'file':
      return String(text).replace(/^media\//, '');
    default:
      return String(text);
  }
}

/** A select_multiple exported as 0/1 columns only. */
function chosen(
  question: ExportQuestion,
  header: string[],
  row: (string | number | null)[],
): string[] | undefined {
  const picked = (question.choices ?? []).filter((c) => {
    const cell = row[header.indexOf(`${question.name}.${c.name}`)];
    return cell === 1 || cell === '1';
  });
  return picked.length === 0 ? undefined : picked.map((c) => c.name);
}
