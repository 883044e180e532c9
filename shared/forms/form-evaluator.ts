// Incremental evaluation: a FormEvaluator keeps the last evaluation's scopes and, given the next
// answers, reruns only the cells the changed answers reach (see dependency-graph.ts). The result
// equals evaluateForm() on the same answers (form-evaluator.test.ts checks it on real forms). A
// change of repeat structure (an entry added or removed, a repeat becoming relevant or not, its
// repeat_count moving) or a mostly new set of answers is evaluated in full instead.
import { isInstanceList } from './answer-values';
import type { CompiledForm, CompiledNode } from './compile-form';
import { Run, checkCell, hasAnswerCheck, instanceCount, settle, type EvaluateOptions } from './evaluate-form';
import { assembleEvaluation, type FormEvaluation } from './evaluation-result';
import type { Scope } from './evaluation-scope';
import type { Value } from './expression';
import type { AnswerValue, Answers } from './form-definition';

/** What the last evaluate() did: in full, or how many settle and check cells it reran. */
export type EvaluationWork = { full: boolean; settled: number; checked: number };

const EMPTY: Answers = Object.freeze({});
const MANY_CHANGES = 16;

export class FormEvaluator {
  private run: Run | undefined;
  work: EvaluationWork = { full: true, settled: 0, checked: 0 };

  /**
   * `options` hold for every evaluation; now() and random() results are kept until something they
   * read changes, today() results until then or until the clock reaches another day.
   */
  constructor(
    readonly form: CompiledForm,
    readonly options: EvaluateOptions = {},
  ) {}

  /**
   * The evaluation of `answers`. Answers are read as values: a change is a new object along its
   * path (as withAnswerAt makes it), never an edit in place of an object passed before.
   */
  evaluate(answers: Answers): FormEvaluation {
    const run = this.run;
    // Until the update finishes, a throw leaves no half-updated state behind.
    this.run = undefined;
    // Past midnight every cell reading today() must read the new date (as ODK reads the clock on
    // each evaluation): the day changes once a day, so evaluating in full then costs nothing.
    const update = run && !run.dayHasChanged() ? new Update(run) : undefined;
    if (run === undefined || update === undefined || !update.apply(answers)) {
      this.run = new Run(this.form, this.options, answers);
      this.work = { full: true, settled: 0, checked: 0 };
    } else {
      this.run = run;
      this.work = { full: false, settled: update.settled, checked: update.checked };
    }
    return assembleEvaluation(this.run);
  }
}

const live = new WeakMap<CompiledForm, FormEvaluator>();

/**
 * The kiosk's evaluation of a response as it is filled in (no fixed moment): one evaluator per
 * form, so each evaluation after a change reruns only what the change reaches.
 */
export function evaluateLive(form: CompiledForm, answers: Answers): FormEvaluation {
  let evaluator = live.get(form);
  if (evaluator === undefined) {
    evaluator = new FormEvaluator(form);
    live.set(form, evaluator);
  }
  return evaluator.evaluate(answers);
}

/** One pass from the previous answers to the next. apply() is false when a full evaluation must do. */
class Update {
  private readonly toSettle: (Set<Scope> | undefined)[] = [];
  private readonly toCheck = new Map<CompiledNode, Set<Scope>>();
  private first = Infinity;
  private nameDirty = false;
  private changes = 0;
  settled = 0;
  checked = 0;

  constructor(private readonly run: Run) {}

  apply(answers: Answers): boolean {
    if (!this.diff(this.run.root, answers)) return false;
    const { form, graph, options } = this.run;
    // Without a fixed moment, end is the moment of this evaluation, as in a full one.
    if (options.now === undefined)
      for (const node of graph.endMetadata)
        for (const s of this.run.scopesOf(node.repeat)) this.settle(node, s);
    for (let position = this.first; position < form.evaluationOrder.length; position++) {
      const scopes = this.toSettle[position];
      const node = form.evaluationOrder[position];
      if (scopes === undefined || node === undefined) continue;
      this.run.settling = position;
      for (const scope of scopes) if (!this.resettle(node, scope)) return false;
    }
    this.run.settling = Infinity;
    for (const [node, scopes] of this.toCheck) {
      for (const scope of scopes) checkCell(this.run, node, scope);
      this.checked += scopes.size;
    }
    if (this.nameDirty) this.run.instanceName = this.run.nameOfInstance();
    return true;
  }

