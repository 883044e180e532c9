// The print sheet the demo and `quiosco tickets` write: in Spanish (Mexico) unless asked for
// English, with a heading and one line for the door staff, and every typed value escaped and
// isolated (a holder's name is whatever someone typed at the box office).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IssuedTicket } from './ticket-api';
import { printSheet, printTickets } from './ticket-print';

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

const ticket = (holder: string | null): IssuedTicket => ({
  ticketId: 'N5ZVXH2QKBBWH6RF',
  eventId: 'feria',
  text: 'QT1:SECRETO',
  type: 'General',
  typeNumber: 1,
  holder,
  validFrom: '2026-11-20T10:00:00.000Z',
  validTo: '2026-11-20T18:00:00.000Z',
  keyId: 0,
  issuedAt: '2026-11-20T10:00:00.000Z',
});
const EVENT = { id: 'feria', name: 'Feria \u202eDEMO' };

/** What each language's sheet says around the cards, and on the one card. */
const WORDS = {
  es: [
    '<html lang="es-MX">',
    '<title>Boletos: Feria DEMO</title>',
    '<h1>Boletos para imprimir</h1>',
    '<p class="instructions">Personal de la puerta: acerque el código QR a la cámara del quiosco de la puerta. Los códigos de taquilla (TAQ-…) se pueden teclear; el identificador bajo cada código QR no es un código.</p>',
    'alt="Código QR del boleto N5ZVXH2QKBBWH6RF"',
    '<p class="validity">desde 2026-11-20 10:00 UTC hasta 2026-11-20 18:00 UTC</p>',
  ],
  en: [
    '<html lang="en">',
    '<title>Tickets: Feria DEMO</title>',
    '<h1>Tickets to print</h1>',
    '<p class="instructions">Door staff: hold the QR code up to the door kiosk&#39;s camera. Box-office codes (TAQ-…) can be typed; the id under each QR code is not a code.</p>',
    'alt="QR code of ticket N5ZVXH2QKBBWH6RF"',
    '<p class="validity">from 2026-11-20 10:00 UTC until 2026-11-20 18:00 UTC</p>',
  ],
};

describe('the ticket print sheet', () => {
  it('is es-MX when no language is given, with a heading and what the door staff do, in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiosco-print-'));
    dirs.push(dir);
    const printed = await printTickets([ticket('Ana')], EVENT, dir);
    const sheet = readFileSync(printed.sheet, 'utf8');
    for (const words of WORDS.es) expect(sheet).toContain(words);
  });

  it('is in English when asked', async () => {
    const sheet = await printSheet([ticket('Ana')], EVENT, 'en');
    for (const words of WORDS.en) expect(sheet).toContain(words);
  });

  it('escapes a typed holder name and isolates its bidi override', async () => {
    const sheet = await printSheet([ticket('<script>alert(1)</script>\u202eanA "x" & \'y\'')], EVENT);
    expect(sheet).not.toContain('<script');
    expect(sheet).toContain(
      '<p class="holder"><bdi>&lt;script&gt;alert(1)&lt;/script&gt;\u202eanA &quot;x&quot; &amp; &#39;y&#39;</bdi></p>',
    );
    expect(sheet).toContain('<p class="event"><bdi>Feria \u202eDEMO</bdi></p>');
    // Every override sits in a <bdi>; none in the <title>, where no markup can hold it.
    expect(sheet.match(/\u202e/g)).toHaveLength(2);
  });
});
