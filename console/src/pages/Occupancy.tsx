// People inside against the capacity, entries, exits and double entries, and the same per gate:
// the door's count as the dashboard and the door report show it; then each venue against its own
// capacity, a venue near or at capacity said in words and a sign, never by colour alone.
import type { Dashboard } from '../../../shared/console/console-api';
import { capacityState, type VenueOccupancy } from '../../../shared/console/venues-api';
import { useVenuesText } from '../i18n-venues';
import { useConsole } from '../store';
import '../venues.css';

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
      <VenueFigures venues={occupancy.byVenue} />
    </>
  );
}

const SIGN = { ok: '', near: '⚠ ', full: '⛔ ' } as const;

function VenueFigures({ venues }: { venues: VenueOccupancy[] }) {
  const v = useVenuesText();
  return (
    <div className="table-scroll">
      <table data-testid="venue-occupancy">
        <caption>{v.byVenue}</caption>
        <thead>
          <tr>
            <th scope="col">{v.venue}</th>
            <th scope="col">{v.inside}</th>
            <th scope="col">{v.capacity}</th>
            <th scope="col">{v.state}</th>
            <th scope="col">{v.entries}</th>
            <th scope="col">{v.exits}</th>
            <th scope="col">{v.doors}</th>
          </tr>
        </thead>
        <tbody>
          {venues.map((venue) => {
            const state = capacityState(venue);
            return (
              <tr key={venue.venueId} className={state === 'ok' ? undefined : `capacity-${state}`}>
                <th scope="row">{venue.name}</th>
                <td>{venue.inside}</td>
                <td>{venue.capacity ?? v.noLimit}</td>
                <td>
                  <span aria-hidden="true">{SIGN[state]}</span>
                  {venue.capacity === null ? '—' : v[state]}
                </td>
                <td>{venue.entries}</td>
                <td>{venue.exits}</td>
                <td>{venue.doors.length === 0 ? v.noDoors : venue.doors.map((d) => d.name).join(', ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
