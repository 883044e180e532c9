// A small RFC 4180 CSV reader. Ours rather than csv-parse because csv-parse's sync entry needs
// Node's Buffer, and this code also runs in the renderer; and because sheet errors must name the
// physical line a record starts on.

export type CsvRecord = {
  /** 1-based line of the text on which the record starts. */
  line: number;
  fields: string[];
};

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    /** 0-based index of the field at fault within its record. */
    readonly field: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

/**
 * Splits CSV text into records. Strips a leading BOM, accepts CRLF, LF and CR line ends, quoted
 * fields with "" escapes and embedded newlines, and rows of different lengths. Records whose
 * fields are all empty (blank lines, rows of bare commas as spreadsheets export them) are skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;

  const endRecord = (): void => {
    fields.push(field);
    if (fields.some((f) => f !== '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };

  while (i < src.length) {
    const c = src[i];
    if (c === '"' && field === '') {
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= src.length)
          throw new CsvSyntaxError(quoteLine, fields.length, 'quoted field is never closed');
        const q = src[i];
        if (q === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n' || (q === '\r' && src[i + 1] !== '\n')) line++;
        field += q;
        i++;
      }
      const after = src[i];
      if (after !== undefined && after !== ',' && after !== '\n' && after !== '\r') {
        throw new CsvSyntaxError(line, fields.length, 'unexpected character after a closing quote');
      }
      continue;
    }
    if (c === ',') {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c;
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
