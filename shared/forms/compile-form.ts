// Turns a FormDefinition into what the engine runs: every expression parsed once, names indexed,
// references checked, and an evaluation order in which each node comes after what it reads.
import { ExpressionError, collectReferences, parseExpression, type Expr } from './expression';
import { choiceNameQuestions, referenceUses, type ReferenceUse } from './reference-uses';
import type {
  FormDefinition,
  FormNode,
  Group,
  MetadataKind,
  Question,
  QuestionType,
} from './form-definition';
import { CHOICE_REF, normalizeChoiceFilter, normalizePaths, textReferences } from './expression-source';
import { FormSheetError } from './form-sheet-error';

type NodeBase = {
  /** Position in form order, used to index per-evaluation arrays. */
  readonly index: number;
  readonly name: string;
  /** The group or repeat directly containing the node. */
  readonly parent: CompiledGroup | undefined;
  /** The innermost repeat containing the node: the scope its answers live in. */
  readonly repeat: CompiledGroup | undefined;
  /** Groups and repeats containing the node, outermost first. */
  readonly groups: Group[];
  readonly relevant: Expr | undefined;
};

export type CompiledQuestion = NodeBase & {
  readonly kind: 'question';
  readonly question: Question;
  // What every evaluation reads of the question, copied: question definitions come in many shapes
  // (the columns each row fills), compiled questions in one, and one shape is much quicker to read.
  readonly type: QuestionType;
  /** required yes (not an expression). */
  readonly required: boolean;
  readonly triggered: boolean;
  readonly metadata: MetadataKind | undefined;
  readonly constraint: Expr | undefined;
  readonly calculation: Expr | undefined;
  readonly requiredIf: Expr | undefined;
  readonly readOnlyIf: Expr | undefined;
  readonly defaultExpression: Expr | undefined;
  /** Evaluated per choice; ${__choice.column} reads the choice's own columns. */
  readonly choiceFilter: Expr | undefined;
  /** Choice names of a select question. */
  readonly choices: ReadonlySet<string> | undefined;
  /** Choices from earlier answers: the repeat, the question whose answers are the choices, and the
   * repeat's questions a choice filter reads as the choice's columns. */
  readonly choicesFrom?: ChoicesFrom | undefined;
};

export type ChoicesFrom = { repeat: string; value: string; columns: readonly string[] };

export type CompiledGroup = NodeBase & {
  readonly kind: 'group' | 'repeat';
  readonly group: Group;
  readonly children: readonly CompiledNode[];
  readonly repeatCount: Expr | undefined;
};

export type CompiledNode = CompiledQuestion | CompiledGroup;

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

/** Expression columns; relevant, calculation and repeat_count order the evaluation. */
type Column =
  | 'relevant'
  | 'constraint'
  | 'calculation'
  | 'required'
  | 'read_only'
  | 'default'
  | 'choice_filter'
  | 'repeat_count';
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
  const byName = new Map<string, CompiledNode>();
  const nodes: CompiledNode[] = [];

  const build = (node: FormNode, parent: CompiledGroup | undefined): CompiledNode => {
    const first = byName.get(node.name);
    if (first)
      throw sheetError(node, 'name', `duplicate name "${node.name}" (first used on row ${rowOf(first)})`);
    // Each node spelled out in one literal, never spread from a shared part: objects made by spreading
    // each get a hidden class of their own, and reading any field of a node, as every evaluation
    // does for every node, then misses V8's caches (several times slower).
    const index = nodes.length;
    const repeat = parent?.kind === 'repeat' ? parent : parent?.repeat;
    const groups = parent ? [...parent.groups, parent.group] : [];
    const relevant = compileExpression(node, 'relevant', node.relevant);
    let compiled: CompiledNode;
    if (node.kind === 'question') {
      const choicesFrom = node.choicesFrom === undefined ? undefined : earlierAnswers(definition, node);
      compiled = {
        index,
        name: node.name,
        parent,
        repeat,
        groups,
        relevant,
        kind: 'question',
        question: node,
        type: node.type,
        required: node.required === true,
        triggered: node.trigger !== undefined,
        metadata: node.metadata,
        constraint: compileExpression(node, 'constraint', node.constraint),
        calculation: compileExpression(node, 'calculation', node.calculation),
        requiredIf: compileExpression(node, 'required', node.requiredIf),
        readOnlyIf: compileExpression(node, 'read_only', node.readOnlyIf),
        defaultExpression: compileExpression(node, 'default', node.defaultExpression),
        choiceFilter: compileExpression(
          node,
          'choice_filter',
          choicesFrom ? asChoiceColumns(node.choiceFilter, choicesFrom.columns) : node.choiceFilter,
        ),
        choices: choicesFrom ? undefined : choicesOf(definition, node),
        choicesFrom,
      };
      byName.set(node.name, compiled);
      nodes.push(compiled);
    } else {
      const children: CompiledNode[] = [];
      const repeatCount = compileExpression(node, 'repeat_count', node.repeatCount);
      compiled = {
        index,
        name: node.name,
        parent,
        repeat,
        groups,
        relevant,
        kind: node.kind,
        group: node,
        children,
        repeatCount,
      };
      byName.set(node.name, compiled);
      nodes.push(compiled);
      for (const child of node.children) children.push(build(child, compiled));
    }
    return compiled;
  };
  const roots = definition.children.map((node) => build(node, undefined));

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

