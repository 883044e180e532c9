// The economic-impact figures of the summary report, from the survey itself: the headline
// (responses, complete ones, the visitor groups' spending in total, per group and per person)
// and, by the visitor's origin, spending (n, mean, median, total) and overnight stays.
// A form takes part by naming its questions as the economic-impact survey does (IMPACT_NAMES):
// an origin select_one and a spending number in the main table, and optionally the group's size
// and a si/no overnight question. Other forms have no such tables.
import { ownAnswer } from '../../shared/forms/answer-values';
import type { Answers } from '../../shared/forms/form-definition';
import { mainTable, type ExportLayout, type ExportQuestion } from './export-layout';
import { NumberSample } from './number-sample';

export const IMPACT_NAMES = {
  /** Where the visitor lives (a select_one): the rows of the tables. */
  origin: 'pais',
  /** The visitor group's spending during the visit (a number or a calculation). */
  spending: 'gasto_total',
  /** People in the visitor group, the visitor included: spending per person. */
  group: 'tamano_grupo',
  /** Whether the group stays overnight in the region: answered `si` or another choice. */
  overnight: 'pernocta',
} as const;

const YES = 'si';
const NUMERIC = new Set(['integer', 'decimal', 'calculate']);

type OriginStats = {
  /** Records from this origin. */
  records: number;
  spending: NumberSample;
  /** Answered the overnight question, and answered `si`. */
  overnightAnswered: number;
  overnight: number;
};

/** ImpactStats as plain data, to bring a worker thread's share back (spending transferred). */
export type ImpactSnapshot = {
  origins: [
    string,
    { records: number; spending: Float64Array[]; overnightAnswered: number; overnight: number },
  ][];
  groupSpending: number;
  people: number;
};

export class ImpactStats {
  readonly byOrigin = new Map<string, OriginStats>();
  /** Spending of the groups whose size is known, and the people in them: spending per person. */
  groupSpending = 0;
  people = 0;

  private constructor(
    readonly origin: ExportQuestion,
    readonly hasGroup: boolean,
    readonly hasOvernight: boolean,
  ) {}

  /** The figures of a form that has an origin and a spending question, or undefined. */
  static of(layout: ExportLayout): ImpactStats | undefined {
    const questions = new Map(mainTable(layout).questions.map((q) => [q.name, q]));
    const origin = questions.get(IMPACT_NAMES.origin);
    const spending = questions.get(IMPACT_NAMES.spending);
    if (origin?.type !== 'select_one' || spending === undefined || !NUMERIC.has(spending.type))
      return undefined;
    const group = questions.get(IMPACT_NAMES.group);
    return new ImpactStats(
      origin,
      group !== undefined && NUMERIC.has(group.type),
      questions.get(IMPACT_NAMES.overnight)?.type === 'select_one',
    );
  }

  /** A record's main answers, its unfed calculations already blanked (settleRecord). */
  add(answers: Answers): void {
    const spending = ownAnswer(answers, IMPACT_NAMES.spending);
    const group = ownAnswer(answers, IMPACT_NAMES.group);
    if (typeof spending === 'number' && this.hasGroup && typeof group === 'number' && group > 0) {
      this.groupSpending += spending;
      this.people += group;
    }
    const origin = ownAnswer(answers, IMPACT_NAMES.origin);
    if (typeof origin !== 'string') return;
    const stats = this.originStats(origin);
    stats.records++;
    if (typeof spending === 'number') stats.spending.add(spending);
    const overnight = ownAnswer(answers, IMPACT_NAMES.overnight);
    if (typeof overnight === 'string') {
      stats.overnightAnswered++;
      if (overnight === YES) stats.overnight++;
    }
  }

  snapshot(): ImpactSnapshot {
    return {
      origins: [...this.byOrigin].map(([code, s]) => [
        code,
        {
          records: s.records,
          spending: s.spending.chunks(),
          overnightAnswered: s.overnightAnswered,
          overnight: s.overnight,
        },
      ]),
      groupSpending: this.groupSpending,
      people: this.people,
    };
  }

  absorb(snapshot: ImpactSnapshot): void {
    this.groupSpending += snapshot.groupSpending;
    this.people += snapshot.people;
    for (const [code, theirs] of snapshot.origins) {
      const stats = this.originStats(code);
      stats.records += theirs.records;
      stats.spending.addAll(theirs.spending);
      stats.overnightAnswered += theirs.overnightAnswered;
      stats.overnight += theirs.overnight;
    }
  }

  /** The buffers a snapshot can hand over instead of copying. */
  static transferables(snapshot: ImpactSnapshot): ArrayBuffer[] {
    return snapshot.origins.flatMap(([, s]) => s.spending.map((chunk) => chunk.buffer as ArrayBuffer));
  }

  private originStats(code: string): OriginStats {
    let stats = this.byOrigin.get(code);
    if (stats === undefined) {
      stats = { records: 0, spending: new NumberSample(), overnightAnswered: 0, overnight: 0 };
      this.byOrigin.set(code, stats);
    }
    return stats;
  }
}
