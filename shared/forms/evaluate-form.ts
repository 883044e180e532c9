// Runs a compiled form over a set of answers, with ODK semantics: relevance and calculations in
// dependency order, answers to non-relevant questions removed, then type, required and constraint
// checks on what is left.
import { answerToValue, isInstanceList, isUnanswered, ownAnswer } from './answer-values';
import { typeProblem } from './answer-checks';
import type { CompiledForm, CompiledGroup, CompiledNode, CompiledQuestion } from './compile-form';
import { choiceOptions } from './choice-options';
import { toBoolean, toNumber, type UtcOffset, type Value } from './expression';
import { Scope, type ScopeRun } from './evaluation-scope';
import type { AnswerValue, Answers, Language, Localized, MetadataKind } from './form-definition';
import { MESSAGES } from './messages';

export type IssueCode = 'required' | 'constraint' | 'type' | 'not_a_choice' | 'unknown_question';
export type ValidationIssue = { path: string; code: IssueCode; message: Localized };

export type FormEvaluation = {
  /** The answers to keep: relevant ones only, calculations filled in. */
  values: Answers;
  /** Paths of relevant questions, groups and repeats. */
  relevant: ReadonlySet<string>;
  /** At most one issue per path, in form order. */
  issues: ReadonlyMap<string, ValidationIssue>;
  /** Paths of relevant questions that are read-only now (read_only yes or its expression true). */
  readOnly: ReadonlySet<string>;
  /** Paths of relevant questions required now (required yes or its expression true). */
  required: ReadonlySet<string>;
  /** For selects with a choice filter or randomize: the choice names on offer, in order. */
  choiceOptions: ReadonlyMap<string, readonly string[]>;
  /** The record's name from settings instance_name, when the form has one. */
  instanceName?: string | undefined;
};

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
};

const MAX_REPEAT_COUNT = 200;

class Run implements ScopeRun {
  readonly issues = new Map<string, ValidationIssue>();
  readonly relevantPaths = new Set<string>();
  readonly readOnly = new Set<string>();
  readonly required = new Set<string>();
  readonly choiceOptions = new Map<string, readonly string[]>();
  /** Every instance scope of each repeat, across all enclosing instances. */
  readonly instancesOf = new Map<CompiledGroup, Scope[]>();
  readonly language: Language;
  readonly utcOffset: UtcOffset | undefined;
  readonly nowMs: number | undefined;
  private todayText: string | undefined;

  constructor(
    readonly form: CompiledForm,
    readonly options: EvaluateOptions,
  ) {
    this.language = options.language ?? form.definition.defaultLanguage;
    this.utcOffset = options.utcOffset;
    const now = options.now === undefined ? NaN : Date.parse(options.now);
    this.nowMs = Number.isNaN(now) ? undefined : now;
  }

  now(): string {
    return this.options.now ?? new Date().toISOString();
  }

  today(): string {
    this.todayText ??= this.options.today ?? localIsoDate(new Date());
    return this.todayText;
  }

  issue(path: string, code: IssueCode, message: Localized): void {
    this.issues.set(path, { path, code, message });
  }
}

export function evaluateForm(
  form: CompiledForm,
  answers: Answers,
  options: EvaluateOptions = {},
): FormEvaluation {
  const run = new Run(form, options);
  const root = new Scope(run, undefined, undefined, '', answers, 1);
  for (const node of form.evaluationOrder) {
    if (node.repeat === undefined) settle(run, node, root);
    else for (const scope of run.instancesOf.get(node.repeat) ?? []) settle(run, node, scope);
  }
  checkScope(run, form.roots, root);
  const name = form.instanceName && root.evaluate(form.instanceName, '');
  return {
    values: root.clean,
    relevant: run.relevantPaths,
    issues: run.issues,
    readOnly: run.readOnly,
    required: run.required,
    choiceOptions: run.choiceOptions,
    ...(name !== undefined && name !== '' && { instanceName: calculatedText(name) }),
  };
}

