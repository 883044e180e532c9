// What an evaluation hands back, gathered from its scopes in form order: the answers to keep,
// relevant paths, issues, and what each relevant question offers and requires. Fresh objects each
// time, so a caller may keep one while the form evaluator updates its scopes.
import { isInstanceList, ownAnswer } from './answer-values';
import type { CompiledForm, CompiledNode } from './compile-form';
import { Run, answerIssueOf, type EvaluateOptions } from './evaluate-form';
import type { Scope, ValidationIssue } from './evaluation-scope';
import type { Answers } from './form-definition';
import { MESSAGES } from './messages';

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

/** What a full evaluation gathers beside the issues. */
type Details = {
  relevant: Set<string>;
  readOnly: Set<string>;
  required: Set<string>;
  choiceOptions: Map<string, readonly string[]>;
};

/**
 * Details undefined: only the issues (a server judging a pushed record needs nothing else), each
 * found as the walk reaches its question rather than read from a check made beforehand.
 */
type Gathered = { issues: Map<string, ValidationIssue>; details: Details | undefined };

/** Evaluates the answers at once (a Run, evaluate-form.ts): everything a kiosk's screens read. */
export function evaluateForm(
  form: CompiledForm,
  answers: Answers,
  options: EvaluateOptions = {},
): FormEvaluation {
  return assembleEvaluation(new Run(form, options, answers));
}

export function assembleEvaluation(run: Run): FormEvaluation {
  const details: Details = {
    relevant: new Set(),
    readOnly: new Set(),
    required: new Set(),
    choiceOptions: new Map(),
  };
  const out: Gathered = { issues: new Map(), details };
  gatherScope(run, out, run.form.roots, run.root);
  return {
    values: answersOf(run, run.root),
    issues: out.issues,
    ...details,
    ...(run.instanceName !== undefined && { instanceName: run.instanceName }),
  };
}

/**
 * The issues of a run settled for them (purpose answers or issues), as assembleEvaluation finds them
 * on a full one (keyed by path, form order).
 */
export function gatherIssues(run: Run): Map<string, ValidationIssue> {
  const out: Gathered = { issues: new Map(), details: undefined };
  gatherScope(run, out, run.form.roots, run.root);
  return out.issues;
}

/** The answers of the top level or of one repeat instance, then its relevant part. */
function gatherScope(run: Run, out: Gathered, nodes: readonly CompiledNode[], scope: Scope): void {
  const known = run.form.answerNames.get(scope.repeat);
  const names = Object.keys(scope.raw);
  for (const name of allKnown(known, names) ? [] : names) {
    if (!known?.has(name))
      out.issues.set(scope.prefix + name, {
        path: scope.prefix + name,
        code: 'unknown_question',
        message: MESSAGES.unknownQuestion,
      });
  }
  gather(run, out, nodes, scope);
}

// Records of one form mostly hold the same names in the same order: the last list found all
// known is kept, and the next compared with it rather than looked up name by name.
const knownLists = new WeakMap<ReadonlySet<string>, readonly string[]>();

function allKnown(known: ReadonlySet<string> | undefined, names: readonly string[]): boolean {
  if (known === undefined) return names.length === 0;
  const last = knownLists.get(known);
  if (last?.length === names.length && names.every((name, i) => name === last[i])) return true;
  if (!names.every((name) => known.has(name))) return false;
  knownLists.set(known, names);
  return true;
}

/** Walks the relevant part of the form in order, recording what the checks found (and paths). */
function gather(run: Run, out: Gathered, nodes: readonly CompiledNode[], scope: Scope): void {
  const { details } = out;
  for (const node of nodes) {
    if (scope.relevant[node.index] !== 1) continue;
    details?.relevant.add(scope.path(node));
    if (node.kind === 'question') {
      if (details === undefined) {
        const issue = answerIssueOf(run, node, scope);
        if (issue) out.issues.set(issue.path, issue);
        continue;
      }
      const check = scope.checks[node.index];
      if (check === undefined) continue;
      const path = scope.path(node);
      if (check.readOnly) details.readOnly.add(path);
      if (check.required) details.required.add(path);
      if (check.offered) details.choiceOptions.set(path, check.offered);
      if (check.issue) out.issues.set(check.issue.path, check.issue);
    } else if (node.kind === 'group') {
      gather(run, out, node.children, scope);
    } else {
      const raw = ownAnswer(scope.raw, node.name);
      if (raw !== undefined && !isInstanceList(raw)) {
        const path = scope.path(node);
        out.issues.set(path, { path, code: 'type', message: MESSAGES.invalid });
      }
      for (const instance of scope.instances.get(node) ?? []) gatherScope(run, out, node.children, instance);
    }
  }
}

/** The kept answers in evaluation order, as a full evaluation writes them. */
export function answersOf(run: Run, scope: Scope): Answers {
  const answers: Answers = {};
  for (const node of run.graph.members.get(scope.repeat) ?? []) {
    if (node.kind === 'repeat') {
      const instances = scope.relevant[node.index] === 1 ? scope.instances.get(node) : undefined;
      if (instances) answers[node.name] = instances.map((instance) => answersOf(run, instance));
      continue;
    }
    const value = scope.stored[node.index];
    if (value !== undefined) answers[node.name] = value;
  }
  return answers;
}
