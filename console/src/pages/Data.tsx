// A form's records as a table, with the export's filters (kiosk by name, version, dates read at a
// time zone, complete only, every revision), paged on the server by id. Anonymised unless the role
// may see personal data; then photos show as thumbnails from the console's audited photo route.
import { useEffect, useState, type FormEvent } from 'react';
import { CONSOLE_API, type Kiosk } from '../../../shared/console/console-api';
import { DataResponseSchema, type DataResponse } from '../../../shared/console/data-api';
import { formatOfName } from '../../../shared/sync/attachment-formats';
import { api } from '../api';
import { formTitle } from '../form-title';
import { CheckField, InputField } from '../fields';
import { useRecordsWords } from '../i18n-records';
import { useConsole, useCurrentEvent } from '../store';
import { useKiosks } from '../use-kiosks';
import '../records.css';

/** Fixed offsets a statistician may read dates at; Hidalgo is -06:00 all year. */
export const UTC_OFFSETS = ['-06:00', '-05:00', '-07:00', '-08:00', 'Z'] as const;

type Filters = {
  formId: string;
  kiosk: string;
  version: string;
  from: string;
  to: string;
  offset: string;
  complete: boolean;
  allRevisions: boolean;
};

const blankFilters = (formId: string): Filters => ({
  formId,
  kiosk: '',
  version: '',
  from: '',
  to: '',
  offset: '-06:00',
  complete: false,
  allRevisions: false,
});

const queryOf = (eventId: string, f: Filters, after: string | undefined): string =>
  new URLSearchParams({
    event: eventId,
    limit: '50',
    ...(f.kiosk !== '' && { kiosk: f.kiosk }),
    ...(f.version !== '' && { version: f.version }),
    ...(f.from !== '' && { from: f.from }),
    ...(f.to !== '' && { to: f.to }),
    ...(f.offset !== '' && { 'utc-offset': f.offset }),
    ...(f.complete && { complete: 'true' }),
    ...(f.allRevisions && { revisions: 'all' }),
    ...(after !== undefined && { after }),
  }).toString();

