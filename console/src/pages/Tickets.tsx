// Tickets for the coordinator: import the box office's CSV (bad rows named by line), issue signed
// tickets and print them, the ticket list with revoke/block, the door rules and the door report.
// Everything goes through the people's /v1 ticket routes (the session stands for a token of the
// user's role there), so the role rules and the redaction of credentials are the API's own.
import { useState, type FormEvent } from 'react';
import type { Role } from '../../../shared/sync/admin-api';
import type { RowError } from '../../../shared/sync/protocol';
import {
  IssueTicketsResponseSchema,
  OnErrorSchema,
  TicketImportResponseSchema,
  type IssuedTicket,
  type OnError,
  type TicketImportReport,
} from '../../../sync-server/tickets/ticket-api';
import { api, ApiError } from '../api';
import { InputField } from '../fields';
import { useRecordsWords } from '../i18n-records';
import { useConsole, useCurrentEvent } from '../store';
import { DoorPanel } from './DoorPanel';
import { PrintSheet } from './PrintSheet';
import { TicketList } from './TicketList';
import '../records.css';

/** As sync-server/routes/roles.ts MANAGERS: import and issue tickets. */
const MANAGERS: readonly Role[] = ['admin', 'coordinator'];

export function Tickets() {
  const { t, user } = useConsole();
  const event = useCurrentEvent();
  const [listRound, setListRound] = useState(0);
  if (event === undefined || user === null || user === undefined) return <p>{t.noEvents}</p>;
  const manages = MANAGERS.includes(user.role);
  return (
    <section aria-labelledby="tickets-title" className="tickets">
      <h2 id="tickets-title">{t.navTickets}</h2>
      {manages && <TicketImport onImported={() => setListRound((n) => n + 1)} />}
      {manages && <TicketIssue event={event} onIssued={() => setListRound((n) => n + 1)} />}
      <TicketList key={`${event.id}-${listRound}`} eventId={event.id} role={user.role} />
      <DoorPanel eventId={event.id} role={user.role} />
    </section>
  );
}

function TicketImport({ onImported }: { onImported(): void }) {
  const { t } = useConsole();
  const w = useRecordsWords();
  const [file, setFile] = useState<File | undefined>(undefined);
  const [onError, setOnError] = useState<OnError>('refuse');
  const [report, setReport] = useState<TicketImportReport | undefined>(undefined);
  const [refusedRows, setRefusedRows] = useState<readonly RowError[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (file === undefined) return setError(w.chooseFile);
    setBusy(true);
    setError(undefined);
    setRefusedRows([]);
    try {
      const csv = await file.text();
      const result = await api(TicketImportResponseSchema, `/v1/tickets/import?onError=${onError}`, {
        method: 'POST',
        body: { csv },
        v1: true,
      });
      setReport(result);
      onImported();
    } catch (e) {
      setReport(undefined);
      setRefusedRows(e instanceof ApiError ? e.rows : []);
      setError(
        e instanceof ApiError && e.rows.length > 0
          ? w.importRefused
          : e instanceof Error
            ? e.message
            : String(e),
      );
    } finally {
      setBusy(false);
    }
  }
  const rows = report?.errors ?? refusedRows;
  return (
    <form className="panel" aria-labelledby="import-title" onSubmit={(e) => void submit(e)}>
      <h3 id="import-title">{w.importTitle}</h3>
      <div className="form-grid">
        <label>
          {w.csvFile}
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0])} />
        </label>
        <label>
          {w.onError}
          <select value={onError} onChange={(e) => setOnError(OnErrorSchema.parse(e.target.value))}>
            <option value="refuse">{w.onErrorRefuse}</option>
            <option value="skip">{w.onErrorSkip}</option>
          </select>
        </label>
      </div>
      <button type="submit" disabled={busy}>
        {w.importButton}
      </button>
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      {report !== undefined && (
        <p role="status" data-testid="import-report">
          {w.importReport(report)}
        </p>
      )}
      {rows.length > 0 && (
        <ul className="row-errors" data-testid="import-errors">
          {rows.map((r) => (
            <li key={`${r.line}-${r.column ?? ''}-${r.message}`}>
              {w.lineError(r.line, r.column, r.message)}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

/** A datetime-local value (the browser's local time, whole minutes) as an ISO time. */
const isoOf = (local: string): string | null => (local === '' ? null : new Date(local).toISOString());

function TicketIssue({ event, onIssued }: { event: { id: string; name: string }; onIssued(): void }) {
  const { t } = useConsole();
  const w = useRecordsWords();
  const [form, setForm] = useState({ type: '', holder: '', count: '1', validFrom: '', validTo: '' });
  const [issued, setIssued] = useState<IssuedTicket[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form, value: string) => setForm({ ...form, [key]: value });
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const { tickets } = await api(
        IssueTicketsResponseSchema,
        `/v1/events/${encodeURIComponent(event.id)}/tickets`,
        {
          method: 'POST',
          v1: true,
          body: {
            type: form.type,
            holder: form.holder.trim() === '' ? null : form.holder,
            count: Number(form.count),
            validFrom: isoOf(form.validFrom),
            validTo: isoOf(form.validTo),
          },
        },
      );
      setIssued(tickets);
      onIssued();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="panel">
      <form aria-labelledby="issue-title" onSubmit={(e) => void submit(e)}>
        <h3 id="issue-title">{w.issueTitle}</h3>
        <div className="form-grid">
          <InputField label={w.ticketType} required value={form.type} onValue={(v) => set('type', v)} />
          <InputField label={w.holder} value={form.holder} onValue={(v) => set('holder', v)} />
          <InputField
            label={w.count}
            type="number"
            min={1}
            max={1000}
            required
            value={form.count}
            onValue={(v) => set('count', v)}
          />
          <InputField
            label={w.validFrom}
            type="datetime-local"
            value={form.validFrom}
            onValue={(v) => set('validFrom', v)}
          />
          <InputField
            label={w.validTo}
            type="datetime-local"
            value={form.validTo}
            onValue={(v) => set('validTo', v)}
          />
        </div>
        <button type="submit" disabled={busy}>
          {w.issueButton}
        </button>
        {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      </form>
      {issued.length > 0 && <PrintSheet tickets={issued} eventName={event.name} />}
    </div>
  );
}
