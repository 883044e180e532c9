// The live dashboard: refreshes by itself every few seconds. Records per form and per kiosk over
// the last 24 hours, records per hour, kiosks not heard from for N minutes, and the door's count.
import { useCallback, useState } from 'react';
import {
  DashboardResponseSchema,
  DEFAULT_STALE_MINUTES,
  type Dashboard as DashboardData,
} from '../../../shared/console/console-api';
import { api } from '../api';
import { formTitleOf } from '../form-title';
import { useConsole, useCurrentEvent } from '../store';
import { usePoll } from '../use-poll';
import { KioskTable } from './Kiosks';
import { OccupancyFigures } from './Occupancy';

export const REFRESH_MS = 3000;

const total = (rows: DashboardData['hours'], key: 'formId' | 'deviceId' | 'hour'): [string, number][] => {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(row[key], (sums.get(row[key]) ?? 0) + row.records);
  return [...sums];
};

export function Dashboard() {
  const { t, eventId, locale, user } = useConsole();
  const forms = useCurrentEvent()?.forms;
  const doorOnly = user?.role === 'door_supervisor';
  const [staleMinutes, setStaleMinutes] = useState(DEFAULT_STALE_MINUTES);
  const read = useCallback(
    (signal: AbortSignal) =>
      api(
        DashboardResponseSchema,
        `/dashboard?eventId=${encodeURIComponent(eventId ?? '')}&staleMinutes=${staleMinutes}`,
        { signal },
      ),
    [eventId, staleMinutes],
  );
  const { data, error } = usePoll(eventId === undefined ? undefined : read, REFRESH_MS, eventId);
  const kioskName = new Map(data?.kiosks.map((k) => [k.id, k.name]));
  const staleIds = new Set(data?.kiosks.filter((k) => k.stale).map((k) => k.id));
  return (
    <section aria-labelledby="dashboard-title">
      <h2 id="dashboard-title">{t.navDashboard}</h2>
      <label className="inline">
        {t.staleMinutes}
        <input
          type="number"
          min={1}
          max={1440}
          value={staleMinutes}
          onChange={(e) => setStaleMinutes(Math.max(1, Number(e.target.value) || DEFAULT_STALE_MINUTES))}
        />
      </label>
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      {data === undefined ? (
        <p>{eventId === undefined ? t.noEvents : t.loading}</p>
      ) : (
        <>
          <p className="status" aria-live="polite">
            {t.live}: {new Date(data.serverTime).toLocaleTimeString(locale)}
          </p>
          <div className="cards">
            {!doorOnly && (
              <>
                <Counts
                  title={t.recordsPerForm}
                  head={t.form}
                  rows={total(data.hours, 'formId').map(([id, n]) => [formTitleOf(forms, id, locale), n])}
                  records={t.records}
                  testId="per-form"
                />
                <Counts
                  title={t.recordsPerKiosk}
                  head={t.kiosk}
                  rows={total(data.hours, 'deviceId').map(([id, n]) => [kioskName.get(id) ?? id, n])}
                  records={t.records}
                  testId="per-kiosk"
                />
                <Counts
                  title={t.recordsPerHour}
                  head={t.hour}
                  rows={total(data.hours, 'hour').map(([h, n]) => [
                    new Date(`${h}:00:00Z`).toLocaleString(locale),
                    n,
                  ])}
                  records={t.records}
                  testId="per-hour"
                />
              </>
            )}
            <section className="card" aria-labelledby="occupancy-title">
              <h3 id="occupancy-title">{t.occupancy}</h3>
              <OccupancyFigures occupancy={data.occupancy} />
            </section>
          </div>
          <h3>{t.navKiosks}</h3>
          <KioskTable kiosks={data.kiosks} t={t} locale={locale} stale={(k) => staleIds.has(k.id)} />
        </>
      )}
    </section>
  );
}

function Counts(props: {
  title: string;
  head: string;
  records: string;
  rows: [string, number][];
  testId: string;
}) {
  return (
    <section className="card" aria-label={props.title}>
      <h3>{props.title}</h3>
      <table data-testid={props.testId}>
        <thead>
          <tr>
            <th scope="col">{props.head}</th>
            <th scope="col">{props.records}</th>
          </tr>
        </thead>
        <tbody>
          {/* By position: two forms may share a title. */}
          {props.rows.map(([name, n], i) => (
            <tr key={i}>
              <th scope="row">{name}</th>
              <td>{n}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
