// The answers of the top level or of one repeat instance as an evaluation sees them, and the
// expression environment (EvalEnv) that reads them: ${name}, node-sets across repeat instances,
// position(..), indexed-repeat() and jr:choice-name().
import type { CompiledForm, CompiledGroup, CompiledNode } from './compile-form';
import { evaluateExpression, type EvalEnv, type Expr, type UtcOffset, type Value } from './expression';
import { hostUtcOffset } from './expression/dates';
import { answerToValue, ownAnswer } from './answer-values';
import type { Answers, Language } from './form-definition';

/** What every scope of one evaluation shares. */
export type ScopeRun = {
  readonly form: CompiledForm;
  readonly language: Language;
  readonly utcOffset: UtcOffset | undefined;
  readonly nowMs: number | undefined;
  today(): string;
};

export class Scope implements EvalEnv {
  current: Value = '';
  /** The node whose expression is being evaluated, for position(..). */
  node: CompiledNode | undefined;
  readonly values = new Map<string, Value>();
  readonly clean: Answers = {};
  readonly relevant: Uint8Array;
  /** Nodes settled in this scope; a group's relevance may read its own, not yet settled, question. */
  readonly settled: Uint8Array;
  readonly instances = new Map<CompiledGroup, Scope[]>();
  readonly utcOffset: UtcOffset;

  constructor(
    private readonly run: ScopeRun,
    readonly repeat: CompiledGroup | undefined,
    readonly parent: Scope | undefined,
    /** Prepended to names to make paths: '' or 'ingredientes.0.'. */
    readonly prefix: string,
    readonly raw: Answers,
    /** 1-based index of this repeat instance (1 at the top level). */
    readonly position1: number,
  ) {
    this.relevant = new Uint8Array(run.form.nodeCount);
    this.settled = new Uint8Array(run.form.nodeCount);
    this.utcOffset = run.utcOffset ?? hostUtcOffset;
  }

  // Names resolve in this instance, then in enclosing instances, then at the top level;
  // the compiler has checked that the name is visible from here.
  lookup(name: string): Value {
    const node = this.run.form.byName.get(name);
    const scope = this.scopeOf(node?.repeat);
    if (node === undefined || scope === undefined) return '';
    if (scope.settled[node.index] !== 1) return answerToValue(ownAnswer(scope.raw, name));
    return scope.values.get(name) ?? '';
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
    for (const level of levels) scopes = scopes.flatMap((scope) => scope.instances.get(level) ?? []);
    return node.kind === 'repeat' ? scopes.map(() => '') : scopes.map((s) => s.values.get(name) ?? '');
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
      if (node?.kind !== 'repeat' || !Number.isInteger(index)) return '';
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
