// Turns a FormDefinition into what the engine runs: its nodes compiled (compile-nodes.ts), names
// indexed, references checked, and an evaluation order in which each node comes after what it reads.
import { ExpressionError, collectReferences, parseExpression, type Expr } from './expression';
import { choiceNameQuestions, referenceUses, type ReferenceUse } from './reference-uses';
import type { FormDefinition } from './form-definition';
import { CHOICE_REF, normalizePaths, textReferences } from './expression-source';
import { FormSheetError } from './form-sheet-error';
import {
  compileNodes,
  nodeOf,
  sheetError,
  type Column,
  type CompiledGroup,
  type CompiledNode,
} from './compile-nodes';

export type { ChoicesFrom, CompiledGroup, CompiledNode, CompiledQuestion } from './compile-nodes';

export type CompiledForm = {
  readonly definition: FormDefinition;
  readonly roots: readonly CompiledNode[];
  readonly nodeCount: number;
  /** One undefined per node: what a scope copies to start each of its per-node arrays. */
  readonly blank: readonly undefined[];
  readonly byName: ReadonlyMap<string, CompiledNode>;
  /** Every node, each after the nodes its relevance and calculation read, otherwise in form order. */
  readonly evaluationOrder: readonly CompiledNode[];
  /** Names an answers object may hold: at top level (key undefined) and in each repeat's instances. */
  readonly answerNames: ReadonlyMap<CompiledGroup | undefined, ReadonlySet<string>>;
  readonly instanceName: Expr | undefined;
};

// Relevance, calculation, repeat_count and containment ('') order the evaluation.
const ORDERING = new Set<Column | ''>(['relevant', 'calculation', 'repeat_count', '']);

// Definitions are never changed once read, and loading already compiles each one to check it:
// the caller's compile of the same definition is then free.
const compiled = new WeakMap<FormDefinition, CompiledForm>();

/** Compiles a form; a bad name, choice list or expression throws FormSheetError at its row. */
export function compileForm(definition: FormDefinition): CompiledForm {
  let form = compiled.get(definition);
  if (form === undefined) {
    form = compileDefinition(definition);
    compiled.set(definition, form);
  }
  return form;
}

function compileDefinition(definition: FormDefinition): CompiledForm {
  const { roots, nodes, byName } = compileNodes(definition);
  const dependencies = nodes.map((node) => dependenciesOf(node, byName));
  for (const node of nodes) checkTextReferences(node, byName);
  return {
    definition,
    roots,
    nodeCount: nodes.length,
    blank: new Array<undefined>(nodes.length).fill(undefined),
    byName,
    evaluationOrder: evaluationOrder(nodes, dependencies),
    answerNames: answerNames(nodes),
    instanceName: compileInstanceName(definition.instanceName, byName),
  };
}

type Dependency = { node: CompiledNode; column: Column | '' };

/** What a node's relevance and calculation read (ordering edges); constraints are checked too. */
function dependenciesOf(node: CompiledNode, byName: ReadonlyMap<string, CompiledNode>): Dependency[] {
  const dependencies: Dependency[] = node.parent ? [{ node: node.parent, column: '' }] : [];
  const expressions: [Column, Expr | undefined][] =
    node.kind === 'question'
      ? [
          ['relevant', node.relevant],
          ['calculation', node.calculation],
          ['constraint', node.constraint],
          ['required', node.requiredIf],
          ['read_only', node.readOnlyIf],
          ['default', node.defaultExpression],
          ['choice_filter', node.choiceFilter],
        ]
      : [
          ['relevant', node.relevant],
          ['repeat_count', node.repeatCount],
        ];
  for (const [column, expr] of expressions) {
    if (expr === undefined) continue;
    for (const { name, use } of referenceUses(expr)) {
      if (column === 'choice_filter' && name.startsWith(CHOICE_REF)) continue;
      const target = byName.get(name);
      const problem = referenceProblem(node, target, use);
      if (problem) throw sheetError(nodeOf(node), column, `\${${name}} ${problem}`);
      // A group relevant on its own question reads that question's answer as given (pyxform allows it).
      const own = node.kind === 'group' && target?.groups.includes(node.group) === true;
      if (ORDERING.has(column) && !own) dependencies.push({ node: target as CompiledNode, column });
    }
    for (const name of choiceNameQuestions(expr)) {
      const target = byName.get(name);
      if (target?.kind !== 'question' || target.choices === undefined)
        throw sheetError(nodeOf(node), column, `jr:choice-name(): \${${name}} is not a select question`);
    }
  }
  return dependencies;
}

