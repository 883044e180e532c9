// Runs a compiled form over a set of answers, with ODK semantics: relevance and calculations in
// dependency order, answers to non-relevant questions removed, then type, required and constraint
// checks on what is left. A Run does it all at once (evaluateForm, in evaluation-result.ts, reads
// what it found); FormEvaluator (form-evaluator.ts) keeps the scopes and reruns only the cells a
// change reaches, with the same settle and check.
import { answerToValue, isInstanceList, isUnanswered, ownAnswer } from './answer-values';
import { typeProblem } from './answer-checks';
import type { CompiledForm, CompiledGroup, CompiledNode, CompiledQuestion } from './compile-form';
import { choiceOptions } from './choice-options';
import { dependencyGraph, type DependencyGraph } from './dependency-graph';
import { localIsoDate, readClock, type DeviceClock } from './device-clock';
import { toBoolean, toNumber, type UtcOffset, type Value } from './expression';
import { Scope, type CheckResult, type ScopeRun, type ValidationIssue } from './evaluation-scope';
import type { AnswerValue, Answers, Language, MetadataKind } from './form-definition';
import { MESSAGES } from './messages';

export type { CheckResult, IssueCode, ValidationIssue } from './evaluation-scope';

/** What the device knows about itself, for deviceid, username, phonenumber and email questions. */
export type DeviceMetadata = Partial<
  Record<Exclude<MetadataKind, 'start' | 'end' | 'today' | 'audit'>, string>
>;

export type EvaluateOptions = {
  /** Today's date as YYYY-MM-DD for today(); the device's local date when absent. */
  today?: string | undefined;
  /** The moment of evaluation as an ISO date-time, for start (if not yet set) and end. */
  now?: string | undefined;
  device?: DeviceMetadata | undefined;
  /** Seeds the order of randomized choice lists that give no seed of their own. */
  randomSeed?: number | undefined;
  /** For jr:choice-name(); the form's default language when absent. */
  language?: Language | undefined;
  /** Minutes east of UTC at an instant (the kiosk's time zone); the host's when absent. */
  utcOffset?: UtcOffset | undefined;
  /** The clock read when `now` or `today` is not given (tests inject one). */
  clock?: DeviceClock | undefined;
};

const MAX_REPEAT_COUNT = 200;

/**
 * What a run is for: everything a kiosk's screens read (evaluation); or only settled, for the
 * issues gathered from its scopes (gatherIssues) and the answers to keep (answers), or the issues
 * alone (issues).
 */
export type RunPurpose = 'evaluation' | 'answers' | 'issues';

/** The state of one evaluation: every scope, and where the evaluation order stands. */
export class Run implements ScopeRun {
  /** Every instance scope of each repeat, across all enclosing instances. */
  readonly instancesOf = new Map<CompiledGroup, Scope[]>();
  readonly graph: DependencyGraph;
  readonly language: Language;
  readonly utcOffset: UtcOffset | undefined;
  readonly nowMs: number | undefined;
  readonly root: Scope;
  private readonly rootOnly: readonly Scope[];
  /** Position in the evaluation order being settled; Infinity once everything is. */
  settling = Infinity;
  instanceName: string | undefined;
  private todayText: string | undefined;

  constructor(
    readonly form: CompiledForm,
    readonly options: EvaluateOptions,
    answers: Answers,
    readonly purpose: RunPurpose = 'evaluation',
  ) {
    this.graph = dependencyGraph(form);
    this.language = options.language ?? form.definition.defaultLanguage;
    this.utcOffset = options.utcOffset;
    const now = options.now === undefined ? NaN : Date.parse(options.now);
    this.nowMs = Number.isNaN(now) ? undefined : now;
    this.root = new Scope(this, undefined, undefined, '', answers, 1);
    this.rootOnly = [this.root];
    this.settleAll();
    if (purpose !== 'evaluation') return;
    for (const scope of this.scopes()) {
      for (const node of this.graph.members.get(scope.repeat) ?? []) checkCell(this, node, scope);
    }
    this.instanceName = this.nameOfInstance();
  }

  nameOfInstance(): string | undefined {
    const name = this.form.instanceName && this.root.evaluate(this.form.instanceName, '');
    return name === undefined || name === '' ? undefined : calculatedText(name);
  }

  isSettled(node: CompiledNode): boolean {
    return (this.graph.position[node.index] ?? 0) <= this.settling;
  }

  now(): string {
    return this.options.now ?? readClock(this.options.clock).toISOString();
  }

  /** One date for the whole evaluation, read from the clock the first time a cell asks. */
  today(): string {
    this.todayText ??= this.options.today ?? localIsoDate(readClock(this.options.clock));
    return this.todayText;
  }

