// Column-aware access to one CSV sheet of an XLSForm, with every fault located.
import { CsvSyntaxError, parseCsv } from './csv';
import { LANGUAGES, LanguageSchema, type Language, type Localized } from './form-definition';
import { FormSheetError, type SheetName } from './form-sheet-error';

export type SheetSpec = {
  /** Columns read as they are. */
  plain: readonly string[];
  /** Columns with one variant per language: `label::es`, `label::Español (es)`, or bare `label` (default language). */
  localized: readonly string[];
  /** Refuse values in unknown columns (they would be silently ignored otherwise). */
  strict: boolean;
};

type Column = { index: number; header: string };

export type SheetRow = {
  line: number;
  /** The trimmed cell; '' when empty or the column is absent. */
  get(column: string): string;
  /** Text per language; bare columns count as the default language. */
  localized(base: string): Localized | undefined;
};

// `es`, or a descriptive name with the code in brackets as XLSForm tools write it: `Español (es)`.
const LANGUAGE_SUFFIX = /^(?:[^()]*\(\s*([A-Za-z]+)\s*\)|([A-Za-z]+))$/;

export class Sheet {
  readonly headerLine: number;
  readonly rows: readonly SheetRow[];
  private readonly columns = new Map<string, Column>();

  constructor(
    readonly name: SheetName,
    text: string,
    spec: SheetSpec,
    private defaultLanguage: Language = 'es',
  ) {
    let records;
    try {
      records = parseCsv(text);
    } catch (err) {
      if (err instanceof CsvSyntaxError) throw new FormSheetError(name, err.line, '', err.detail);
      throw err;
    }
    const [header, ...body] = records;
    if (header === undefined) throw new FormSheetError(name, 1, '', 'the sheet is empty');
    this.headerLine = header.line;

    const unknown: Column[] = [];
    header.fields.forEach((raw, index) => {
      const text = raw.trim();
      const key = this.columnKey(text, spec);
      if (key === undefined) {
        unknown.push({ index, header: text === '' ? `#${index + 1}` : text });
        return;
      }
      const previous = this.columns.get(key);
      if (previous)
        throw this.error(this.headerLine, text, `duplicate column (same as "${previous.header}")`);
      this.columns.set(key, { index, header: text });
    });

    this.rows = body.map((record) => {
      const cell = (column: Column | undefined): string =>
        column ? (record.fields[column.index] ?? '').trim() : '';
      if (spec.strict) {
        const used = unknown.find((column) => cell(column) !== '');
        if (used) throw this.error(record.line, used.header, 'unsupported column');
      }
      return {
        line: record.line,
        get: (column) => cell(this.columns.get(column)),
        localized: (base) => {
          const texts: Localized = {};
          for (const language of LANGUAGES) {
            const text =
              cell(this.columns.get(`${base}::${language}`)) ||
              (language === this.defaultLanguage ? cell(this.columns.get(base)) : '');
            if (text !== '') texts[language] = text;
          }
          return Object.keys(texts).length > 0 ? texts : undefined;
        },
      };
    });
  }

  /** Bare localized columns mean the default language, known only once the settings are read. */
  setDefaultLanguage(language: Language, localizedColumns: readonly string[]): void {
    this.defaultLanguage = language;
    for (const base of localizedColumns) {
      const bare = this.columns.get(base);
      const explicit = this.columns.get(`${base}::${language}`);
      if (bare && explicit)
        throw this.error(this.headerLine, bare.header, `duplicate column (same as "${explicit.header}")`);
    }
  }

  has(column: string): boolean {
    return this.columns.has(column);
  }

  /** Header text of a column for messages: as written in the sheet when present. */
  header(column: string): string {
    return this.columns.get(column)?.header ?? column;
  }

  /** Header of the column holding `base` in the default language, for messages. */
  localizedHeader(base: string): string {
    return this.columns.get(base)?.header ?? this.header(`${base}::${this.defaultLanguage}`);
  }

  /** Languages with at least one text in `base` columns, default language first. */
  languagesOf(base: string): Language[] {
    const used = LANGUAGES.filter((language) =>
      this.rows.some((row) => row.localized(base)?.[language] !== undefined),
    );
    return [this.defaultLanguage, ...used.filter((language) => language !== this.defaultLanguage)];
  }

  requireColumns(columns: readonly string[]): void {
    const missing = columns.find((column) => !this.columns.has(column));
    if (missing !== undefined) throw this.error(this.headerLine, missing, 'missing column');
  }

  error(row: number, column: string, detail: string): FormSheetError {
    return new FormSheetError(this.name, row, column, detail);
  }

  private columnKey(text: string, spec: SheetSpec): string | undefined {
    const [base = '', suffix, ...extra] = text.split('::');
    if (extra.length > 0) return undefined;
    if (suffix === undefined)
      return spec.plain.includes(base) || spec.localized.includes(base) ? base : undefined;
    if (!spec.localized.includes(base)) return undefined;
    const match = LANGUAGE_SUFFIX.exec(suffix.trim());
    const code = (match?.[1] ?? match?.[2] ?? suffix).toLowerCase();
    const language = LanguageSchema.safeParse(code);
    if (!language.success) {
      throw this.error(
        this.headerLine,
        text,
        `unsupported language "${suffix}" (use ${LANGUAGES.join(' or ')})`,
      );
    }
    return `${base}::${language.data}`;
  }
}
