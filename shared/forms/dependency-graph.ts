// Who reads whom, for incremental evaluation (form-evaluator.ts). An evaluation has two kinds of
// cells per node and scope (the top level or one repeat instance):
//   settle: relevance and stored value (relevant, calculation, repeat_count; a group's relevance
//           gates its children), run in the compiled evaluation order;
//   check:  read-only, required, choice options and the issue (constraint, required, read_only,
//           choice_filter, the randomize seed, and the question's own value), run after settling.
// The graph lists, for each node, the cells that read it. After one answer changes, its own
// settle cell is rerun; a cell whose result changed marks its readers, and readers are rerun in
// evaluation order (cycles were refused at compile), so each cell runs at most once and only
// when something it reads changed. A reader in the same scope as the node (a question beside it
// in one repeat instance) is marked in that scope only; one inside deeper repeats, in the
// instances under that scope; node-set and indexed-repeat() readers (sum, count, …) in every
// scope. Labels, hints and triggers read the evaluated values afterwards and are not cells here;
// defaults apply when a response or an instance starts, not on evaluation. So now(), today() and
// random() keep their values until something they read changes; only `end` metadata (the moment
// of evaluation) settles every time.
import type { CompiledForm, CompiledNode } from './compile-form';
import { CHOICE_REF } from './expression-source';
import type { Expr } from './expression';
import { referenceUses, type ReferenceUse } from './reference-uses';

export type Reader = {
  readonly node: CompiledNode;
  readonly cell: 'settle' | 'check';
  /** How the reader's scopes follow the read node's scope. */
  readonly reach: 'same' | 'below' | 'every';
};

export type DependencyGraph = {
  /** Position of each node (by index) in form.evaluationOrder. */
  readonly position: Int32Array;
  /** The readers of each node (by index). */
  readonly readers: readonly (readonly Reader[])[];
  /** The nodes evaluated in the top level (key undefined) and in each repeat's instances, in order. */
  readonly members: ReadonlyMap<CompiledNode['repeat'], readonly CompiledNode[]>;
  /** Top-level questions the settings' instance_name reads. */
  readonly instanceNameReads: ReadonlySet<string>;
  /** `end` metadata: the moment of each evaluation, so settled on every one. */
  readonly endMetadata: readonly CompiledNode[];
};

const graphs = new WeakMap<CompiledForm, DependencyGraph>();

export function dependencyGraph(form: CompiledForm): DependencyGraph {
  let graph = graphs.get(form);
  if (graph === undefined) {
    graph = buildGraph(form);
    graphs.set(form, graph);
  }
  return graph;
}

function buildGraph(form: CompiledForm): DependencyGraph {
  const position = new Int32Array(form.nodeCount);
  form.evaluationOrder.forEach((node, i) => (position[node.index] = i));
  const readers: Reader[][] = Array.from({ length: form.nodeCount }, () => []);
  const members = new Map<CompiledNode['repeat'], CompiledNode[]>([[undefined, []]]);
  const seen = new Set<string>();
  const add = (reader: CompiledNode, cell: Reader['cell'], name: string, use: ReferenceUse['use']) => {
    const target = form.byName.get(name);
    if (target === undefined) return;
    const reach = use === 'value' && target.repeat === reader.repeat ? 'same' : reachOf(target, reader, use);
    const key = `${target.index} ${reader.index} ${cell} ${reach}`;
    if (seen.has(key)) return;
    seen.add(key);
    readers[target.index]?.push({ node: reader, cell, reach });
  };
  for (const node of form.evaluationOrder) {
    const group = members.get(node.repeat);
    if (group) group.push(node);
    else members.set(node.repeat, [node]);
    const settleReads = [node.relevant, node.kind === 'question' ? node.calculation : node.repeatCount];
    for (const expr of settleReads) for (const ref of uses(expr)) add(node, 'settle', ref.name, ref.use);
    if (node.kind !== 'question') continue;
    const checkReads = [node.constraint, node.requiredIf, node.readOnlyIf, node.choiceFilter];
    for (const expr of checkReads) for (const ref of uses(expr)) add(node, 'check', ref.name, ref.use);
    const seed = /^\$\{([^}]+)\}$/.exec(node.question.parameters?.seed ?? '')?.[1];
    if (seed !== undefined) add(node, 'check', seed, 'node-set');
    // Choices from earlier answers read the repeat's entries and each entry's answers.
    const from = node.choicesFrom;
    for (const name of from ? [from.repeat, from.value, ...from.columns] : [])
      add(node, 'check', name, 'node-set');
  }
  return {
    position,
    readers,
    members,
    instanceNameReads: new Set(uses(form.instanceName).map((ref) => ref.name)),
    endMetadata: form.evaluationOrder.filter(
      (node) => node.kind === 'question' && node.question.metadata === 'end',
    ),
  };
}

function uses(expr: Expr | undefined): ReferenceUse[] {
  if (expr === undefined) return [];
  return referenceUses(expr).filter((ref) => !ref.name.startsWith(CHOICE_REF));
}

/** A value read from an enclosing scope reaches the instances below it; anything else, every scope. */
function reachOf(target: CompiledNode, reader: CompiledNode, use: ReferenceUse['use']): Reader['reach'] {
  if (use !== 'value') return 'every';
  for (let r = reader.repeat; r !== undefined; r = r.repeat) if (r.repeat === target.repeat) return 'below';
  return 'every';
}
