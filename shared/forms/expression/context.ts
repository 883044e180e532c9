import { hostUtcOffset, type UtcOffset } from './dates';
import type { Value } from './values';

/**
 * What an expression can see. The first three are required; the rest are hooks the form engine
 * provides when it can, and each function that needs a missing hook says what it falls back to.
 */
export type EvalEnv = {
  /** The value of `.`: the question the expression belongs to (for once(): its stored value). */
  readonly current: Value;
  /** The value of ${name} (or ../name) as seen from here; '' when unanswered or not relevant. */
  lookup(name: string): Value;
  /** Today's date as YYYY-MM-DD. */
  today(): string;
  /** now() as epoch milliseconds; Date.now() when absent. */
  now?(): number;
  /** Minutes east of UTC at an instant, the kiosk's time zone; the host's when absent. */
  utcOffset?: UtcOffset;
  /**
   * Every value of ${name} visible from here, one per repeat instance, for sum() count() min()
   * max() join() count-non-empty(); for a repeat's own name, one entry per instance. Without it,
   * ${name} is a one-item list.
   */
  lookupAll?(name: string): readonly Value[];
  /**
   * position(..): the 1-based index of the repeat instance reached by going `levels` steps up
   * from the expression's question (`..` is 1, `../..` is 2). Without it, 1.
   */
  position?(levels: number): number;
  /** indexed-repeat(${name}, ${repeat}, i, …): ${name} in the i-th (1-based) instance of each repeat. */
  indexedRepeat?(name: string, instances: readonly (readonly [repeat: string, index: number])[]): Value;
  /** jr:choice-name(value, '${question}'): the label of that choice in the current language. */
  choiceLabel?(question: string, choice: string): string | undefined;
};

/** The kiosk's time zone, or the host's. */
export function offsetOf(env: EvalEnv): UtcOffset {
  return env.utcOffset ?? hostUtcOffset;
}

export function nowOf(env: EvalEnv): number {
  return env.now?.() ?? Date.now();
}
