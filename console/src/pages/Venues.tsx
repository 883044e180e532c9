// An event's venues on the events page (managers): each venue's name and capacity edited in its
// own row, archive and restore, and a row to add one. Checked here with the server's schema and
// the names already listed, so a mistake is named beside its field before anything is sent.
import { useCallback, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { EventDetails } from '../../../shared/console/setup-api';
import {
  VenueCreateSchema,
  VenueListResponseSchema,
  VenueResponseSchema,
  type Venue,
} from '../../../shared/console/venues-api';
import { api } from '../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { useVenuesText, type VenueMessages } from '../i18n-venues';
import { said } from '../said';
import { useConsole } from '../store';
import { usePoll } from '../use-poll';
import '../venues.css';

type Draft = { name: string; capacity: string };
type Problem = { field: 'name' | 'capacity' | undefined; message: ReactNode };

/** The request a row's fields make, or what is wrong with them (in the page's language). */
function checkDraft(
  v: VenueMessages,
  draft: Draft,
  others: Venue[],
): { ok: true; body: { name: string; capacity: number | null } } | { ok: false; problem: Problem } {
  const capacity = draft.capacity.trim() === '' ? null : Number(draft.capacity);
  const checked = VenueCreateSchema.safeParse({ name: draft.name, capacity });
  if (!checked.success) {
    const field = checked.error.issues[0]?.path[0] === 'capacity' ? 'capacity' : 'name';
    return { ok: false, problem: { field, message: field === 'name' ? v.nameNeeded : v.capacityInvalid } };
  }
  const name = checked.data.name;
  if (others.some((o) => o.name.toLowerCase() === name.toLowerCase())) {
    return { ok: false, problem: { field: 'name', message: said(v.nameTaken, name) } };
  }
  return { ok: true, body: checked.data };
}

export function Venues({ event, onChanged }: { event: EventDetails; onChanged(text: ReactNode): void }) {
  const v = useVenuesText();
  const id = useId();
  const base = `/setup/events/${encodeURIComponent(event.id)}/venues`;
  const read = useCallback(async () => api(VenueListResponseSchema, `${base}?archived=true`), [base]);
  const { data, error, refresh } = usePoll(read, 30_000);
  const done = (text: ReactNode) => {
    refresh();
    onChanged(text);
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{said(v.venuesTitle, event.name)}</h3>
      <p className="status">{v.venuesHelp}</p>
      {error !== undefined && <p role="alert">{error}</p>}
      {data?.venues.map((venue) => (
        <VenueRow
          key={`${venue.id}:${venue.name}:${String(venue.capacity)}`}
          base={base}
          venue={venue}
          others={data.venues.filter((o) => o.id !== venue.id)}
          onDone={done}
        />
      ))}
      {data !== undefined && (
        <VenueRow key={data.venues.length} base={base} others={data.venues} onDone={done} />
      )}
    </section>
  );
}

/** One venue's row, or (without `venue`) the row that adds one. */
function VenueRow(props: { base: string; venue?: Venue; others: Venue[]; onDone(text: ReactNode): void }) {
  const { t } = useConsole();
  const v = useVenuesText();
  const id = useId();
  const { venue } = props;
  const [draft, setDraft] = useState<Draft>({
    name: venue?.name ?? '',
    capacity: venue?.capacity === null || venue?.capacity === undefined ? '' : String(venue.capacity),
  });
  const [problem, setProblem] = useState<Problem>();
  /** Archiving waits for a yes in a dialog, which shows why the server refused, if it does. */
  const [archiving, setArchiving] = useState<{ busy: boolean; error?: string }>();
  /** undefined once sent, else what went wrong (in the page's language). */
  const send = async (body: unknown, notice: ReactNode): Promise<string | undefined> => {
    try {
      const url = venue === undefined ? props.base : `${props.base}/${encodeURIComponent(venue.id)}`;
      await api(VenueResponseSchema, url, { method: 'POST', body });
      setProblem(undefined);
      props.onDone(notice);
      return undefined;
    } catch (err) {
      return `${t.errorPrefix} ${err instanceof Error ? err.message : String(err)}`;
    }
  };
  const sendInRow = async (body: unknown, notice: ReactNode) => {
    const failed = await send(body, notice);
    if (failed !== undefined) setProblem({ field: undefined, message: failed });
  };
  const archive = async (name: string) => {
    setArchiving({ busy: true });
    const failed = await send({ archived: true }, said(v.venueArchived, name));
    setArchiving(failed === undefined ? undefined : { busy: false, error: failed });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const checked = checkDraft(v, draft, props.others);
    if (!checked.ok) return setProblem(checked.problem);
    void sendInRow(checked.body, said(venue === undefined ? v.venueAdded : v.venueSaved, checked.body.name));
  };
  const field = (name: keyof Draft, label: string, attrs: React.InputHTMLAttributes<HTMLInputElement>) => (
    <label>
      {label}
      <input
        {...attrs}
        value={draft[name]}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
        aria-invalid={problem?.field === name ? true : undefined}
        aria-describedby={problem?.field === name ? `${id}-problem` : undefined}
      />
    </label>
  );
  const archived = venue !== undefined && venue.archivedAt !== null;
  return (
    <form
      className="venue-row"
      data-testid="venue-row"
      noValidate
      onSubmit={submit}
      aria-label={venue?.name ?? v.addVenue}
    >
      {field('name', v.venueName, { required: true, maxLength: 100, disabled: archived })}
      {field('capacity', v.venueCapacity, {
        type: 'number',
        min: 1,
        step: 1,
        inputMode: 'numeric',
        disabled: archived,
      })}
      {venue?.isDefault === true && <span className="badge">{v.main}</span>}
      {archived && <span className="badge">{v.archived}</span>}
      {!archived && (
        <button type="submit" aria-label={venue === undefined ? undefined : v.saveVenue(venue.name)}>
          {venue === undefined ? v.addVenue : v.save}
        </button>
      )}
      {venue !== undefined && !venue.isDefault && (
        <button
          type="button"
          className="secondary"
          aria-label={archived ? v.restoreVenue(venue.name) : v.archiveVenue(venue.name)}
          onClick={() =>
            archived
              ? void sendInRow({ archived: false }, said(v.venueRestored, venue.name))
              : setArchiving({ busy: false })
          }
        >
          {archived ? v.restore : v.archive}
        </button>
      )}
      {venue !== undefined && archiving !== undefined && (
        <ConfirmDialog
          title={said(v.archiveTitle, venue.name)}
          confirmLabel={v.archiveConfirm}
          cancelLabel={v.cancel}
          busy={archiving.busy}
          error={archiving.error}
          onConfirm={() => void archive(venue.name)}
          onClose={() => setArchiving(undefined)}
        >
          {v.archiveBody}
        </ConfirmDialog>
      )}
      {problem !== undefined && (
        <p role="alert" id={`${id}-problem`}>
          {problem.message}
        </p>
      )}
    </form>
  );
}
