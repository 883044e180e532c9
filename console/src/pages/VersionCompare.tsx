// Two versions of a form side by side, question by question (by name, in the newer version's
// order, removed ones where they were): what each asks, and whether it is new, removed or changed.
import type { FormDefinition, FormNode } from '../../../shared/forms/form-definition';
import { useSetupText } from '../i18n-setup';
import { useLabel } from './FormPreview';

type Flat = { name: string; node: FormNode };

function flatten(nodes: FormNode[], out: Flat[] = []): Flat[] {
  for (const node of nodes) {
    out.push({ name: node.name, node });
    if (node.kind !== 'question') flatten(node.children, out);
  }
  return out;
}

/** What a row compares: a question without its group's children (they have rows of their own). */
const essence = (node: FormNode, definition: FormDefinition): string =>
  JSON.stringify(
    node.kind === 'question'
      ? { ...node, choices: node.listName === undefined ? undefined : definition.choices[node.listName] }
      : { ...node, children: node.children.map((c) => c.name) },
  );

export function VersionCompare({ older, newer }: { older: FormDefinition; newer: FormDefinition }) {
  const s = useSetupText();
  const labelOld = useLabel(older);
  const labelNew = useLabel(newer);
  const before = new Map(flatten(older.children).map((f) => [f.name, f.node]));
  const after = flatten(newer.children);
  const names = after.map((f) => f.name);
  // Removed questions go after the question that preceded them in the older version.
  flatten(older.children).forEach((f, i, all) => {
    if (names.includes(f.name)) return;
    const previous = all[i - 1]?.name;
    names.splice(previous === undefined ? 0 : names.indexOf(previous) + 1, 0, f.name);
  });
  const afterBy = new Map(after.map((f) => [f.name, f.node]));
  const describe = (node: FormNode | undefined, label: typeof labelOld) =>
    node === undefined
      ? '—'
      : `${label(node.label) || node.name} (${node.kind === 'question' ? node.type : node.kind})`;
  const title = s.compareTitle(older.version, newer.version);
  return (
    <section className="card" aria-label={title}>
      <h3 tabIndex={-1}>{title}</h3>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{s.question}</th>
              <th scope="col">
                {s.version} {older.version}
              </th>
              <th scope="col">
                {s.version} {newer.version}
              </th>
              <th scope="col">{s.change}</th>
            </tr>
          </thead>
          <tbody>
            {names.map((name) => {
              const a = before.get(name);
              const b = afterBy.get(name);
              const change =
                a === undefined
                  ? s.added
                  : b === undefined
                    ? s.removed
                    : essence(a, older) === essence(b, newer)
                      ? s.same
                      : s.changedQuestion;
              return (
                <tr
                  key={name}
                  className={change === s.same ? undefined : 'changed'}
                  data-testid="compare-row"
                >
                  <th scope="row" className="mono">
                    {name}
                  </th>
                  <td>{describe(a, labelOld)}</td>
                  <td>{describe(b, labelNew)}</td>
                  <td>{change}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