  /** Takes in a scope's next answers, marking the cells that read what changed. */
  private diff(scope: Scope, next: Answers): boolean {
    const previous = scope.raw;
    if (previous === next) return true;
    scope.raw = next;
    for (const name in next) {
      if (Object.hasOwn(next, name) && !sameAnswer(own(previous, name), next[name]))
        if (!this.changed(scope, name, own(previous, name), next[name])) return false;
    }
    for (const name in previous) {
      if (Object.hasOwn(previous, name) && !Object.hasOwn(next, name))
        if (!this.changed(scope, name, previous[name], undefined)) return false;
    }
    return true;
  }

  private changed(
    scope: Scope,
    name: string,
    before: AnswerValue | undefined,
    after: AnswerValue | undefined,
  ): boolean {
    // A mostly new set of answers is quicker to evaluate in full.
    if (++this.changes > Math.max(MANY_CHANGES, this.run.form.nodeCount / 4)) return false;
    const node = this.run.form.byName.get(name);
    // Names this scope does not hold only make an unknown_question issue, gathered afresh.
    if (node === undefined || node.kind === 'group' || node.repeat !== scope.repeat) return true;
    if (node.kind === 'repeat') {
      if (!isInstanceList(before) || !isInstanceList(after) || before.length !== after.length) return false;
      const instances = scope.instances.get(node) ?? [];
      return instances.every((instance, i) => this.diff(instance, after[i] ?? EMPTY));
    }
    this.settle(node, scope);
    // Readers before the node in evaluation order read its answer as given (a group's relevance
    // reading its own question); the rest read its settled value and are marked if that changes.
    const position = this.run.graph.position[node.index] ?? 0;
    for (const reader of this.run.graph.readers[node.index] ?? []) {
      if (reader.cell === 'settle' && (this.run.graph.position[reader.node.index] ?? 0) < position)
        for (const s of this.readerScopes(reader.reach, reader.node, node, scope))
          this.settle(reader.node, s);
    }
    return true;
  }

  /** Reruns one settle cell; false when it changed the repeat structure. */
  private resettle(node: CompiledNode, scope: Scope): boolean {
    this.settled++;
    const i = node.index;
    const wasRelevant = scope.relevant[i];
    if (node.kind === 'repeat') {
      const had = scope.instances.get(node)?.length;
      settle(this.run, node, scope);
      return (
        scope.relevant[i] === wasRelevant && instanceCount(node, scope) === (wasRelevant ? had : undefined)
      );
    }
    const before = scope.values[i];
    settle(this.run, node, scope);
    if (scope.relevant[i] !== wasRelevant || !sameAnswer(before, scope.values[i]))
      this.propagate(node, scope);
    return true;
  }

  /** Marks what reads a node whose relevance or value changed in a scope. */
  private propagate(node: CompiledNode, scope: Scope): void {
    this.check(node, scope);
    if (node.kind === 'group') for (const child of node.children) this.settle(child, scope);
    const { graph } = this.run;
    const position = graph.position[node.index] ?? 0;
    for (const reader of graph.readers[node.index] ?? []) {
      // Readers settled before the node never see its settled value.
      if (reader.cell === 'settle' && (graph.position[reader.node.index] ?? 0) < position) continue;
      for (const s of this.readerScopes(reader.reach, reader.node, node, scope)) {
        if (reader.cell === 'settle') this.settle(reader.node, s);
        else this.check(reader.node, s);
      }
    }
    if (node.repeat === undefined && graph.instanceNameReads.has(node.name)) this.nameDirty = true;
  }

  private readerScopes(
    reach: 'same' | 'below' | 'every',
    reader: CompiledNode,
    read: CompiledNode,
    scope: Scope,
  ): readonly Scope[] {
    if (reach === 'same') return [scope];
    const all = this.run.scopesOf(reader.repeat);
    return reach === 'every' ? all : all.filter((s) => s.scopeOf(read.repeat) === scope);
  }

  private settle(node: CompiledNode, scope: Scope): void {
    const position = this.run.graph.position[node.index] ?? 0;
    const scopes = (this.toSettle[position] ??= new Set());
    scopes.add(scope);
    if (position < this.first) this.first = position;
  }

  private check(node: CompiledNode, scope: Scope): void {
    // Notes and calculations have nothing to check (checkCell leaves them undefined).
    if (node.kind !== 'question' || !hasAnswerCheck(node)) return;
    const scopes = this.toCheck.get(node);
    if (scopes) scopes.add(scope);
    else this.toCheck.set(node, new Set([scope]));
  }
}

function own(answers: Answers, name: string): AnswerValue | undefined {
  return Object.hasOwn(answers, name) ? answers[name] : undefined;
}

/** Equal answers or values: the same text, number or truth, or lists of the same items. */
function sameAnswer(a: AnswerValue | Value | undefined, b: AnswerValue | Value | undefined): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((item: unknown, i) => item === b[i]);
}
