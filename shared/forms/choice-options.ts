// The choices a select offers in one scope: its list through its choice_filter, in seeded random
// order when its parameters say randomize=true.
import type { ChoicesFrom, CompiledQuestion } from './compile-form';
import { CHOICE_REF } from './expression-source';
import {
  evaluateExpression,
  toBoolean,
  toNumber,
  type EvalEnv,
  type UtcOffset,
  type Value,
} from './expression';
import { nowOf, offsetOf } from './expression/context';
import type { Choice, FormDefinition } from './form-definition';

/** Evaluates a choice filter for one choice: ${__choice.column} reads that choice. */
class ChoiceEnv implements EvalEnv {
  constructor(
    private readonly scope: EvalEnv,
    private readonly choice: Choice,
  ) {}

  get current(): Value {
    return this.scope.current;
  }

  lookup(name: string): Value {
    if (!name.startsWith(CHOICE_REF)) return this.scope.lookup(name);
    const column = name.slice(CHOICE_REF.length);
    if (column === 'name') return this.choice.name;
    if (column === 'label') return Object.values(this.choice.label)[0] ?? '';
    return this.choice.data?.[column] ?? '';
  }

  today(): string {
    return this.scope.today();
  }

  // The rest of the environment is the question's own.
  get utcOffset(): UtcOffset {
    return offsetOf(this.scope);
  }

  now(): number {
    return nowOf(this.scope);
  }

  lookupAll(name: string): readonly Value[] {
    return this.scope.lookupAll?.(name) ?? [this.lookup(name)];
  }

  position(levels: number): number {
    return this.scope.position?.(levels) ?? 1;
  }

  indexedRepeat(name: string, instances: readonly (readonly [string, number])[]): Value {
    return this.scope.indexedRepeat?.(name, instances) ?? '';
  }

  choiceLabel(question: string, choice: string): string | undefined {
    return this.scope.choiceLabel?.(question, choice);
  }
}

/** Choice names on offer, or undefined when the question offers its whole list in order. */
export function choiceOptions(
  node: CompiledQuestion,
  definition: FormDefinition,
  scope: EvalEnv,
  randomSeed: number | undefined,
): string[] | undefined {
  const { question } = node;
  const randomize = question.parameters?.randomize?.toLowerCase() === 'true';
  const from = node.choicesFrom;
  if (from === undefined && node.choiceFilter === undefined && !randomize) return undefined;
  const listName = question.listName ?? '';
  const list = from
    ? earlierAnswers(from, scope, definition.defaultLanguage)
    : Object.hasOwn(definition.choices, listName)
      ? (definition.choices[listName] ?? [])
      : [];
  const filter = node.choiceFilter;
  const kept = filter
    ? list.filter((choice) => toBoolean(evaluateExpression(filter, new ChoiceEnv(scope, choice))))
    : list;
  const names = kept.map((choice) => choice.name);
  return randomize ? shuffle(names, seedOf(question.parameters?.seed, scope, randomSeed)) : names;
}

/** One choice per instance of the repeat with an answer, named and labelled by it (each answer once). */
function earlierAnswers(from: ChoicesFrom, scope: EvalEnv, language: string): Choice[] {
  const count = scope.lookupAll?.(from.repeat).length ?? 0;
  const choices = new Map<string, Choice>();
  for (let index = 1; index <= count; index++) {
    const at = (name: string): string => String(scope.indexedRepeat?.(name, [[from.repeat, index]]) ?? '');
    const name = at(from.value).trim();
    if (name === '' || choices.has(name)) continue;
    const data = Object.fromEntries(from.columns.map((column) => [column, at(column)]));
    choices.set(name, { name, label: { [language]: name }, data });
  }
  return [...choices.values()];
}

function seedOf(text: string | undefined, scope: EvalEnv, fallback: number | undefined): number {
  const reference = /^\$\{([^}]+)\}$/.exec(text ?? '');
  const seed = reference?.[1] !== undefined ? toNumber(scope.lookup(reference[1])) : Number(text);
  return Number.isFinite(seed) ? seed : (fallback ?? 0);
}

/** Fisher–Yates with a small seeded generator (mulberry32): the same seed, the same order. */
function shuffle(items: string[], seed: number): string[] {
  let state = Math.floor(seed) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as string, out[i] as string];
  }
  return out;
}
