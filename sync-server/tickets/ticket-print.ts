// Printable tickets: one PNG per ticket, and one self-contained HTML sheet (QR codes inline as
// data URLs, so it prints from a laptop with no network). Error correction M: a QT1 ticket is a
// version 6 code, which phone and webcam scanners read from a printed page or a screen.
import { join } from 'node:path';
import QRCode from 'qrcode';
import { makePrivateDir, writePrivateFile } from '../private-files';
import type { IssuedTicket } from './ticket-api';

const QR = { errorCorrectionLevel: 'M', margin: 4 } as const;
const PNG_SCALE = 8;
const SHEET_SCALE = 5;

export type PrintedTickets = { pngs: string[]; sheet: string };

/** The QR version a text needs at error correction M. */
export function qrVersion(text: string): number {
  return QRCode.create(text, { errorCorrectionLevel: QR.errorCorrectionLevel }).version;
}

/**
 * Writes DIR/TICKETID.png for each ticket and DIR/tickets-STAMP.html with all of them, readable
 * by their owner only: a ticket's QR code admits whoever shows it.
 */
export async function printTickets(
  tickets: readonly IssuedTicket[],
  event: { id: string; name: string },
  dir: string,
): Promise<PrintedTickets> {
  makePrivateDir(dir, false);
  const pngs: string[] = [];
  for (const ticket of tickets) {
    const file = join(dir, `${ticket.ticketId}.png`);
    writePrivateFile(file, await QRCode.toBuffer(ticket.text, { ...QR, type: 'png', scale: PNG_SCALE }));
    pngs.push(file);
  }
  const stamp = (tickets[0]?.issuedAt ?? new Date().toISOString()).replace(/[-:]|\.\d+/g, '');
  const sheet = join(dir, `tickets-${event.id}-${stamp}.html`);
  writePrivateFile(sheet, await printSheet(tickets, event));
  return { pngs, sheet };
}

export async function printSheet(
  tickets: readonly IssuedTicket[],
  event: { id: string; name: string },
): Promise<string> {
  const cards: string[] = [];
  for (const t of tickets) {
    const qr = await QRCode.toDataURL(t.text, { ...QR, scale: SHEET_SCALE });
    const validity = [
      t.validFrom && `from ${formatTime(t.validFrom)}`,
      t.validTo && `until ${formatTime(t.validTo)}`,
    ]
      .filter(Boolean)
      .join(' ');
    cards.push(`    <section class="ticket">
      <img src="${qr}" alt="QR code of ticket ${t.ticketId}">
      <div>
        <p class="event">${escapeHtml(event.name)}</p>
        <p class="type">${escapeHtml(t.type)}</p>
        <p class="holder">${t.holder === null ? '&nbsp;' : escapeHtml(t.holder)}</p>
        ${validity === '' ? '' : `<p class="validity">${escapeHtml(validity)}</p>`}
        <p class="id">${t.ticketId}</p>
      </div>
    </section>`);
  }
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Tickets: ${escapeHtml(event.name)}</title>
  <style>
    @page { size: A4; margin: 12mm; }
    body { font-family: system-ui, sans-serif; margin: 0; }
    main { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
    .ticket { display: flex; gap: 4mm; align-items: center; border: 1px dashed #888; padding: 4mm; break-inside: avoid; }
    .ticket img { width: 45mm; height: 45mm; image-rendering: pixelated; }
    .ticket p { margin: 0 0 1.5mm; }
    .event { font-size: 10pt; color: #444; }
    .type { font-size: 14pt; font-weight: 700; }
    .holder { font-size: 12pt; }
    .validity { font-size: 9pt; }
    .id { font-family: ui-monospace, monospace; font-size: 8pt; color: #666; }
  </style>
</head>
<body>
  <main>
${cards.join('\n')}
  </main>
</body>
</html>
`;
}

const formatTime = (iso: string): string => iso.replace('T', ' ').replace(/:00\.000Z$/, ' UTC');

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}
