// The audit page (admins): the log newest first, 50 entries a page (keyset, "Más antiguos"),
// filtered by action, actor and days of the browser's time zone. Read-only. Details are shown as
// label: value text (audit-detail.ts) that React escapes, each value in a <bdi> so a direction
// control in it stays inside it; a long value is cut, with the whole of it one click away.
import { Fragment, useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import {
  AuditActionSchema,
  AuditPageResponseSchema,
  type AuditAction,
  type AuditEntryRow,
  type AuditQuery,
} from '../../../shared/console/audit-api';
import { api } from '../api';
import { detailLines, type AuditDetailLine, type DetailPiece } from '../audit-detail';
import { InputField } from '../fields';
import { useAuditText } from '../i18n-audit';
import { useSetupText } from '../i18n-setup';
import { ListTable } from '../ListTable';
import { PageTitle, useAnnouncement } from '../PageTitle';
import { useConsole } from '../store';
import { usePoll } from '../use-poll';
import '../records.css';
import '../setup.css';

type Filters = { action: AuditAction | ''; actor: string; from: string; to: string };
const NO_FILTERS: Filters = { action: '', actor: '', from: '', to: '' };

/** The start of a day in the browser's time zone (the one times are shown in), `after` days on. */
function dayStart(day: string, after = 0): string {
  const start = new Date(`${day}T00:00:00`);
  start.setDate(start.getDate() + after);
  return start.toISOString();
}

function queryOf(f: Filters, before: string | undefined): string {
  const query: Partial<Record<keyof AuditQuery, string>> = {
    ...(f.action !== '' && { action: f.action }),
    ...(f.actor.trim() !== '' && { actor: f.actor.trim() }),
    ...(f.from !== '' && { from: dayStart(f.from) }),
    // "To" includes its day: entries before the next day's start.
    ...(f.to !== '' && { to: dayStart(f.to, 1) }),
    ...(before !== undefined && { before }),
  };
  return new URLSearchParams(query).toString();
}

export function Audit() {
  const { t } = useConsole();
  const a = useAuditText();
  const { heading } = useAnnouncement();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  /** Cursors of the pages shown so far: [undefined] is the newest page. */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const paged = useRef(false);
  const firstRow = useRef<HTMLTableCellElement>(null);
  const before = cursors.at(-1);
  const read = useCallback(
    () => api(AuditPageResponseSchema, `/audit?${queryOf(applied, before)}`),
    [applied, before],
  );
  // Entries keep coming while the page is open; once a minute is soon enough for a log.
  const { data: page, error } = usePoll(read, 60_000);
  useEffect(() => {
    // The paging button pressed may be gone on the new page: reading goes on at its first entry.
    if (paged.current && page !== undefined) firstRow.current?.focus();
    paged.current = false;
  }, [page]);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setDraft({ ...draft, [key]: value });
  const show = (filters: Filters) => {
    setDraft(filters);
    setApplied(filters);
    setCursors([undefined]);
  };
  const turn = (next: (string | undefined)[]) => {
    paged.current = true;
    setCursors(next);
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    show(draft);
  };
  return (
    <section aria-labelledby="audit-title">
      <PageTitle
        id="audit-title"
        title={a.auditTitle}
        heading={heading}
        notice={page === undefined ? undefined : a.shown(page.entries.length)}
      />
      <p>{a.auditHelp}</p>
      <form aria-label={a.filters} onSubmit={apply}>
        <div className="form-grid">
          <label>
            {a.action}
            <select
              value={draft.action}
              onChange={(e) =>
                set('action', e.target.value === '' ? '' : AuditActionSchema.parse(e.target.value))
              }
            >
              <option value="">{a.allActions}</option>
              {AuditActionSchema.options.map((action) => (
                <option key={action} value={action}>
                  {a.actions[action]}
                </option>
              ))}
            </select>
          </label>
          <InputField
            label={a.actor}
            value={draft.actor}
            onValue={(v) => set('actor', v)}
            autoComplete="off"
          />
          <InputField label={a.fromDay} type="date" value={draft.from} onValue={(v) => set('from', v)} />
          <InputField label={a.toDay} type="date" value={draft.to} onValue={(v) => set('to', v)} />
        </div>
        <div className="actions">
          <button type="submit">{a.filter}</button>
          <button type="button" className="secondary" onClick={() => show(NO_FILTERS)}>
            {a.clear}
          </button>
        </div>
      </form>
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      {page === undefined ? (
        error === undefined && <p>{t.loading}</p>
      ) : page.entries.length === 0 ? (
        <p>{a.noEntries}</p>
      ) : (
        <>
          <ListTable columns={[a.when, a.who, a.what, a.detail]} label={a.auditTitle} testId="audit-table">
            {page.entries.map((entry, i) => (
              <EntryRow key={entry.id} entry={entry} cell={i === 0 ? firstRow : undefined} />
            ))}
          </ListTable>
          <nav aria-label={a.pages} className="pager">
            <span>{a.page(cursors.length)}</span>
            {cursors.length > 1 && (
              <button type="button" className="secondary" onClick={() => turn([undefined])}>
                {a.newest}
              </button>
            )}
            {page.next !== null && (
              <button type="button" onClick={() => turn([...cursors, page.next ?? undefined])}>
                {a.older}
              </button>
            )}
          </nav>
        </>
      )}
    </section>
  );
}

function EntryRow({
  entry,
  cell,
}: {
  entry: AuditEntryRow;
  cell: RefObject<HTMLTableCellElement | null> | undefined;
}) {
  const { locale } = useConsole();
  const a = useAuditText();
  const { roleNames } = useSetupText();
  const details = detailLines({ ...a, roleNames }, entry.detail);
  return (
    <tr data-testid="audit-row">
      <th scope="row" ref={cell} tabIndex={cell === undefined ? undefined : -1}>
        <time dateTime={entry.at}>{new Date(entry.at).toLocaleString(locale)}</time>
      </th>
      <td>{entry.actor}</td>
      <td>{a.actions[entry.action]}</td>
      <td>
        {details.length === 0 ? (
          '—'
        ) : (
          <ul>
            {details.map((line) => (
              <DetailLine key={line.key} line={line} />
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

/** A long value shows cut (audit-detail.ts), with the whole under "Ver completo". */
function DetailLine({ line: { label, pieces, short } }: { line: AuditDetailLine }) {
  const a = useAuditText();
  if (short === undefined) {
    return (
      <li className="wrap">
        {label}: <Pieces pieces={pieces} />
      </li>
    );
  }
  return (
    <li className="wrap">
      {label}: <Pieces pieces={short} />
      <details>
        <summary>{a.fullValue(label)}</summary>
        <p>
          <Pieces pieces={pieces} />
        </p>
      </details>
    </li>
  );
}

/** Our words as they are, each value isolated: the same text, no direction leaking out of a value. */
function Pieces({ pieces }: { pieces: DetailPiece[] }) {
  return pieces.map((piece, i) => (
    <Fragment key={i}>{typeof piece === 'string' ? piece : <bdi>{piece.value}</bdi>}</Fragment>
  ));
}