  /** Whether a cell read today() and the clock has moved to another day since. */
  dayHasChanged(): boolean {
    return (
      this.todayText !== undefined &&
      this.options.today === undefined &&
      this.todayText !== localIsoDate(readClock(this.options.clock))
    );
  }

  /** The scopes a node is evaluated in. */
  scopesOf(repeat: CompiledGroup | undefined): readonly Scope[] {
    return repeat === undefined ? this.rootOnly : (this.instancesOf.get(repeat) ?? []);
  }

  *scopes(): Iterable<Scope> {
    yield this.root;
    for (const all of this.instancesOf.values()) yield* all;
  }

  private settleAll(): void {
    const order = this.form.evaluationOrder;
    for (let position = 0; position < order.length; position++) {
      const node = order[position] as CompiledNode;
      this.settling = position;
      for (const scope of this.scopesOf(node.repeat)) {
        settle(this, node, scope);
        if (node.kind === 'repeat') this.addInstances(node, scope);
      }
    }
    this.settling = Infinity;
  }

  private addInstances(node: CompiledGroup, scope: Scope): void {
    const count = instanceCount(node, scope);
    if (count === undefined) return;
    const raw = ownAnswer(scope.raw, node.name);
    const given = isInstanceList(raw) ? raw : [];
    const instances: Scope[] = [];
    for (let i = 0; i < count; i++)
      instances.push(
        new Scope(this, node, scope, `${scope.prefix}${node.name}.${i}.`, given[i] ?? {}, i + 1),
      );
    scope.instances.set(node, instances);
    const all = this.instancesOf.get(node);
    if (all) all.push(...instances);
    else this.instancesOf.set(node, instances.slice());
  }
}

/**
 * Decides a node's relevance in one scope and, when relevant, its stored value. A repeat's
 * instances are made by the caller (instanceCount); the rest is in the scope's arrays.
 */
export function settle(run: Run, node: CompiledNode, scope: Scope): void {
  const i = node.index;
  scope.relevant[i] = 0;
  scope.values[i] = undefined;
  scope.stored[i] = undefined;
  const parentRelevant =
    node.parent === undefined || node.parent === scope.repeat || scope.relevant[node.parent.index] === 1;
  // Skip logic leaves whole groups out: their answers are not even looked up.
  if (!parentRelevant) return;
  const raw = ownAnswer(scope.raw, node.name);
  if (node.relevant !== undefined && !toBoolean(scope.evaluate(node.relevant, answerToValue(raw), node)))
    return;
  scope.relevant[i] = 1;
  if (node.kind !== 'question' || (node.type === 'note' && !node.calculation)) return;

  // A triggered calculation runs only when its trigger changes (applyTriggers), not on every pass.
  const continuous = node.calculation && !node.triggered;
  // A calculate's value is an answer to keep and what other cells read; when no cell reads it,
  // the issues alone do not need it (a calculate has none of its own).
  if (continuous && node.type === 'calculate' && run.purpose === 'issues' && isUnread(run, node)) return;
  const stored = continuous
    ? calculated(scope.evaluate(node.calculation, answerToValue(raw), node))
    : node.type === 'metadata'
      ? metadataValue(run, node.metadata, raw)
      : raw;
  if (stored === undefined || isUnanswered(stored)) return;
  scope.values[i] = answerToValue(stored);
  scope.stored[i] = stored;
}

function isUnread(run: Run, node: CompiledNode): boolean {
  return (run.graph.readers[node.index]?.length ?? 0) === 0;
}

/**
 * How many instances a relevant repeat has in a scope: a repeat_count fixes it (missing ones start
 * empty, extra ones are dropped), else the answers' list; undefined when irrelevant or neither.
 */
export function instanceCount(node: CompiledGroup, scope: Scope): number | undefined {
  if (scope.relevant[node.index] !== 1) return undefined;
  const raw = ownAnswer(scope.raw, node.name);
  if (node.repeatCount === undefined) return isInstanceList(raw) ? raw.length : undefined;
  const count = toNumber(scope.evaluate(node.repeatCount, '', node));
  return Number.isFinite(count) ? Math.min(Math.max(Math.floor(count), 0), MAX_REPEAT_COUNT) : 0;
}

/** Filled by the kiosk: start keeps its first value, end is always now, the device's from options. */
function metadataValue(
  run: Run,
  kind: MetadataKind | undefined,
  raw: AnswerValue | undefined,
): AnswerValue | undefined {
  switch (kind) {
    case 'start':
      return raw === undefined || isUnanswered(raw) ? run.now() : raw;
    case 'end':
      return run.now();
    case 'today':
      return raw === undefined || isUnanswered(raw) ? run.today() : raw;
    case 'audit':
    case undefined:
      return undefined;
    default:
      return run.options.device?.[kind] ?? raw;
  }
}

