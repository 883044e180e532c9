// A form's nodes as the engine runs them: one object per question, group and repeat, in form order,
// every expression parsed once and each select's choice names found. What the expressions read is
// checked once all nodes are known (compile-form.ts).
import { ExpressionError, parseExpression, type Expr } from './expression';
import type {
  FormDefinition,
  FormNode,
  Group,
  MetadataKind,
  Question,
  QuestionType,
} from './form-definition';
import { CHOICE_REF, normalizeChoiceFilter, normalizePaths } from './expression-source';
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

/** The columns of a survey row that hold an expression. */
export type Column =
  | 'relevant'
  | 'constraint'
  | 'calculation'
  | 'required'
  | 'read_only'
  | 'default'
  | 'choice_filter'
  | 'repeat_count';

export type CompiledNodes = {
  readonly roots: CompiledNode[];
  /** In form order: a node's index is its place here. */
  readonly nodes: CompiledNode[];
  readonly byName: Map<string, CompiledNode>;
};

/** A repeated name, an unknown choice list or a bad expression throws FormSheetError at its row. */
export function compileNodes(definition: FormDefinition): CompiledNodes {
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
  return { roots, nodes, byName };
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

export function nodeOf(node: CompiledNode): FormNode {
  return node.kind === 'question' ? node.question : node.group;
}

function rowOf(node: CompiledNode): number {
  return nodeOf(node).row;
}

export function sheetError(node: FormNode, column: string, detail: string): FormSheetError {
  return new FormSheetError('survey', node.row, column, detail);
}
