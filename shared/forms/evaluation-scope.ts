// The answers of the top level or of one repeat instance as an evaluation sees them, and the
// expression environment (EvalEnv) that reads them: ${name}, node-sets across repeat instances,
// position(..), indexed-repeat() and jr:choice-name(). Scopes outlive one evaluation: the form
// evaluator keeps them and reruns only the cells an answer change reaches (dependency-graph.ts).
import type { CompiledForm, CompiledGroup, CompiledNode } from './compile-form';
import { evaluateExpression, type EvalEnv, type Expr, type UtcOffset, type Value } from './expression';
import { hostUtcOffset } from './expression/dates';
import { answerToValue, ownAnswer } from './answer-values';
import type { AnswerValue, Answers, Language, Localized } from './form-definition';

/** What every scope of one evaluation shares. */
export type ScopeRun = {
  readonly form: CompiledForm;
  readonly language: Language;
  readonly utcOffset: UtcOffset | undefined;
  readonly nowMs: number | undefined;
  today(): string;
  /** Whether the node has been settled at this point of the evaluation order. */
  isSettled(node: CompiledNode): boolean;
};

export type IssueCode = 'required' | 'constraint' | 'type' | 'not_a_choice' | 'unknown_question';
export type ValidationIssue = { path: string; code: IssueCode; message: Localized };

/** What checking one relevant question in one scope found. */
export type CheckResult = {
  readOnly: boolean;
  required: boolean;
  offered: readonly string[] | undefined;
  issue: ValidationIssue | undefined;
};

export class Scope implements EvalEnv {
  current: Value = '';
  /** The node whose expression is being evaluated, for position(..). */
  node: CompiledNode | undefined;
  /** By node index: the value expressions read, and the answer kept (relevant ones only). */
  readonly values: (Value | undefined)[];
  readonly stored: (AnswerValue | undefined)[];
  readonly relevant: Uint8Array;
  /** By node index: the last check of each relevant question. */
  readonly checks: (CheckResult | undefined)[];
  readonly instances = new Map<CompiledGroup, Scope[]>();
  readonly utcOffset: UtcOffset;
  /** Made on the first path asked for: a record with no issue needs none. */
  private paths: (string | undefined)[] | undefined;

  constructor(
    private readonly run: ScopeRun,
    readonly repeat: CompiledGroup | undefined,
    readonly parent: Scope | undefined,
    /** Prepended to names to make paths: '' or 'ingredientes.0.'. */
    readonly prefix: string,
    /** The answers as given; replaced when a new set of answers arrives. */
    public raw: Answers,
    /** 1-based index of this repeat instance (1 at the top level). */
    readonly position1: number,
  ) {
    // Filled arrays stay dense: written out of index order, empty ones would turn into slow
    // dictionaries. Copying one filled array is several times quicker than filling a new one.
    const { blank } = run.form;
    this.values = blank.slice();
    this.stored = blank.slice();
    this.checks = blank.slice();
    this.relevant = new Uint8Array(run.form.nodeCount);
    this.utcOffset = run.utcOffset ?? hostUtcOffset;
  }

  path(node: CompiledNode): string {
    this.paths ??= this.run.form.blank.slice();
    return (this.paths[node.index] ??= this.prefix + node.name);
  }

  // Names resolve in this instance, then in enclosing instances, then at the top level;
  // the compiler has checked that the name is visible from here. A node not yet settled (a
  // group's relevance reading its own question) reads the answer as given.
  lookup(name: string): Value {
    const node = this.run.form.byName.get(name);
    const scope = this.scopeOf(node?.repeat);
    if (node === undefined || scope === undefined) return '';
    if (!this.run.isSettled(node)) return answerToValue(ownAnswer(scope.raw, name));
    return scope.values[node.index] ?? '';
  }

  scopeOf(repeat: CompiledGroup | undefined): Scope | undefined {
    return this.repeat === repeat ? this : this.parent?.scopeOf(repeat);
  }

  today(): string {
    return this.run.today();
  }

  now(): number {
    return this.run.nowMs ?? Date.now();
  }

  /** The question's value in every instance below the nearest repeat instance shared with it. */
  lookupAll(name: string): readonly Value[] {
    const node = this.run.form.byName.get(name);
    if (node === undefined) return [];
    // A repeat's own entries are its instances; a question's, the instances holding it.
    const home = node.kind === 'repeat' ? node : node.repeat;
    let shared = this.repeat;
    while (shared !== undefined && !encloses(shared, node.repeat)) shared = shared.repeat;
    const levels: CompiledGroup[] = [];
    for (let r = home; r !== undefined && r !== shared; r = r.repeat) levels.unshift(r);
    let scopes: Scope[] = [this.scopeOf(shared) ?? this];
    for (const level of levels) {
      // A repeat not yet settled has no instances yet.
      scopes = this.run.isSettled(level) ? scopes.flatMap((scope) => scope.instances.get(level) ?? []) : [];
    }
    if (node.kind === 'repeat') return scopes.map(() => '');
    const settled = this.run.isSettled(node);
    return scopes.map((s) => (settled ? (s.values[node.index] ?? '') : ''));
  }

  position(levels: number): number {
    let node = this.node;
    for (let i = 0; i < levels && node !== undefined; i++) node = node.parent;
    // `..` reaching a group rather than a repeat is that group, the only one of its name.
    if (node?.kind !== 'repeat') return 1;
    return this.scopeOf(node)?.position1 ?? 1;
  }

  indexedRepeat(name: string, instances: readonly (readonly [repeat: string, index: number])[]): Value {
    const [first] = instances;
    const outer = this.run.form.byName.get(first?.[0] ?? '');
    let scope = this.scopeOf(outer?.repeat);
    for (const [repeat, index] of instances) {
      const node = this.run.form.byName.get(repeat);
      if (node?.kind !== 'repeat' || !Number.isInteger(index) || !this.run.isSettled(node)) return '';
      scope = scope?.instances.get(node)?.[index - 1];
    }
    return scope?.lookup(name) ?? '';
  }

  choiceLabel(question: string, choice: string): string | undefined {
    const node = this.run.form.byName.get(question);
    if (node?.kind !== 'question') return undefined;
    const { choices, defaultLanguage } = this.run.form.definition;
    const list = Object.hasOwn(choices, node.question.listName ?? '')
      ? choices[node.question.listName ?? '']
      : undefined;
    const label = list?.find((c) => c.name === choice)?.label;
    return label?.[this.run.language] ?? label?.[defaultLanguage];
  }

  evaluate(expr: Expr, current: Value, node?: CompiledNode): Value {
    this.current = current;
    this.node = node;
    return evaluateExpression(expr, this);
  }
}

/** Whether repeat `outer` is `inner` or contains it. */
function encloses(outer: CompiledGroup, inner: CompiledGroup | undefined): boolean {
  for (let r = inner; r !== undefined; r = r.repeat) if (r === outer) return true;
  return false;
}
