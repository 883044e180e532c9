// A list page's table: a header row of column names and the page's rows, in a box that scrolls
// sideways when the table is wider than the screen.
import type { ReactNode } from 'react';

export function ListTable(props: {
  columns: readonly string[];
  label?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table aria-label={props.label} data-testid={props.testId}>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** A row's button: its visible label is one word, `name` says which row it acts on. */
export function RowAction(props: { label: string; name: string; onClick(): void }) {
  return (
    <button type="button" className="secondary" aria-label={props.name} onClick={props.onClick}>
      {props.label}
    </button>
  );
}
