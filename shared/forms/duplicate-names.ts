// XLSForm lets rows in different groups share a name (pyxform accepts it); our answers are keyed by
// name. The first row keeps its name; each later one is keyed `group__name` (its group's name, two
// underscores, its own; `name_2` at the top level) and keeps the sheet's name as xlsformName, for
// display and export. As in pyxform, ${name} naming a shared name is ambiguous and refused; an XPath
// path (/data/g2/x, ../x) names its group, and is rewritten to that row's key.
import { mapReferences } from './expression-source';
import type { FormNode, Group } from './form-definition';
import type { Sheet } from './sheet';

type Occurrence = { node: FormNode; parent: Group | undefined; key: string };

const EXPRESSION_COLUMNS = {
  relevant: 'relevant',
  constraint: 'constraint',
  calculation: 'calculation',
  requiredIf: 'required',
  readOnlyIf: 'read_only',
  defaultExpression: 'default',
  choiceFilter: 'choice_filter',
  repeatCount: 'repeat_count',
} as const;

export function disambiguateNames(sheet: Sheet, root: FormNode[]): void {
  const all: Occurrence[] = [];
  const walk = (nodes: FormNode[], parent: Group | undefined): void => {
    for (const node of nodes) {
      all.push({ node, parent, key: node.name });
      if (node.kind !== 'question') walk(node.children, node);
    }
  };
  walk(root, undefined);
  const byName = new Map<string, Occurrence[]>();
  for (const o of all) byName.set(o.node.name, [...(byName.get(o.node.name) ?? []), o]);
  const shared = [...byName.values()].filter((list) => list.length > 1);
  if (shared.length === 0) return;

  const taken = new Set(byName.keys());
  for (const list of shared) {
    for (const o of list.slice(1)) {
      const base = o.parent ? `${o.parent.name}__${o.node.name}` : o.node.name;
      let key = base;
      for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
      taken.add(key);
      o.key = key;
    }
  }
  for (const o of all) rewriteReferences(sheet, o, byName);
  for (const list of shared) {
    for (const o of list.slice(1)) Object.assign(o.node, { name: o.key, xlsformName: o.node.name });
  }
}

function rewriteReferences(sheet: Sheet, at: Occurrence, byName: Map<string, Occurrence[]>): void {
  const node = at.node as Partial<Record<keyof typeof EXPRESSION_COLUMNS, string>>;
  for (const [field, column] of Object.entries(EXPRESSION_COLUMNS) as [
    keyof typeof EXPRESSION_COLUMNS,
    string,
  ][]) {
    const source = node[field];
    if (source === undefined) continue;
    node[field] = mapReferences(source, (name, groups, text) => {
      const list = byName.get(name);
      if (list === undefined || list.length === 1) return text;
      const target = resolve(list, groups, at);
      if (target === undefined) {
        const rows = list.map((o) => o.node.row).join(', ');
        throw sheet.error(
          at.node.row,
          column,
          `${text} is ambiguous: rows ${rows} are all named "${name}"; use its path, e.g. /data/${list[1]?.parent?.name ?? 'group'}/${name}`,
        );
      }
      return `\${${target.key}}`;
    });
  }
}

/** The row a path names: by its last group, or for ../name the one beside the referring row. */
function resolve(list: Occurrence[], groups: string[] | undefined, from: Occurrence): Occurrence | undefined {
  if (groups === undefined) return undefined;
  const last = groups.at(-1);
  if (last !== undefined) {
    // /data/name: the form's root element, then the top-level row.
    return (
      list.find((o) => o.parent?.name === last) ??
      (groups.length === 1 ? list.find((o) => !o.parent) : undefined)
    );
  }
  const own = from.node.kind === 'question' ? undefined : from.node;
  return (
    list.find((o) => o.parent !== undefined && o.parent === own) ?? list.find((o) => o.parent === from.parent)
  );
}
