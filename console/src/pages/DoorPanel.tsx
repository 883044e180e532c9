// The door's rules (capacity, re-entry, visitor passes; door staff change them) and the door
// report (people inside per gate against the capacity, double entries with both scans), read
// from the people's /v1 door routes and refreshed every few seconds.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Role } from '../../../shared/sync/admin-api';
import {
  DoorSettingsResponseSchema,
  DoubleEntryListResponseSchema,
  OccupancyResponseSchema,
  type ScanSummary,
} from '../../../sync-server/tickets/ticket-api';
import { api } from '../api';
import { ListTable } from '../ListTable';
import { useRecordsWords } from '../i18n-records';
import { useConsole } from '../store';
import { usePoll } from '../use-poll';
import { OccupancyFigures } from './Occupancy';

/** As sync-server/routes/roles.ts DOOR_STAFF: change the door rules. */
const DOOR_STAFF: readonly Role[] = ['admin', 'coordinator', 'door_supervisor'];

export function DoorPanel({ eventId, role }: { eventId: string; role: Role }) {
  return (
    <>
      <DoorRules eventId={eventId} editable={DOOR_STAFF.includes(role)} />
      <DoorReport eventId={eventId} />
    </>
  );
}

function DoorRules({ eventId, editable }: { eventId: string; editable: boolean }) {
  const { t } = useConsole();
  const w = useRecordsWords();
  const path = `/v1/events/${encodeURIComponent(eventId)}/door`;
  const [rules, setRules] = useState({ capacity: '', allowReentry: false, acceptPasses: false });
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    api(DoorSettingsResponseSchema, path, { v1: true }).then(
      ({ door }) =>
        live &&
        setRules({
          capacity: door.capacity === null ? '' : String(door.capacity),
          allowReentry: door.rules.allowReentry,
          acceptPasses: door.rules.acceptPasses,
        }),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [path]);
  async function save(e: FormEvent) {
    e.preventDefault();
    try {
      await api(DoorSettingsResponseSchema, path, {
        method: 'PUT',
        v1: true,
        body: {
          capacity: rules.capacity.trim() === '' ? null : Number(rules.capacity),
          allowReentry: rules.allowReentry,
          acceptPasses: rules.acceptPasses,
        },
      });
      setError(undefined);
      setNotice(w.saved);
    } catch (e) {
      setNotice(undefined);
      setError(e instanceof Error ? e.message : String(e));
    }
  }
  return (
    <form className="panel" aria-labelledby="door-rules-title" onSubmit={(e) => void save(e)}>
      <h3 id="door-rules-title">{w.doorTitle}</h3>
      <fieldset disabled={!editable} className="form-grid">
        <label>
          {w.capacityField}
          <input
            type="number"
            min={1}
            value={rules.capacity}
            onChange={(e) => setRules({ ...rules, capacity: e.target.value })}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={rules.allowReentry}
            onChange={(e) => setRules({ ...rules, allowReentry: e.target.checked })}
          />
          {w.allowReentry}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={rules.acceptPasses}
            onChange={(e) => setRules({ ...rules, acceptPasses: e.target.checked })}
          />
          {w.acceptPasses}
        </label>
      </fieldset>
      {editable && <button type="submit">{w.save}</button>}
      {notice !== undefined && <p role="status">{notice}</p>}
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
    </form>
  );
}

function DoorReport({ eventId }: { eventId: string }) {
  const { t, locale } = useConsole();
  const w = useRecordsWords();
  const read = useCallback(
    async (signal: AbortSignal) => {
      const base = `/v1/events/${encodeURIComponent(eventId)}`;
      const [occupancy, doubles] = await Promise.all([
        api(OccupancyResponseSchema, `${base}/occupancy`, { v1: true, signal }),
        api(DoubleEntryListResponseSchema, `${base}/double-entries`, { v1: true, signal }),
      ]);
      return { occupancy, doubles: doubles.doubleEntries };
    },
    [eventId],
  );
  const { data, error } = usePoll(read, 5000, eventId);
  const time = (iso: string) => new Date(iso).toLocaleString(locale);
  return (
    <section className="panel" aria-labelledby="door-report-title">
      <h3 id="door-report-title">{w.reportTitle}</h3>
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      {data === undefined ? (
        <p>{t.loading}</p>
      ) : (
        <>
          <div data-testid="door-occupancy">
            <OccupancyFigures occupancy={data.occupancy} />
          </div>
          <h4>{w.doubleEntriesTitle}</h4>
          {data.doubles.length === 0 ? (
            <p>{w.noDoubleEntries}</p>
          ) : (
            <ListTable columns={[w.code, w.kind, w.firstScan, w.secondScan]}>
              {data.doubles.map((d) => (
                <tr key={d.duplicate.id}>
                  <th scope="row" className="mono">
                    {d.ticket.id}
                  </th>
                  <td>{d.kind === 'reentry' ? w.kindReentry : w.kindWhileInside}</td>
                  <td>
                    <ScanPlace scan={d.winner} time={time} />
                  </td>
                  <td>
                    <ScanPlace scan={d.duplicate} time={time} />
                  </td>
                </tr>
              ))}
            </ListTable>
          )}
        </>
      )}
    </section>
  );
}

/** Gate · kiosk · time; the gate's and the kiosk's names isolated, as staff typed them. */
function ScanPlace({ scan, time }: { scan: ScanSummary; time: (iso: string) => string }) {
  return (
    <>
      <bdi>{scan.gate}</bdi> · <bdi>{scan.deviceName}</bdi> · {time(scan.correctedTime)}
    </>
  );
}