/** Decides a node's relevance in one scope and, when relevant, its stored value or instances. */
function settle(run: Run, node: CompiledNode, scope: Scope): void {
  scope.settled[node.index] = 1;
  const raw = ownAnswer(scope.raw, node.name);
  const parentRelevant =
    node.parent === undefined || node.parent === scope.repeat || scope.relevant[node.parent.index] === 1;
  const relevant =
    parentRelevant &&
    (node.relevant === undefined || toBoolean(scope.evaluate(node.relevant, answerToValue(raw), node)));
  if (!relevant) return;
  scope.relevant[node.index] = 1;

  if (node.kind === 'repeat') {
    if (!isInstanceList(raw) && node.repeatCount === undefined) return;
    const instances = fixedCount(node, scope, isInstanceList(raw) ? raw : []).map(
      (instance, i) => new Scope(run, node, scope, `${scope.prefix}${node.name}.${i}.`, instance, i + 1),
    );
    scope.instances.set(node, instances);
    const all = run.instancesOf.get(node);
    if (all) all.push(...instances);
    else run.instancesOf.set(node, instances.slice());
    scope.clean[node.name] = instances.map((instance) => instance.clean);
    return;
  }
  if (node.kind !== 'question' || (node.question.type === 'note' && !node.calculation)) return;

  // A triggered calculation runs only when its trigger changes (applyTriggers), not on every pass.
  const continuous = node.calculation && node.question.trigger === undefined;
  const stored = continuous
    ? calculated(scope.evaluate(node.calculation, answerToValue(raw), node))
    : node.question.type === 'metadata'
      ? metadataValue(run, node.question.metadata, raw)
      : raw;
  if (stored === undefined || isUnanswered(stored)) return;
  scope.values.set(node.name, answerToValue(stored));
  scope.clean[node.name] = stored;
}

/** A repeat_count fixes the number of instances: missing ones start empty, extra ones are dropped. */
function fixedCount(node: CompiledGroup, scope: Scope, raw: Answers[]): Answers[] {
  if (node.repeatCount === undefined) return raw;
  const count = toNumber(scope.evaluate(node.repeatCount, '', node));
  const n = Number.isFinite(count) ? Math.min(Math.max(Math.floor(count), 0), MAX_REPEAT_COUNT) : 0;
  return Array.from({ length: n }, (_, i) => raw[i] ?? {});
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

function calculatedText(value: Value): string {
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

/** Checks the answers of the top level or of one repeat instance, then its relevant part. */
function checkScope(run: Run, nodes: readonly CompiledNode[], scope: Scope): void {
  const known = run.form.answerNames.get(scope.repeat);
  for (const name of Object.keys(scope.raw)) {
    if (!known?.has(name)) run.issue(scope.prefix + name, 'unknown_question', MESSAGES.unknownQuestion);
  }
  check(run, nodes, scope);
}

/** Walks the relevant part of the form in order, recording paths and issues. */
function check(run: Run, nodes: readonly CompiledNode[], scope: Scope): void {
  for (const node of nodes) {
    if (scope.relevant[node.index] !== 1) continue;
    const path = scope.prefix + node.name;
    run.relevantPaths.add(path);
    if (node.kind === 'question') {
      checkAnswer(run, node, scope, path);
    } else if (node.kind === 'group') {
      check(run, node.children, scope);
    } else {
      const raw = ownAnswer(scope.raw, node.name);
      if (raw !== undefined && !isInstanceList(raw)) run.issue(path, 'type', MESSAGES.invalid);
      for (const instance of scope.instances.get(node) ?? []) checkScope(run, node.children, instance);
    }
  }
}

function checkAnswer(run: Run, node: CompiledQuestion, scope: Scope, path: string): void {
  const { question } = node;
  if (question.type === 'note' || question.type === 'calculate') return;
  const value = ownAnswer(scope.clean, node.name);
  const current = answerToValue(value);
  // Choice filters read `.` and position(..) through this scope too.
  scope.current = current;
  scope.node = node;
  if (question.readOnly || (node.readOnlyIf && toBoolean(scope.evaluate(node.readOnlyIf, current, node))))
    run.readOnly.add(path);
  const required =
    question.required ||
    (node.requiredIf !== undefined && toBoolean(scope.evaluate(node.requiredIf, current, node)));
  if (required) run.required.add(path);
  const offered = choiceOptions(node, run.form.definition, scope, run.options.randomSeed);
  if (offered) run.choiceOptions.set(path, offered);
  if (value === undefined || isUnanswered(value)) {
    if (required) run.issue(path, 'required', question.requiredMessage ?? MESSAGES.required);
    return;
  }
  // A calculated answer is the form's own, not the person's: only its presence is checked.
  if (node.calculation) return;
  const problem = typeProblem(node, value, offered && new Set(offered));
  if (problem) {
    run.issue(path, problem.code, problem.message);
    return;
  }
  // As in ODK, a constraint applies only to an answered question.
  if (node.constraint && !toBoolean(scope.evaluate(node.constraint, current, node))) {
    run.issue(path, 'constraint', question.constraintMessage ?? MESSAGES.invalid);
  }
}

function localIsoDate(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
