// Tickets just issued, as cards to print (A4, two columns, as the CLI's sheet): the QR codes are
// drawn here from the texts the server answered once, with the qrcode library loaded only now.
import { useEffect, useState } from 'react';
import type { IssuedTicket } from '../../../sync-server/tickets/ticket-api';
import { useRecordsWords } from '../i18n-records';

/** Error correction M, as ticket-print.ts: a printed QT1 ticket reads at the door. */
const QR = { errorCorrectionLevel: 'M', margin: 4, scale: 5 } as const;

export function PrintSheet({ tickets, eventName }: { tickets: IssuedTicket[]; eventName: string }) {
  const w = useRecordsWords();
  const [codes, setCodes] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    void import('qrcode').then(async ({ default: QRCode }) => {
      const drawn = new Map<string, string>();
      for (const ticket of tickets) drawn.set(ticket.ticketId, await QRCode.toDataURL(ticket.text, QR));
      if (live) setCodes(drawn);
    });
    return () => {
      live = false;
    };
  }, [tickets]);
  const time = (iso: string | null) => (iso === null ? '' : new Date(iso).toLocaleString());
  return (
    <section className="print-sheet" aria-labelledby="print-title">
      <h3 id="print-title">{w.printSheet}</h3>
      <p role="status">{w.issued(tickets.length)}</p>
      <button type="button" className="no-print" onClick={() => window.print()}>
        {w.print}
      </button>
      <div className="ticket-cards">
        {tickets.map((ticket) => (
          <article className="ticket-card" key={ticket.ticketId} data-testid="ticket-card">
            {codes.has(ticket.ticketId) ? (
              <img src={codes.get(ticket.ticketId)} alt={w.qrOf(ticket.ticketId)} width={180} height={180} />
            ) : (
              <span className="qr-placeholder" />
            )}
            <div>
              <p className="ticket-event">{eventName}</p>
              <p className="ticket-type">{ticket.type}</p>
              {ticket.holder !== null && <p>{ticket.holder}</p>}
              {(ticket.validFrom !== null || ticket.validTo !== null) && (
                <p>{`${time(ticket.validFrom)} – ${time(ticket.validTo)}`}</p>
              )}
              <p className="mono">{ticket.ticketId}</p>
            </div>
          </article>
        ))}
      </div>
    </section>
  );
}