export function calculatedText(value: Value): string {
  const stored = calculated(value);
  return stored === undefined ? '' : String(stored);
}

// ODK stores calculations as text; we keep numbers as numbers and drop empty or NaN results.
function calculated(value: Value): AnswerValue | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  return value.join(' ');
}

/** Whether a question's answer is checked at all: notes and calculations have none to check. */
export const hasAnswerCheck = (node: CompiledQuestion): boolean =>
  node.type !== 'note' && node.type !== 'calculate';

/** Checks a question in one scope once everything is settled; forgets the check when irrelevant. */
export function checkCell(run: Run, node: CompiledNode, scope: Scope): void {
  scope.checks[node.index] =
    node.kind === 'question' && scope.relevant[node.index] === 1 ? checkAnswer(run, node, scope) : undefined;
}

function checkAnswer(run: Run, node: CompiledQuestion, scope: Scope): CheckResult | undefined {
  const { question } = node;
  if (!hasAnswerCheck(node)) return undefined;
  const value = answerIn(node, scope);
  const current = scope.current;
  const readOnly =
    question.readOnly === true ||
    (node.readOnlyIf !== undefined && toBoolean(scope.evaluate(node.readOnlyIf, current, node)));
  const required = isRequired(node, scope, current);
  const offered = choiceOptions(node, run.form.definition, scope, run.options.randomSeed);
  const issue =
    value === undefined
      ? requiredIssue(node, scope, required)
      : answeredIssue(node, scope, value, current, offered);
  // Most questions are neither read-only nor required, offer their whole list and are fine.
  return readOnly || required || offered || issue ? { readOnly, required, offered, issue } : NOTHING_FOUND;
}

/**
 * checkAnswer's issue alone, once everything is settled: what only a kiosk's screens read
 * (read-only, the choices on offer to an unanswered question, their order) is not worked out.
 * Expressions have no effects, so leaving them out changes nothing else.
 */
export function answerIssueOf(run: Run, node: CompiledQuestion, scope: Scope): ValidationIssue | undefined {
  if (!hasAnswerCheck(node)) return undefined;
  const value = answerIn(node, scope);
  const current = scope.current;
  if (value === undefined) return requiredIssue(node, scope, isRequired(node, scope, current));
  if (node.calculation) return undefined;
  // A shuffled whole list (randomize alone) offers the same choices as the list itself.
  const offered =
    node.choiceFilter !== undefined || node.choicesFrom !== undefined
      ? choiceOptions(node, run.form.definition, scope, run.options.randomSeed)
      : undefined;
  return answeredIssue(node, scope, value, current, offered);
}

/**
 * The question's kept answer, its value made the scope's `.` (and the node its position(..)):
 * choice filters read them through the scope as well as the question's own expressions.
 */
function answerIn(node: CompiledQuestion, scope: Scope): AnswerValue | undefined {
  const value = scope.stored[node.index];
  scope.current = answerToValue(value);
  scope.node = node;
  return value;
}

const NOTHING_FOUND: CheckResult = Object.freeze({
  readOnly: false,
  required: false,
  offered: undefined,
  issue: undefined,
});

function isRequired(node: CompiledQuestion, scope: Scope, current: Value): boolean {
  return (
    node.required ||
    (node.requiredIf !== undefined && toBoolean(scope.evaluate(node.requiredIf, current, node)))
  );
}

// The path only for an issue: most answers have none, and a pushed batch checks thousands.
// Stored answers are never unanswered (settle), so an undefined one is the only empty one.
function requiredIssue(node: CompiledQuestion, scope: Scope, required: boolean): ValidationIssue | undefined {
  return required
    ? {
        path: scope.path(node),
        code: 'required',
        message: node.question.requiredMessage ?? MESSAGES.required,
      }
    : undefined;
}

function answeredIssue(
  node: CompiledQuestion,
  scope: Scope,
  value: AnswerValue,
  current: Value,
  offered: readonly string[] | undefined,
): ValidationIssue | undefined {
  // A calculated answer is the form's own, not the person's: only its presence is checked.
  if (node.calculation) return undefined;
  const problem = typeProblem(node, value, offered && new Set(offered));
  if (problem) return { path: scope.path(node), code: problem.code, message: problem.message };
  // As in ODK, a constraint applies only to an answered question.
  if (node.constraint && !toBoolean(scope.evaluate(node.constraint, current, node))) {
    return {
      path: scope.path(node),
      code: 'constraint',
      message: node.question.constraintMessage ?? MESSAGES.invalid,
    };
  }
  return undefined;
}
