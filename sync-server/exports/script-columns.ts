// What a bundle column becomes in the SPSS syntax and the R script: the same decision for both,
// so a question has one type in every tool. Dates and times become real dates (SPSS DATE11 and
// DATETIME20, R Date and POSIXct); a select_one becomes numbered categories in form order with
// value labels (SPSS) or a factor (R), ordinal or ordered when its scale is; numbers are numbers.
import type { ColumnProfile } from './csv-table';
import { hasIntegerCodes, type ExportQuestion, type ExportTable } from './export-layout';
import { INTEGER_META } from './meta-fields';
import type { Column } from './table-rows';

export type ScriptTable = {
  table: ExportTable;
  file: string;
  columns: readonly Column[];
  profile: ColumnProfile;
};

export type ScriptColumn =
  /** A select_one: its codes are text in the CSV (or whole numbers, `integerCodes`). */
  | { kind: 'category'; question: ExportQuestion; integerCodes: boolean }
  | { kind: 'date' }
  /** A time with its offset as written (ISO 8601), or a dateTime answer. */
  | { kind: 'dateTime' }
  | { kind: 'integer'; level: 'SCALE' | 'NOMINAL' }
  | { kind: 'number' }
  /** 0/1: a chosen choice, a missing photo, complete, current, conflict. */
  | { kind: 'binary'; labels: 'yesNo' | 'completeness' | undefined }
  | { kind: 'text' };

const DATE_TIME_META = new Set(['created_at', 'received_at']);
const COUNT_META = new Set(['instance', 'revision', 'duration_seconds']);

/** `hasText`: the column held a text anywhere (a number question that did is read as text). */
export function scriptColumn(column: Column, hasText: boolean): ScriptColumn {
  switch (column.kind) {
    case 'choice':
    case 'missing':
      return { kind: 'binary', labels: 'yesNo' };
    case 'meta':
      if (DATE_TIME_META.has(column.field)) return { kind: 'dateTime' };
      if (COUNT_META.has(column.field)) return { kind: 'integer', level: 'SCALE' };
      if (INTEGER_META.has(column.field))
        return { kind: 'binary', labels: column.field === 'complete' ? 'completeness' : undefined };
      return { kind: 'text' };
    case 'answer': {
      const { question } = column;
      if (question.type === 'select_one' && (question.choices ?? []).length > 0)
        return { kind: 'category', question, integerCodes: hasIntegerCodes(question) };
      if (question.type === 'date') return { kind: 'date' };
      if (question.type === 'dateTime') return { kind: 'dateTime' };
      if (hasText) return { kind: 'text' };
      if (question.type === 'integer') return { kind: 'integer', level: 'SCALE' };
      if (question.type === 'decimal' || question.type === 'calculate') return { kind: 'number' };
      return { kind: 'text' };
    }
  }
}

/**
 * The time zone the R script shows times in: the export's utc-offset when one was asked (as the
 * fixed zone Etc/GMT+6 for -06:00; POSIX zone names have the sign reversed), else the event's,
 * else UTC.
 */
export function scriptTimeZone(offsetMinutes: number | undefined, eventTimeZone: string | undefined): string {
  if (offsetMinutes !== undefined) {
    if (offsetMinutes === 0 || offsetMinutes % 60 !== 0) return 'UTC';
    const hours = -offsetMinutes / 60;
    return `Etc/GMT${hours > 0 ? '+' : '-'}${Math.abs(hours)}`;
  }
  return eventTimeZone ?? 'UTC';
}
