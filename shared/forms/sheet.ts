// Column-aware access to one sheet of an XLSForm (from CSV or a workbook), with every fault located.
import type { CsvRecord } from './csv';
import type { Language, Localized } from './form-definition';
import { FormSheetError, type SheetLocation, type SheetName } from './form-sheet-error';
import { parseHeader, type SheetSpec } from './headers';

/** A sheet's non-blank rows as text cells, each with its 1-based spreadsheet row. */
export type SheetTable = readonly CsvRecord[];

type Column = { index: number; header: string };

export type SheetRow = {
  line: number;
  /** The trimmed cell of a column key (`name`, `label::English`); '' when empty or absent. */
  get(column: string): string;
  /** Text per language of a localized column, through the form's language slots. */
  localized(base: string): Localized | undefined;
  /** Cells of the columns the sheet spec does not know, by header (choice filter data). */
  extra(): Record<string, string>;
};

/**
 * Columns holding XPath. pyxform turns curly quotes into straight ones in every cell before ODK
 * Validate sees the form, so ODK reads ‘yes’ in an expression as 'yes'; we do the same here (not
 * in labels and hints, whose typography visitors see).
 */
const EXPRESSION_COLUMNS = new Set([
  'relevant',
  'constraint',
  'calculation',
  'required',
  'read_only',
  'default',
  'choice_filter',
  'repeat_count',
  'trigger',
  'instance_name',
]);
const CURLY_QUOTES = /[‘’“”]/g;
const straighten = (text: string): string =>
  text.replace(CURLY_QUOTES, (quote) => (quote === '‘' || quote === '’' ? "'" : '"'));

/** Maps a language tag ('' for a bare column) to the slot it fills, or undefined when not shown. */
export type LanguageSlots = (tag: string) => Language | undefined;

export class Sheet {
  readonly headerLine: number;
  readonly rows: readonly SheetRow[];
  /** Columns the spec does not know, in sheet order. */
  readonly unknown: Column[] = [];
  private readonly columns = new Map<string, Column>();
  private slots: LanguageSlots = (tag) => (tag === '' ? 'es' : undefined);

  constructor(
    readonly name: SheetName,
    table: SheetTable,
    spec: SheetSpec,
  ) {
    const [header, ...body] = table;
    if (header === undefined) throw new FormSheetError(name, 1, '', 'the sheet is empty');
    this.headerLine = header.line;

    const unknown = this.unknown;
    header.fields.forEach((raw, index) => {
      const text = raw.trim();
      const key = text === '' ? undefined : parseHeader(text, spec);
      if (key === undefined) {
        unknown.push({ index, header: text === '' ? `#${index + 1}` : text });
        return;
      }
      const id = key.tag === undefined ? key.base : `${key.base}::${key.tag}`;
      const previous = this.columns.get(id);
      if (previous)
        throw this.error(this.headerLine, text, `duplicate column (same as "${previous.header}")`, index);
      this.columns.set(id, { index, header: text });
    });

    this.rows = body.map((record) => {
      const cell = (column: Column | undefined): string =>
        column ? (record.fields[column.index] ?? '').trim() : '';
      return {
        line: record.line,
        get: (column) => {
          const text = cell(this.columns.get(column));
          return EXPRESSION_COLUMNS.has(column) ? straighten(text) : text;
        },
        localized: (base) => {
          const texts: Localized = {};
          for (const tag of this.tagsOf(base)) {
            const language = this.slots(tag);
            const text = cell(this.columns.get(`${base}::${tag}`));
            if (language !== undefined && text !== '') texts[language] = text;
          }
          return Object.keys(texts).length > 0 ? texts : undefined;
        },
        extra: () => Object.fromEntries(unknown.map((column) => [column.header, cell(column)] as const)),
      };
    });
  }

  /** Language tags of a localized column, in sheet order ('' for the bare column). */
  tagsOf(base: string): string[] {
    const prefix = `${base}::`;
    return [...this.columns.entries()]
      .filter(([id]) => id.startsWith(prefix))
      .sort(([, a], [, b]) => a.index - b.index)
      .map(([id]) => id.slice(prefix.length));
  }

  /** Which language each tag fills, known once the settings and every sheet's headers are read. */
  setLanguageSlots(slots: LanguageSlots, localized: readonly string[]): void {
    this.slots = slots;
    for (const base of localized) {
      const seen = new Map<Language, string>();
      for (const tag of this.tagsOf(base)) {
        const language = slots(tag);
        if (language === undefined) continue;
        const other = seen.get(language);
        if (other !== undefined) {
          throw this.error(
            this.headerLine,
            `${base}::${tag}`,
            `duplicate column (same language as "${this.header(`${base}::${other}`)}")`,
          );
        }
        seen.set(language, tag);
      }
    }
  }

  has(column: string): boolean {
    return this.columns.has(column);
  }

  /** Header text of a column for messages: as written in the sheet when present. */
  header(column: string): string {
    return this.columns.get(column)?.header ?? column.replace(/::$/, '');
  }

  /** Key of the column holding `base` in a language slot, for messages. */
  localizedKey(base: string, language: Language): string {
    const tag = this.tagsOf(base).find((t) => this.slots(t) === language);
    return `${base}::${tag ?? language}`;
  }

  requireColumns(columns: readonly string[]): void {
    const missing = columns.find((column) => !this.columns.has(column));
    if (missing !== undefined) throw this.error(this.headerLine, missing, 'missing column');
  }

  /** Where a cell is: `column` is a column key (name or `base::tag`) or a header as written. */
  at(row: number, column: string): SheetLocation {
    if (column === '') return { sheet: this.name, row, column: '' };
    const known = this.columns.get(column) ?? this.unknown.find((c) => c.header === column);
    if (known === undefined) return { sheet: this.name, row, column: this.header(column) };
    return { sheet: this.name, row, column: known.header, columnIndex: known.index };
  }

  error(row: number, column: string, detail: string, index?: number): FormSheetError {
    const location = this.at(row, column);
    return new FormSheetError(this.name, row, location.column, detail, index ?? location.columnIndex);
  }
}