/** Why `from` cannot read `target` the way it uses it, or undefined when it can. */
function referenceProblem(
  from: CompiledNode,
  target: CompiledNode | undefined,
  use: ReferenceUse['use'],
): string | undefined {
  if (target === undefined) return 'is not a question of this form';
  // A node-set may range over a repeat's instances or a question in any repeat: count(${r}).
  if (use === 'node-set')
    return target.kind === 'group' ? 'is a group; count a question or a repeat' : undefined;
  // indexed-repeat(${q}, ${r}, i): the question and its repeats are named, not read from here.
  if (use === 'indexed')
    return target.kind === 'group' ? 'is a group, not a question or a repeat' : undefined;
  if (target.kind !== 'question') return `is a ${target.kind}; only questions can be referred to`;
  if (!isVisibleFrom(target, from))
    return `is inside repeat "${target.repeat?.name}" and cannot be read from outside it (use indexed-repeat(), sum() or count())`;
  return undefined;
}

/** ${name} in labels, hints and triggers must name a question readable from there. */
function checkTextReferences(node: CompiledNode, byName: ReadonlyMap<string, CompiledNode>): void {
  const source = nodeOf(node);
  const texts: [string, string[]][] = [
    ['label', Object.values(source.label).flatMap(textReferences)],
    ['hint', Object.values(source.hint ?? {}).flatMap(textReferences)],
    ['trigger', source.kind === 'question' ? (source.trigger ?? []) : []],
  ];
  for (const [column, names] of texts) {
    for (const name of names) {
      const target = byName.get(name);
      if (target?.kind !== 'question' || !isVisibleFrom(target, node))
        throw sheetError(source, column, `\${${name}} is not a question this row can read`);
    }
  }
}

function compileInstanceName(
  source: string | undefined,
  byName: ReadonlyMap<string, CompiledNode>,
): Expr | undefined {
  if (source === undefined) return undefined;
  const fail = (detail: string): FormSheetError => new FormSheetError('settings', 2, 'instance_name', detail);
  let expr: Expr;
  try {
    expr = parseExpression(normalizePaths(source));
  } catch (err) {
    if (err instanceof ExpressionError) throw fail(err.message);
    throw err;
  }
  for (const name of collectReferences(expr)) {
    const target = byName.get(name);
    if (target?.kind !== 'question' || target.repeat !== undefined)
      throw fail(`\${${name}} is not a question outside repeats`);
  }
  return expr;
}

// A question is readable from its own repeat instance (or an enclosing one) and from the top level.
function isVisibleFrom(target: CompiledNode, from: CompiledNode): boolean {
  let scope = from.repeat;
  while (scope !== undefined && scope !== target.repeat) scope = scope.repeat;
  return scope === target.repeat;
}

function evaluationOrder(
  nodes: readonly CompiledNode[],
  dependencies: readonly Dependency[][],
): CompiledNode[] {
  const order: CompiledNode[] = [];
  const done = new Uint8Array(nodes.length);
  const path: { node: CompiledNode; column: Column | '' }[] = [];
  // Marks what is on the path, so a long chain of calculations stays linear to order.
  const onPath = new Uint8Array(nodes.length);
  const visit = (node: CompiledNode): void => {
    if (done[node.index]) return;
    if (onPath[node.index]) {
      const cycleStart = path.findIndex((step) => step.node === node);
      throw cycleError(path.slice(cycleStart), node);
    }
    onPath[node.index] = 1;
    for (const dependency of dependencies[node.index] ?? []) {
      path.push({ node, column: dependency.column });
      visit(dependency.node);
      path.pop();
    }
    onPath[node.index] = 0;
    done[node.index] = 1;
    order.push(node);
  };
  nodes.forEach(visit);
  return order;
}

// Containment alone cannot loop, so a cycle always has an expression edge to report.
function cycleError(
  cycle: readonly { node: CompiledNode; column: Column | '' }[],
  closing: CompiledNode,
): FormSheetError {
  const names = [...cycle.map((step) => step.node.name), closing.name].join(' → ');
  const culprit = cycle.find((step) => step.column !== '') ?? { node: closing, column: '' };
  return sheetError(nodeOf(culprit.node), culprit.column, `circular reference: ${names}`);
}

function answerNames(nodes: readonly CompiledNode[]): Map<CompiledGroup | undefined, Set<string>> {
  const names = new Map<CompiledGroup | undefined, Set<string>>([[undefined, new Set()]]);
  for (const node of nodes) {
    if (node.kind === 'repeat') names.set(node, new Set());
    if (node.kind !== 'group') names.get(node.repeat)?.add(node.name);
  }
  return names;
}
