// Label and value pairs as staff read them on the staff and door screens.
export function StatusList({ rows }: { rows: readonly (readonly [term: string, value: string])[] }) {
  return (
    <dl className="status-list">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
