// The events page (managers): every event with its dates, time zone and capacity; a form to
// create one or edit one, with its venues; archiving after a confirmation (archived events hidden unless asked
// for, restorable).
import { useCallback, useState } from 'react';
import {
  EventDetailsListResponseSchema,
  EventDetailsResponseSchema,
  type EventDetails,
} from '../../../shared/console/setup-api';
import { api } from '../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { PageTitle, useAnnouncement } from '../PageTitle';
import { useSetupText } from '../i18n-setup';
import { useConsole } from '../store';
import { usePoll } from '../use-poll';
import { Branding } from './Branding';
import { EventForm } from './EventForm';
import { Venues } from './Venues';
import '../setup.css';

export function Events() {
  const { t, locale, reloadEvents } = useConsole();
  const s = useSetupText();
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<EventDetails>();
  const [archiving, setArchiving] = useState<EventDetails>();
  const [failure, setFailure] = useState<string>();
  const { heading, headingOf, notice, announce } = useAnnouncement();
  const read = useCallback(
    async () =>
      (await api(EventDetailsListResponseSchema, `/setup/events?archived=${String(showArchived)}`)).events,
    [showArchived],
  );
  const { data, error, refresh } = usePoll(read, 30_000);

  const changed = (text: string) => {
    announce(text);
    refresh();
    void reloadEvents();
  };
  const setArchived = async (event: EventDetails, archived: boolean) => {
    try {
      await api(EventDetailsResponseSchema, `/setup/events/${encodeURIComponent(event.id)}/archive`, {
        method: 'POST',
        body: { archived },
      });
      setArchiving(undefined);
      changed(archived ? s.eventArchived(event.name) : s.eventRestored(event.name));
    } catch (err) {
      setFailure(`${t.errorPrefix} ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const day = (date: string | null) =>
    date === null ? '—' : new Date(`${date}T12:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC' });

  return (
    <section aria-labelledby="events-title">
      <PageTitle id="events-title" title={s.eventsTitle} heading={heading} notice={notice} />
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      {failure !== undefined && archiving === undefined && <p role="alert">{failure}</p>}
      <label className="check">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
        {s.showArchived}
      </label>
      {data === undefined ? (
        <p>{t.loading}</p>
      ) : data.length === 0 ? (
        <p>{s.noEventsYet}</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{s.eventName}</th>
                <th scope="col">{s.eventId}</th>
                <th scope="col">{s.dates}</th>
                <th scope="col">{s.timeZone}</th>
                <th scope="col">{s.capacity}</th>
                <th scope="col">{s.manage}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((e) => (
                <tr key={e.id} data-testid="event-row">
                  <th scope="row">
                    {e.name}
                    {e.archivedAt !== null && <span className="badge">{s.archived}</span>}
                  </th>
                  <td className="mono">{e.id}</td>
                  <td>
                    {day(e.startsOn)} – {day(e.endsOn)}
                  </td>
                  <td>{e.timeZone ?? '—'}</td>
                  <td>{e.capacity ?? s.noLimit}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="secondary"
                      aria-label={s.editEvent(e.name)}
                      onClick={() => setEditing(e)}
                    >
                      {s.edit}
                    </button>
                    {e.archivedAt === null ? (
                      <button
                        type="button"
                        className="secondary"
                        aria-label={s.archiveEvent(e.name)}
                        onClick={() => {
                          setFailure(undefined);
                          setArchiving(e);
                        }}
                      >
                        {s.archive}
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        aria-label={s.restoreEvent(e.name)}
                        onClick={() => void setArchived(e, false)}
                      >
                        {s.restore}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <EventForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onSaved={(event) => {
          setEditing(undefined);
          changed(s.eventSaved(event.name));
        }}
      />
      {editing !== undefined && (
        <button type="button" className="secondary" onClick={() => setEditing(undefined)}>
          {s.cancel}
        </button>
      )}
      {editing !== undefined && editing.archivedAt === null && (
        <>
          <Venues key={`venues:${editing.id}`} event={editing} onChanged={changed} />
          <Branding key={`branding:${editing.id}`} event={editing} onChanged={changed} />
        </>
      )}
      {archiving !== undefined && (
        <ConfirmDialog
          title={s.archiveTitle(archiving.name)}
          confirmLabel={s.archiveConfirm}
          cancelLabel={s.cancel}
          error={failure}
          onConfirm={() => void setArchived(archiving, true)}
          onClose={() => setArchiving(undefined)}
          fallback={headingOf}
        >
          {s.archiveBody}
        </ConfirmDialog>
      )}
    </section>
  );
}
