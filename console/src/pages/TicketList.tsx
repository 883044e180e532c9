// The event's tickets, a page at a time (the API's keyset `next`), redacted by the API for roles
// without ticket credentials; door staff revoke, block and unblock, each after a confirmation,
// from a row or by typing the code the box office gave them.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { Role } from '../../../shared/sync/admin-api';
import {
  RevocationActionSchema,
  RevocationResponseSchema,
  TicketListResponseSchema,
  type RevocationAction,
  type TicketSummary,
} from '../../../sync-server/tickets/ticket-api';
import { api } from '../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { ListTable } from '../ListTable';
import { useRecordsWords, type RecordsMessages } from '../i18n-records';
import { said } from '../said';
import { useConsole } from '../store';

/** As sync-server/routes/roles.ts DOOR_STAFF: revoke, block and unblock. */
const DOOR_STAFF: readonly Role[] = ['admin', 'coordinator', 'door_supervisor'];
const PAGE = 50;
/** What can be done to a ticket in each state (a revoked ticket stays revoked). */
const ACTIONS: Record<TicketSummary['status'], RevocationAction[]> = {
  valid: ['block', 'revoke'],
  blocked: ['unblock', 'revoke'],
  revoked: [],
};

type Pending = { action: RevocationAction; ticket: string; label: string };

const actionLabel = (w: RecordsMessages, action: RevocationAction) => w[action];

export function TicketList({ eventId, role }: { eventId: string; role: Role }) {
  const { t, locale } = useConsole();
  const w = useRecordsWords();
  const [tickets, setTickets] = useState<TicketSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<ReactNode>(undefined);
  const [pending, setPending] = useState<Pending | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const staff = DOOR_STAFF.includes(role);
  const load = useCallback(
    async (after: string | null) => {
      try {
        const query = new URLSearchParams({ limit: String(PAGE), ...(after !== null && { after }) });
        const page = await api(
          TicketListResponseSchema,
          `/v1/events/${encodeURIComponent(eventId)}/tickets?${query.toString()}`,
          { v1: true },
        );
        setTickets((before) => (after === null ? page.tickets : [...before, ...page.tickets]));
        setNext(page.next);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [eventId],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  async function confirm(p: Pending) {
    setBusy(true);
    try {
      const result = await api(RevocationResponseSchema, `/v1/tickets/${p.action}`, {
        method: 'POST',
        v1: true,
        body: { ticket: p.ticket, eventId },
      });
      // The action is our word; the ticket's code, a value, is isolated.
      setNotice(
        result.changed
          ? said((code) => w.done(actionLabel(w, p.action), code), p.label)
          : said(w.unchanged, p.label),
      );
      setError(undefined);
      setPending(undefined);
      await load(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setPending(undefined);
    } finally {
      setBusy(false);
    }
  }
  const status = (s: TicketSummary['status']) =>
    s === 'valid' ? w.statusValid : s === 'revoked' ? w.statusRevoked : w.statusBlocked;
  const time = (iso: string | null) => (iso === null ? '…' : new Date(iso).toLocaleString(locale));
  const redacted = tickets.some((x) => x.source === 'imported' && x.id.startsWith('sha256:'));
  return (
    <div className="panel" aria-labelledby="ticket-list-title" role="region">
      <h3 id="ticket-list-title">{w.ticketsTitle}</h3>
      {redacted && <p>{w.redactedNote}</p>}
      {notice !== undefined && <p role="status">{notice}</p>}
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      {staff && <RevokeByCode onAsk={setPending} />}
      {tickets.length === 0 ? (
        <p>{w.noTickets}</p>
      ) : (
        <ListTable
          testId="ticket-table"
          columns={[
            w.code,
            w.source,
            w.ticketType,
            w.holder,
            w.validity,
            w.status,
            ...(staff ? [w.actions] : []),
          ]}
        >
          {tickets.map((x) => {
            // A fingerprint names no ticket the API can act on: type the code instead.
            const actionable = staff && !x.id.startsWith('sha256:');
            return (
              <tr key={`${x.source}:${x.id}`}>
                <th scope="row" className="mono">
                  {x.id}
                </th>
                <td>{x.source === 'signed' ? w.sourceSigned : w.sourceImported}</td>
                <td>{x.type}</td>
                <td>{x.holder ?? '—'}</td>
                <td>
                  {x.validFrom === null && x.validTo === null
                    ? '—'
                    : `${time(x.validFrom)} – ${time(x.validTo)}`}
                </td>
                <td>
                  {status(x.status)}
                  {x.reason !== null && ` (${x.reason})`}
                </td>
                {staff && (
                  <td className="row-actions">
                    {actionable &&
                      ACTIONS[x.status].map((a) => (
                        <button
                          key={a}
                          type="button"
                          aria-label={w.actionOf(actionLabel(w, a), x.id)}
                          onClick={() =>
                            setPending({ action: a, ticket: `${x.source}:${x.id}`, label: x.id })
                          }
                        >
                          {actionLabel(w, a)}
                        </button>
                      ))}
                  </td>
                )}
              </tr>
            );
          })}
        </ListTable>
      )}
      {next !== null && (
        <button type="button" onClick={() => void load(next)}>
          {w.more}
        </button>
      )}
      {pending !== undefined && (
        <ConfirmDialog
          title={said((code) => w.confirmTitle(actionLabel(w, pending.action), code), pending.label)}
          confirmLabel={actionLabel(w, pending.action)}
          cancelLabel={w.cancel}
          busy={busy}
          onConfirm={() => void confirm(pending)}
          onClose={() => setPending(undefined)}
        >
          {pending.action === 'revoke'
            ? w.confirmRevoke
            : pending.action === 'block'
              ? w.confirmBlock
              : w.confirmUnblock}
        </ConfirmDialog>
      )}
    </div>
  );
}

function RevokeByCode({ onAsk }: { onAsk(p: Pending): void }) {
  const w = useRecordsWords();
  const [ticket, setTicket] = useState('');
  const [action, setAction] = useState<RevocationAction>('block');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = ticket.trim();
    if (value !== '')
      onAsk({ action, ticket: value, label: value.length > 40 ? `${value.slice(0, 40)}…` : value });
  };
  return (
    <form aria-labelledby="revoke-code-title" onSubmit={submit} className="inline-form">
      <h4 id="revoke-code-title">{w.revocationTitle}</h4>
      <label>
        {w.ticketField}
        <input required value={ticket} onChange={(e) => setTicket(e.target.value)} autoComplete="off" />
      </label>
      <label>
        {w.action}
        <select value={action} onChange={(e) => setAction(RevocationActionSchema.parse(e.target.value))}>
          {RevocationActionSchema.options.map((a) => (
            <option key={a} value={a}>
              {actionLabel(w, a)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{w.apply}</button>
    </form>
  );
}
