// People inside against the capacity, entries, exits and double entries, and the same per gate:
// the door's count as the dashboard and the door report show it.
import type { Dashboard } from '../../../shared/console/console-api';
import { useConsole } from '../store';

export function OccupancyFigures({ occupancy }: { occupancy: Dashboard['occupancy'] }) {
  const { t } = useConsole();
  return (
    <>
      <dl className="figures">
        <dt>{t.inside}</dt>
        <dd data-testid="inside">{occupancy.inside}</dd>
        <dt>{t.capacity}</dt>
        <dd>{occupancy.capacity ?? t.noCapacity}</dd>
        <dt>{t.entries}</dt>
        <dd>{occupancy.entries}</dd>
        <dt>{t.exits}</dt>
        <dd>{occupancy.exits}</dd>
        <dt>{t.doubleEntries}</dt>
        <dd>{occupancy.doubleEntries}</dd>
      </dl>
      {occupancy.byGate.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.gate}</th>
              <th scope="col">{t.entries}</th>
              <th scope="col">{t.exits}</th>
            </tr>
          </thead>
          <tbody>
            {occupancy.byGate.map((g) => (
              <tr key={g.gate}>
                <th scope="row">{g.gate}</th>
                <td>{g.entries}</td>
                <td>{g.exits}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
