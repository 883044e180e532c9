// What the codebook and the summary report say about the data, gathered record by record in one
// pass: per question how many rows answered it, skipped it although it was asked (missing), were
// never asked it (not applicable: skip logic, or a form version without it) or stopped before it
// (not reached: an incomplete record, see record-reach.ts); frequencies of
// choices; every number (for exact quartiles); records per day and per kiosk.
import { isStringList, ownAnswer } from '../../shared/forms/answer-values';
import type { ExportLayout, ExportQuestion } from './export-layout';
import { atOffset } from './export-options';
import type { ExportFilters } from './export-options';
import { rowsOfRecord } from './instances';
import { toRecord, type ExportRecord, type StoredRow } from './record-pages';
import { settleRecord } from './record-reach';
import { relevance } from './relevance';
import { ImpactStats, type ImpactSnapshot } from './impact-stats';
import { NumberSample } from './number-sample';

export { NumberSample, type Distribution } from './number-sample';

export type QuestionStats = {
  answered: number;
  missing: number;
  notApplicable: number;
  /** Relevant, but after an incomplete record's last answer (record-reach.ts). */
  notReached: number;
  /** Form version → rows that answered: the base of a choice offered by some versions only. */
  answeredByVersion: Map<string, number>;
  /** Choice code → times chosen (select questions). */
  frequencies: Map<string, number> | undefined;
  /** Numeric answers (integer, decimal, numeric calculations). */
  numbers: NumberSample | undefined;
};

const NUMERIC_TYPES = new Set(['integer', 'decimal', 'calculate']);

/** FormStats as plain data, to bring a worker thread's share back (numbers transferred). */
export type StatsSnapshot = {
  records: number;
  complete: number;
  perDay: [string, number][];
  perDevice: [string, number][];
  rowsPerTable: [string, number][];
  impact: ImpactSnapshot | undefined;
  questions: {
    name: string;
    answered: number;
    missing: number;
    notApplicable: number;
    notReached: number;
    answeredByVersion: [string, number][];
    frequencies: [string, number][] | undefined;
    numbers: Float64Array[] | undefined;
  }[];
};

export class FormStats {
  records = 0;
  /** Complete records (the rest were kept incomplete at the kiosk's idle timeout). */
  complete = 0;
  /** Records per day of their created time (YYYY-MM-DD at the export's offset, or as stored). */
  readonly perDay = new Map<string, number>();
  /** Records per kiosk (device id). */
  readonly perDevice = new Map<string, number>();
  /** Rows per table (records for the main table, instances for a repeat's). */
  readonly rowsPerTable = new Map<string, number>();
  readonly questions = new Map<ExportQuestion, QuestionStats>();
  /** The economic-impact figures, for a form that has them (impact-stats.ts). */
  readonly impact: ImpactStats | undefined;

  constructor(
    readonly layout: ExportLayout,
    private readonly utcOffsetMinutes: number | undefined,
  ) {
    this.impact = ImpactStats.of(layout);
    for (const table of layout.tables) {
      this.rowsPerTable.set(table.name, 0);
      for (const q of table.questions) {
        this.questions.set(q, {
          answered: 0,
          missing: 0,
          notApplicable: 0,
          notReached: 0,
          answeredByVersion: new Map(),
          frequencies: q.choices === undefined ? undefined : new Map(q.choices.map((c) => [c.name, 0])),
          numbers: NUMERIC_TYPES.has(q.type) ? new NumberSample() : undefined,
        });
      }
    }
  }

  add(record: ExportRecord): void {
    this.records++;
    if (record.complete) this.complete++;
    const created =
      this.utcOffsetMinutes === undefined
        ? record.createdAt
        : atOffset(record.createdAt, this.utcOffsetMinutes);
    increment(this.perDay, created.slice(0, 10));
    increment(this.perDevice, record.deviceId);
    const form = this.layout.byVersion.get(record.formVersion);
    const today = record.createdAt.slice(0, 10);
    const reached = settleRecord(form, record);
    this.impact?.add(record.answers);
    for (const table of this.layout.tables) {
      rowsOfRecord(form, table, record, (row) => {
        increment(this.rowsPerTable, table.name);
        for (const q of table.questions) {
          const stats = this.questions.get(q) as QuestionStats;
          const raw = ownAnswer(row.scope.answers, q.name);
          if (raw === undefined) {
            const verdict = relevance(form, q.name, row.scope, today, reached);
            if (verdict === 'relevant') stats.missing++;
            else if (verdict === 'not_reached') stats.notReached++;
            else stats.notApplicable++;
            continue;
          }
          stats.answered++;
          increment(stats.answeredByVersion, record.formVersion);
          if (stats.frequencies !== undefined) {
            for (const code of isStringList(raw) ? raw : typeof raw === 'string' ? [raw] : [])
              increment(stats.frequencies, code);
          }
          if (stats.numbers !== undefined && typeof raw === 'number') stats.numbers.add(raw);
        }
      });
    }
  }

  /** Adds a page of stored rows (those within the filters' times); returns how many records. */
  addPage(rows: readonly StoredRow[], filters: ExportFilters): number {
    let records = 0;
    for (const row of rows) {
      const record = toRecord(row, filters);
      if (record === undefined) continue;
      this.add(record);
      records++;
    }
    return records;
  }

  snapshot(): StatsSnapshot {
    return {
      records: this.records,
      complete: this.complete,
      perDay: [...this.perDay],
      perDevice: [...this.perDevice],
      rowsPerTable: [...this.rowsPerTable],
      impact: this.impact?.snapshot(),
      questions: [...this.questions].map(([q, stats]) => ({
        name: q.name,
        answered: stats.answered,
        missing: stats.missing,
        notApplicable: stats.notApplicable,
        notReached: stats.notReached,
        answeredByVersion: [...stats.answeredByVersion],
        frequencies: stats.frequencies && [...stats.frequencies],
        numbers: stats.numbers?.chunks(),
      })),
    };
  }

  /** Adds another thread's counts to these. */
  absorb(snapshot: StatsSnapshot): void {
    this.records += snapshot.records;
    this.complete += snapshot.complete;
    for (const [key, n] of snapshot.perDay) increment(this.perDay, key, n);
    for (const [key, n] of snapshot.perDevice) increment(this.perDevice, key, n);
    for (const [key, n] of snapshot.rowsPerTable) increment(this.rowsPerTable, key, n);
    if (snapshot.impact !== undefined) this.impact?.absorb(snapshot.impact);
    const byName = new Map([...this.questions].map(([q, stats]) => [q.name, stats]));
    for (const q of snapshot.questions) {
      const stats = byName.get(q.name);
      if (stats === undefined) throw new Error(`no question ${q.name} in these statistics`);
      stats.answered += q.answered;
      stats.missing += q.missing;
      stats.notApplicable += q.notApplicable;
      stats.notReached += q.notReached;
      for (const [version, n] of q.answeredByVersion) increment(stats.answeredByVersion, version, n);
      if (stats.frequencies !== undefined)
        for (const [code, n] of q.frequencies ?? []) increment(stats.frequencies, code, n);
      if (q.numbers !== undefined) stats.numbers?.addAll(q.numbers);
    }
  }
}

/** Rows that answered the question with a version offering the choice: its percentages' base. */
export function choiceBase(question: ExportQuestion, stats: QuestionStats, choice: string): number {
  const versions = question.choiceVersions.get(choice);
  if (versions === undefined) return stats.answered;
  return versions.reduce((sum, version) => sum + (stats.answeredByVersion.get(version) ?? 0), 0);
}

function increment(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}