function compileExpression(node: FormNode, column: Column, source: string | undefined): Expr | undefined {
  if (source === undefined || source.trim() === '') return undefined;
  try {
    return parseCached(column === 'choice_filter' ? normalizeChoiceFilter(source) : normalizePaths(source));
  } catch (err) {
    if (err instanceof ExpressionError) throw sheetError(node, column, explain(source, err.message));
    throw err;
  }
}

/** The feature behind a parse fault, where a form author needs it named. */
function explain(source: string, message: string): string {
  if (/\binstance\s*\(/.test(source))
    return `instance() lookups (reading data by an XML path) are not supported: ${message}`;
  if (/[‘’“”]/.test(source))
    return `${message}: curly quotes do not quote text in an expression (use ' or ")`;
  return message;
}

// Parsed expressions are immutable: forms repeat the same constraint or filter on many rows, and
// the same form is loaded again (check, then add). Bounded so a server loading many forms stays small.
const parsed = new Map<string, Expr>();
const MAX_PARSED = 20_000;

function parseCached(source: string): Expr {
  let expr = parsed.get(source);
  if (expr === undefined) {
    expr = parseExpression(source);
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(source, expr);
  }
  return expr;
}

/** select_one ${name}: `name` must be a question in a repeat that no other repeat encloses. */
function earlierAnswers(definition: FormDefinition, question: Question): ChoicesFrom {
  const name = question.choicesFrom ?? '';
  const find = (nodes: readonly FormNode[], repeats: readonly Group[]): Group[] | undefined => {
    for (const node of nodes) {
      if (node.kind === 'question' && node.name === name) return [...repeats];
      if (node.kind === 'question') continue;
      const found = find(node.children, node.kind === 'repeat' ? [...repeats, node] : repeats);
      if (found) return found;
    }
    return undefined;
  };
  const repeats = find(definition.children, []);
  if (repeats === undefined) throw sheetError(question, 'type', `\${${name}} is not a question of this form`);
  const [repeat, ...inner] = repeats;
  if (repeat === undefined || inner.length > 0)
    throw sheetError(
      question,
      'type',
      `choices from \${${name}} need a question in a repeat (not nested in another)`,
    );
  const columns: string[] = [];
  const collect = (nodes: readonly FormNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'question') columns.push(node.name);
      else if (node.kind === 'group') collect(node.children);
    }
  };
  collect(repeat.children);
  return { repeat: repeat.name, value: name, columns };
}

/** A choice filter on earlier answers reads the repeat's questions of each instance as its columns. */
function asChoiceColumns(filter: string | undefined, columns: readonly string[]): string | undefined {
  return filter?.replace(/\$\{\s*([A-Za-z_][\w.-]*)\s*\}/g, (reference, name: string) =>
    columns.includes(name) ? `\${${CHOICE_REF}${name}}` : reference,
  );
}

function choicesOf(definition: FormDefinition, question: Question): ReadonlySet<string> | undefined {
  if (question.type !== 'select_one' && question.type !== 'select_multiple' && question.type !== 'rank')
    return undefined;
  const listName = question.listName ?? '';
  const list = Object.hasOwn(definition.choices, listName) ? definition.choices[listName] : undefined;
  if (list === undefined) throw sheetError(question, 'type', `unknown choice list "${listName}"`);
  return new Set(list.map((choice) => choice.name));
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

function nodeOf(node: CompiledNode): FormNode {
  return node.kind === 'question' ? node.question : node.group;
}

function rowOf(node: CompiledNode): number {
  return nodeOf(node).row;
}

function sheetError(node: FormNode, column: string, detail: string): FormSheetError {
  return new FormSheetError('survey', node.row, column, detail);
}