export function Data() {
  const { t, eventId, locale } = useConsole();
  const w = useRecordsWords();
  const event = useCurrentEvent();
  const first = event?.forms[0]?.formId ?? '';
  const blank = blankFilters(first);
  const [draft, setDraft] = useState<Filters>(blank);
  const [applied, setApplied] = useState<Filters>(blank);
  /** Cursors of the pages shown so far: [undefined] is the first page. */
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<DataResponse | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const kiosks = useKiosks(eventId);
  useEffect(() => {
    // Another event starts over.
    setDraft(blankFilters(first));
    setApplied(blankFilters(first));
    setCursors([undefined]);
  }, [eventId, first]);
  const after = cursors.at(-1);
  useEffect(() => {
    if (eventId === undefined || applied.formId === '') return;
    // Only the answer to the latest question is shown, whatever order the answers come in.
    let live = true;
    const path = `/data/${encodeURIComponent(applied.formId)}?${queryOf(eventId, applied, after)}`;
    api(DataResponseSchema, path).then(
      (data) => {
        if (!live) return;
        setPage(data);
        setError(undefined);
      },
      (e: unknown) => {
        if (!live) return;
        setPage(undefined);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [eventId, applied, after]);
  if (event === undefined) return <p>{t.noEvents}</p>;
  const form = event.forms.find((f) => f.formId === draft.formId);
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) => setDraft({ ...draft, [key]: value });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setApplied(draft);
    setCursors([undefined]);
  };
  return (
    <section aria-labelledby="data-title">
      <h2 id="data-title">{w.dataTitle}</h2>
      <form aria-label={w.filters} onSubmit={apply}>
        <div className="form-grid">
          <label>
            {t.form}
            <select
              value={draft.formId}
              onChange={(e) => setDraft({ ...draft, formId: e.target.value, version: '' })}
            >
              {event.forms.map((f) => (
                <option key={f.formId} value={f.formId}>
                  {formTitle(f, locale)}
                </option>
              ))}
            </select>
          </label>
          <KioskPicker kiosks={kiosks} value={draft.kiosk} onChange={(v) => set('kiosk', v)} />
          <label>
            {t.version}
            <select value={draft.version} onChange={(e) => set('version', e.target.value)}>
              <option value="">{t.allVersions}</option>
              {form?.versions.map((v) => (
                <option key={v}>{v}</option>
              ))}
            </select>
          </label>
          <InputField label={t.from} type="date" value={draft.from} onValue={(v) => set('from', v)} />
          <InputField label={t.to} type="date" value={draft.to} onValue={(v) => set('to', v)} />
          <OffsetPicker value={draft.offset} onChange={(v) => set('offset', v)} />
          <CheckField label={w.completeOnly} checked={draft.complete} onCheck={(v) => set('complete', v)} />
          <CheckField
            label={w.allRevisions}
            checked={draft.allRevisions}
            onCheck={(v) => set('allRevisions', v)}
          />
        </div>
        <button type="submit">{w.show}</button>
      </form>
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      {page !== undefined && (
        <>
          <p className="status">{page.anonymised ? w.anonymisedData : w.personalDataShown}</p>
          <RecordTable page={page} />
          <nav aria-label={w.page(cursors.length)} className="pager">
            <span>{w.page(cursors.length)}</span>
            {cursors.length > 1 && (
              <button type="button" onClick={() => setCursors([undefined])}>
                {w.firstPage}
              </button>
            )}
            {page.next !== null && (
              <button type="button" onClick={() => setCursors([...cursors, page.next ?? undefined])}>
                {w.nextPage}
              </button>
            )}
          </nav>
        </>
      )}
    </section>
  );
}

function RecordTable({ page }: { page: DataResponse }) {
  const w = useRecordsWords();
  const { t } = useConsole();
  const field = page.kind === 'heritage';
  const photos = !page.anonymised && page.records.some((r) => r.photos.length > 0);
  if (page.records.length === 0) return <p>{w.noRecords}</p>;
  return (
    // Wider than the screen: the keyboard scrolls it once it has focus.
    <div className="table-scroll" role="region" aria-label={t.records} tabIndex={0}>
      <table data-testid="data-table">
        <thead>
          <tr>
            <th scope="col">{w.record}</th>
            <th scope="col">{t.kiosk}</th>
            <th scope="col">{w.created}</th>
            <th scope="col">{t.version}</th>
            <th scope="col">{w.complete}</th>
            {field && <th scope="col">{w.revision}</th>}
            {field && <th scope="col">{w.editedBy}</th>}
            {page.columns.map((c) => (
              <th scope="col" key={c.name} title={c.name}>
                {c.label}
              </th>
            ))}
            {photos && <th scope="col">{w.photos}</th>}
          </tr>
        </thead>
        <tbody>
          {page.records.map((r) => (
            <tr key={r.id} data-testid="data-row">
              <th scope="row" className="mono" title={r.id}>
                {r.id.slice(-12)}
              </th>
              <td>{r.kiosk}</td>
              <td>{r.createdAt}</td>
              <td>{r.formVersion}</td>
              <td>{r.complete ? w.yes : w.no}</td>
              {field && <td>{`${r.revision}${r.current ? ` (${w.current})` : ''}`}</td>}
              {field && <td>{r.editedBy ?? '—'}</td>}
              {page.columns.map((c) => (
                <td key={c.name}>{r.values[c.name] ?? ''}</td>
              ))}
              {photos && (
                <td className="thumbs">
                  {r.photos.map((photo, i) =>
                    photo.complete && formatOfName(photo.name).kind === 'image' ? (
                      // The server's 256 px thumbnail; the link opens the full photo.
                      <a
                        key={photo.name}
                        href={`${CONSOLE_API}/photos/${encodeURIComponent(photo.name)}`}
                        target="_blank"
                        rel="noopener"
                      >
                        <img
                          src={`${CONSOLE_API}/photos/${encodeURIComponent(photo.name)}/thumbnail`}
                          alt={w.photoOf(i + 1, r.id.slice(-12))}
                          width={96}
                          height={96}
                        />
                      </a>
                    ) : photo.complete ? (
                      // Recordings and documents download (the route sends them as attachments).
                      <a
                        key={photo.name}
                        className="file-link"
                        href={`${CONSOLE_API}/photos/${encodeURIComponent(photo.name)}`}
                        download={photo.name}
                      >
                        {w.fileOf(i + 1, formatOfName(photo.name).extension.toUpperCase())}
                      </a>
                    ) : (
                      <span key={photo.name} className="photo-pending">
                        {w.photoPending(i + 1)}
                      </span>
                    ),
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A kiosk by its name (its id is what the filter sends). */
export function KioskPicker(props: { kiosks: Kiosk[]; value: string; onChange(id: string): void }) {
  const { t } = useConsole();
  const w = useRecordsWords();
  return (
    <label>
      {t.kiosk}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{w.kioskAll}</option>
        {props.kiosks.map((k) => (
          <option key={k.id} value={k.id}>
            {k.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The fixed offset dates are read and written at; `asStored` offers keeping the kiosk's own. */
export function OffsetPicker(props: { value: string; asStored?: boolean; onChange(offset: string): void }) {
  const w = useRecordsWords();
  return (
    <label>
      {w.utcOffset}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.asStored === true && <option value="">{w.asStored}</option>}
        {UTC_OFFSETS.map((o) => (
          <option key={o} value={o}>
            {o === 'Z' ? 'UTC' : `UTC${o}`}
          </option>
        ))}
      </select>
    </label>
  );
}
