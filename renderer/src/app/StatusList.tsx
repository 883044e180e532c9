// Label and value pairs as staff read them on the staff and door screens.
export function StatusList({ rows }: { rows: readonly (readonly [term: string, value: string])[] }) {
  return (
    <dl className="status-list">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          {/* Values such as the kiosk's and the event's names are typed by people: their direction stays theirs. */}
          <dd>
            <bdi>{value}</bdi>
          </dd>
        </div>
      ))}
    </dl>
  );
}
