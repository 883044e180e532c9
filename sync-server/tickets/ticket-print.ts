// Printable tickets: one PNG per ticket, and one self-contained HTML sheet (QR codes inline as
// data URLs, so it prints from a laptop with no network). Error correction M: a QT1 ticket is a
// version 6 code, which phone and webcam scanners read from a printed page or a screen.
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { UiLanguage } from '../../shared/forms/form-definition';
import { withoutBidi } from '../exports/html-text';
import { makePrivateDir, writePrivateFile } from '../private-files';
import type { IssuedTicket } from './ticket-api';

const QR = { errorCorrectionLevel: 'M', margin: 4 } as const;
const PNG_SCALE = 8;
const SHEET_SCALE = 5;

export type PrintedTickets = { pngs: string[]; sheet: string };

/** The sheet's words, Spanish (Mexico) first: it is handed to the staff at the venue's door. */
const TEXT = {
  es: {
    lang: 'es-MX',
    title: (event: string) => `Boletos: ${event}`,
    heading: 'Boletos para imprimir',
    instructions:
      'Personal de la puerta: acerque el código QR a la cámara del quiosco de la puerta. Los códigos de taquilla (TAQ-…) se pueden teclear; el identificador bajo cada código QR no es un código.',
    qrOf: (id: string) => `Código QR del boleto ${id}`,
    from: 'desde',
    until: 'hasta',
  },
  en: {
    lang: 'en',
    title: (event: string) => `Tickets: ${event}`,
    heading: 'Tickets to print',
    instructions:
      "Door staff: hold the QR code up to the door kiosk's camera. Box-office codes (TAQ-…) can be typed; the id under each QR code is not a code.",
    qrOf: (id: string) => `QR code of ticket ${id}`,
    from: 'from',
    until: 'until',
  },
} satisfies Record<UiLanguage, unknown>;

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
  language: UiLanguage = 'es',
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
  writePrivateFile(sheet, await printSheet(tickets, event, language));
  return { pngs, sheet };
}

export async function printSheet(
  tickets: readonly IssuedTicket[],
  event: { id: string; name: string },
  language: UiLanguage = 'es',
): Promise<string> {
  const t = TEXT[language];
  const cards: string[] = [];
  for (const ticket of tickets) {
    const qr = await QRCode.toDataURL(ticket.text, { ...QR, scale: SHEET_SCALE });
    const validity = [
      ticket.validFrom && `${t.from} ${formatTime(ticket.validFrom)}`,
      ticket.validTo && `${t.until} ${formatTime(ticket.validTo)}`,
    ]
      .filter(Boolean)
      .join(' ');
    cards.push(`    <section class="ticket">
      <img src="${qr}" alt="${escapeHtml(t.qrOf(ticket.ticketId))}">
      <div>
        <p class="event">${isolated(event.name)}</p>
        <p class="type">${isolated(ticket.type)}</p>
        <p class="holder">${ticket.holder === null ? '&nbsp;' : isolated(ticket.holder)}</p>
        ${validity === '' ? '' : `<p class="validity">${escapeHtml(validity)}</p>`}
        <p class="id">${escapeHtml(ticket.ticketId)}</p>
      </div>
    </section>`);
  }
  return `<!doctype html>
<html lang="${t.lang}">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(withoutBidi(t.title(event.name)))}</title>
  <style>
    @page { size: A4; margin: 12mm; }
    body { font-family: system-ui, sans-serif; margin: 0; }
    h1 { font-size: 16pt; margin: 0 0 2mm; }
    .instructions { font-size: 11pt; margin: 0 0 5mm; }
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
  <h1>${escapeHtml(t.heading)}</h1>
  <p class="instructions">${escapeHtml(t.instructions)}</p>
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

/** Typed text (an event, a type, a holder's name) in a <bdi>: a U+202E in it cannot turn its neighbours around. */
const isolated = (text: string): string => `<bdi>${escapeHtml(text)}</bdi>`;
