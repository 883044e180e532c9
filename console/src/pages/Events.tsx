// The events page (managers): every event with its dates, time zone and capacity; a form to
// create one or edit one, with its venues; archiving after a confirmation (archived events hidden unless asked
// for, restorable).
import { useCallback, useState, type ReactNode } from 'react';
import {
  EventDetailsListResponseSchema,
  EventDetailsResponseSchema,
  type EventDetails,
} from '../../../shared/console/setup-api';
import { api } from '../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { CheckField } from '../fields';
import { ListTable, RowAction } from '../ListTable';
import { PageTitle, useAnnouncement } from '../PageTitle';
import { useSetupText } from '../i18n-setup';
import { said } from '../said';
import { useConsole } from '../store';
import { useConfirmation } from '../use-confirmation';
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
  const archiving = useConfirmation<EventDetails>();
  const toArchive = archiving.asking;
  const { heading, headingOf, notice, announce } = useAnnouncement();
  const read = useCallback(
    async () =>
      (await api(EventDetailsListResponseSchema, `/setup/events?archived=${String(showArchived)}`)).events,
    [showArchived],
  );
  const { data, error, refresh } = usePoll(read, 30_000);

  const changed = (text: ReactNode) => {
    announce(text);
    refresh();
    void reloadEvents();
  };
  const setArchived = (event: EventDetails, archived: boolean) =>
    archiving.act(async () => {
      await api(EventDetailsResponseSchema, `/setup/events/${encodeURIComponent(event.id)}/archive`, {
        method: 'POST',
        body: { archived },
      });
      changed(said(archived ? s.eventArchived : s.eventRestored, event.name));
    });
  const day = (date: string | null) =>
    date === null ? '—' : new Date(`${date}T12:00:00Z`).toLocaleDateString(locale, { timeZone: 'UTC' });

  return (
    <section aria-labelledby="events-title">
      <PageTitle id="events-title" title={s.eventsTitle} heading={heading} notice={notice} />
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      {archiving.failure !== undefined && toArchive === undefined && <p role="alert">{archiving.failure}</p>}
      <CheckField label={s.showArchived} checked={showArchived} onCheck={setShowArchived} />
      {data === undefined ? (
        <p>{t.loading}</p>
      ) : data.length === 0 ? (
        <p>{s.noEventsYet}</p>
      ) : (
        <ListTable columns={[s.eventName, s.eventId, s.dates, s.timeZone, s.capacity, s.manage]}>
          {data.map((e) => (
            <tr key={e.id} data-testid="event-row">
              <th scope="row">
                <bdi>{e.name}</bdi>
                {e.archivedAt !== null && <span className="badge">{s.archived}</span>}
              </th>
              <td className="mono">{e.id}</td>
              <td>
                {day(e.startsOn)} – {day(e.endsOn)}
              </td>
              <td>{e.timeZone ?? '—'}</td>
              <td>{e.capacity ?? s.noLimit}</td>
              <td className="row-actions">
                <RowAction label={s.edit} name={s.editEvent(e.name)} onClick={() => setEditing(e)} />
                {e.archivedAt === null ? (
                  <RowAction
                    label={s.archive}
                    name={s.archiveEvent(e.name)}
                    onClick={() => archiving.ask(e)}
                  />
                ) : (
                  <RowAction
                    label={s.restore}
                    name={s.restoreEvent(e.name)}
                    onClick={() => void setArchived(e, false)}
                  />
                )}
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <EventForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onSaved={(event) => {
          setEditing(undefined);
          changed(said(s.eventSaved, event.name));
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
      {toArchive !== undefined && (
        <ConfirmDialog
          title={said(s.archiveTitle, toArchive.name)}
          confirmLabel={s.archiveConfirm}
          cancelLabel={s.cancel}
          error={archiving.failure}
          onConfirm={() => void setArchived(toArchive, true)}
          onClose={archiving.close}
          fallback={headingOf}
        >
          {s.archiveBody}
        </ConfirmDialog>
      )}
    </section>
  );
}
