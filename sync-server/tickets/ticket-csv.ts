// Reads the online box office's CSV export into tickets, with every bad row named by its line.
// The format (docs/tickets.md): a header row naming the columns, in any order and any case, with
// spaces, dashes or underscores between words; columns we do not know are ignored.
//   code         required  the text the ticket's barcode or QR code carries
//   event        required  the event's id on this server
//   ticket_type  required  the type's name, shown at the door
//   holder_name  optional  shown at the door
//   valid_from   optional  ISO 8601 date and time with a UTC offset; empty: no start
//   valid_to     optional  the same; the last instant the ticket admits; empty: no end
import { NameSchema } from '../../shared/forms/form-definition';
import { CsvSyntaxError, parseCsv } from '../../shared/forms/csv';
import { isVisitorPassText } from '../../shared/passes/visitor-pass';
import type { RowError } from '../../shared/sync/protocol';
import { MAX_SCAN_TEXT } from '../../shared/tickets/scan-event';
import { isSignedTicketText } from '../../shared/tickets/ticket-codec';
import type { ImportedTicket } from '../../shared/tickets/validate-scan';
import { SyncError } from '../sync-error';

export const TICKET_CSV_COLUMNS = [
  'code',
  'event',
  'ticket_type',
  'holder_name',
  'valid_from',
  'valid_to',
] as const;
type Column = (typeof TICKET_CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['code', 'event', 'ticket_type'];
const MAX_NAME = 200;

export type TicketCsvRow = { line: number; ticket: ImportedTicket };

export type TicketCsv = {
  /** Data rows in the file. */
  rowCount: number;
  /** The rows that read well, in file order. */
  rows: TicketCsvRow[];
  /** What is wrong with the others, in line order; a row may have several. */
  errors: RowError[];
};

/**
 * Reads the file. A fault that leaves no row readable (CSV syntax, no header, a missing column)
 * is a SyncError; a bad row is listed in `errors` and left out of `rows`.
 */
export function readTicketCsv(text: string): TicketCsv {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw fileError(e.line, `not valid CSV: ${e.detail}`);
    throw e;
  }
  const [header, ...data] = records;
  if (header === undefined) throw fileError(1, 'the file is empty: expected a header row and tickets');
  const columns = readHeader(header.fields, header.line);
  const rows: TicketCsvRow[] = [];
  const errors: RowError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const record of data) {
    const value = (column: Column): string => {
      const index = columns.get(column);
      return index === undefined ? '' : (record.fields[index] ?? '').trim();
    };
    const problems: RowError[] = [];
    const fail = (column: Column, message: string) => problems.push({ line: record.line, column, message });

    const code = value('code');
    const codeProblem = checkCode(code);
    if (codeProblem !== undefined) fail('code', codeProblem);
    else {
      const first = firstLineOf.get(code);
      if (first === undefined) firstLineOf.set(code, record.line);
      else fail('code', `code ${code} is already on line ${first}`);
    }
    const eventId = value('event');
    if (eventId === '') fail('event', 'the event is empty');
    else if (!NameSchema.safeParse(eventId).success) fail('event', `"${eventId}" is not an event id`);
    const ticketType = value('ticket_type');
    if (ticketType === '') fail('ticket_type', 'the ticket type is empty');
    else if (ticketType.length > MAX_NAME) fail('ticket_type', `longer than ${MAX_NAME} characters`);
    const holder = value('holder_name');
    if (holder.length > MAX_NAME) fail('holder_name', `longer than ${MAX_NAME} characters`);
    const time = (column: 'valid_from' | 'valid_to'): string | null => {
      const text = value(column);
      if (text === '') return null;
      const parsed = parseIsoTime(text);
      if (typeof parsed === 'string') return parsed;
      fail(column, parsed.error);
      return null;
    };
    const validFrom = time('valid_from');
    const validTo = time('valid_to');
    if (validFrom !== null && validTo !== null && validFrom > validTo) {
      fail('valid_to', `${validTo} is before valid_from ${validFrom}`);
    }
    if (problems.length > 0) errors.push(...problems);
    else {
      rows.push({
        line: record.line,
        ticket: { code, eventId, ticketType, holder: holder === '' ? null : holder, validFrom, validTo },
      });
    }
  }
  return { rowCount: data.length, rows, errors };
}

function readHeader(fields: string[], line: number): Map<Column, number> {
  const columns = new Map<Column, number>();
  fields.forEach((field, index) => {
    const name = field
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, '_');
    const column = TICKET_CSV_COLUMNS.find((c) => c === name);
    if (column === undefined) return;
    if (columns.has(column)) throw fileError(line, `the column ${column} appears twice in the header`);
    columns.set(column, index);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) {
    throw fileError(
      line,
      `the header lacks ${missing.join(', ')}: expected the columns ${TICKET_CSV_COLUMNS.join(', ')}`,
    );
  }
  return columns;
}

// What a camera or scanner could never yield as a code (see validate-scan.ts).
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const NOT_TEXT = /[\u0000-\u001f\u007f-\u009f\ufffd]/;

function checkCode(code: string): string | undefined {
  if (code === '') return 'the code is empty';
  if (code.length > MAX_SCAN_TEXT) return `the code is longer than ${MAX_SCAN_TEXT} characters`;
  if (NOT_TEXT.test(code)) return 'the code has control characters';
  if (isSignedTicketText(code) || isVisitorPassText(code)) {
    return `the code starts like a Quiosco ticket or pass (${code.slice(0, 4)}), so doors would never look it up`;
  }
  return undefined;
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)$/i;
const NO_OFFSET = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?$/;
const EXAMPLE = 'like 2026-11-20T18:00:00+01:00 or 2026-11-20T17:00Z';

/** An ISO 8601 date and time with a UTC offset, as UTC ISO text; anything else is refused. */
export function parseIsoTime(text: string): string | { error: string } {
  const m = ISO_TIME.exec(text);
  if (m === null) {
    return NO_OFFSET.test(text)
      ? {
          error: `"${text}" has no time or no UTC offset: the door cannot tell when that is; write it ${EXAMPLE}`,
        }
      : { error: `"${text}" is not an ISO 8601 date and time ${EXAMPLE}` };
  }
  const [, y, mo, d, h, mi, s = '0', fraction = '', zulu, sign, oh = '0', om = '0'] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const offsetMinutes = zulu === undefined ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  const inRange =
    year >= 1900 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    Number(oh) <= 23 &&
    Number(om) <= 59;
  if (!inRange) return { error: `"${text}" is not a real date and time` };
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  return new Date(utc).toISOString();
}

function fileError(line: number, message: string): SyncError {
  return new SyncError('invalid_input', `line ${line}: ${message}`, {
    field: 'csv',
    rows: [{ line, message }],
  });
}
