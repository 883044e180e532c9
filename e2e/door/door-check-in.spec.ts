// Door check-in in real Chromium against a real door kiosk enrolled with a real sync server: a
// ticket's QR code played by Chromium's fake webcam (a .y4m video made here from a PNG) is admitted
// green, read again "already inside", and a forged one refused with its reason; the same through
// the USB scanner path (the code typed, then Enter); every verdict recorded as a scan in the outbox.
// A verdict closes by itself after a few seconds: the tests read what it said from a record kept as
// it appears, or hold the page's clock, never racing the close on a busy machine.
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { z } from 'zod';
import { decodeBase32, encodeBase32 } from '../../shared/tickets/base32';
import { SIGNED_TICKET_PREFIX } from '../../shared/tickets/ticket-codec';
import { createEvent } from '../../sync-server/events/events-store';
import type { SyncServer } from '../../sync-server/server';
import { setDoorSettings } from '../../sync-server/tickets/door-settings';
import { issueTickets } from '../../sync-server/tickets/ticket-issue';
import { createVenue, setKioskVenue } from '../../sync-server/venues/venues-store';
import { pngToY4m } from '../camera/y4m';
import { enrolledDoorKiosk, kioskDeviceId, openDoorScreen as openDoorScreenAt } from '../support/door-setup';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import { expect, expectAccessible, outboxCount, test } from '../support/fixtures';
import { expectAccessibleOnHeldClock, installClockKeepingTimers } from '../support/held-clock';
import { callKiosk, STAFF_PIN, type RunningKiosk } from '../support/kiosk-process';

const GATE = 'Puerta Norte';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];

let running: E2eServer;
let server: SyncServer;
let work: string;
let events = 0;

test.beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-door-'));
  running = await startE2eServer('server');
  server = running.server;
});

/** An event of its own (so one test's scans never reach another's door), capacity 50, one ticket. */
async function festival(): Promise<{ eventId: string; ticket: string }> {
  const eventId = `feria_puerta_${++events}`;
  await createEvent(server.db, { id: eventId, name: 'Feria (puerta)' });
  await setDoorSettings(server.db, eventId, { capacity: 50 });
  const issued = await issueTickets(server.db, eventId, { type: 'General', holder: 'Ana García' });
  return { eventId, ticket: issued.tickets[0]?.text ?? '' };
}

test.afterAll(async () => {
  await running?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The signed ticket with one bit of its signature flipped: well formed, but not ours. */
function forge(text: string): string {
  const decoded = decodeBase32(text.slice(SIGNED_TICKET_PREFIX.length));
  if (!decoded.ok) throw new Error('not a signed ticket');
  const bytes = decoded.bytes;
  bytes[bytes.length - 5] = (bytes[bytes.length - 5] as number) ^ 0x10;
  return SIGNED_TICKET_PREFIX + encodeBase32(bytes);
}

/** A door kiosk at GATE, enrolled and synced: it has the event's keys. */
async function doorKiosk(eventId: string): Promise<RunningKiosk> {
  const kiosk = await enrolledDoorKiosk(server, eventId, GATE);
  const { token } = await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN });
  expect((await callKiosk(kiosk, 'door:status', { token })).known.keys).toBe(1);
  await callKiosk(kiosk, 'staff:lock', { token });
  return kiosk;
}

const openDoorScreen = (page: Page, kiosk: RunningKiosk) => openDoorScreenAt(page, kiosk, GATE);

const verdict = (page: Page) => page.getByRole('alert').and(page.locator('[data-verdict]'));

/** A browser whose webcam shows `ticketText` as a QR code, or a blank card when null. */
async function cameraBrowser(ticketText: string | null, name: string): Promise<Browser> {
  const png = path.join(work, `${name}.png`);
  const video = path.join(work, `${name}.y4m`);
  if (ticketText === null) {
    const blank = new PNG({ width: 400, height: 400 });
    blank.data.fill(255);
    writeFileSync(png, PNG.sync.write(blank));
  } else {
    await QRCode.toFile(png, ticketText, { errorCorrectionLevel: 'M', margin: 4, width: 400 });
  }
  await pngToY4m(png, video);
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
}

const ShownVerdictsSchema = z.array(
  z.object({
    verdict: z.string().nullable(),
    reason: z.string().nullable(),
    text: z.string(),
    visible: z.boolean(),
  }),
);

/**
 * Keeps, in the page, every verdict overlay as it appears: what it said and that it was visible.
 * The camera needs the page's timers running, so its verdicts close on their own timer; the record
 * does not.
 */
async function recordVerdicts(page: Page): Promise<() => Promise<z.infer<typeof ShownVerdictsSchema>>> {
  await page.addInitScript(`{
    const shown = [];
    window.shownVerdicts = shown;
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const node of change.addedNodes) {
          if (!(node instanceof HTMLElement)) continue;
          for (const overlay of [node, ...node.querySelectorAll('*')]) {
            if (!overlay.matches('[role="alert"][data-verdict]')) continue;
            shown.push({
              verdict: overlay.getAttribute('data-verdict'),
              reason: overlay.getAttribute('data-reason'),
              text: overlay.textContent ?? '',
              visible: overlay.checkVisibility(),
            });
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  }`);
  return async () => ShownVerdictsSchema.parse(await page.evaluate('window.shownVerdicts'));
}

/** The verdicts of the scans the kiosk has stored, oldest first. */
function storedVerdicts(kiosk: RunningKiosk): string[] {
  const db = new Database(path.join(kiosk.dataDir, 'kiosk.db'), { readonly: true });
  try {
    return db
      .prepare<[], { verdict: string }>('SELECT verdict FROM scans ORDER BY seq')
      .all()
      .map((row) => row.verdict);
  } finally {
    db.close();
  }
}

test('camera: a ticket held in view is one scan, admitted; a forged one is refused', async () => {
  const { eventId, ticket } = await festival();
  const kiosk = await doorKiosk(eventId);
  const browsers: Browser[] = [];
  try {
    const browser = await cameraBrowser(ticket, 'ticket');
    browsers.push(browser);
    const page = await (await browser.newContext({ locale: 'es-MX' })).newPage();
    const shownOn = await recordVerdicts(page);
    await openDoorScreen(page, kiosk);
    await expect(page.getByText('Cámara encendida: muestre el código a la cámara.')).toBeVisible({
      timeout: 20_000,
    });

    await expect.poll(shownOn, { timeout: 30_000 }).toHaveLength(1);
    const [admitted] = await shownOn();
    expect(admitted).toMatchObject({ verdict: 'valid_entry', visible: true });
    expect(admitted?.text).toContain('Puede pasar');
    expect(admitted?.text).toContain('Ana García');
    expect(storedVerdicts(kiosk)).toEqual(['valid_entry']);
    await expect(page.getByTestId('occupancy')).toHaveText('Dentro: 1 de 50');
    // The fake webcam keeps showing the same ticket: well past the repeat window it is still one scan.
    const heldSince = await page.evaluate(() => performance.now());
    await page.waitForFunction((since) => performance.now() - since > 6_000, heldSince, { timeout: 20_000 });
    expect(await shownOn()).toHaveLength(1);
    expect(storedVerdicts(kiosk)).toEqual(['valid_entry']);
    expect(outboxCount(kiosk)).toBe(1);
    // Its camera off: while a second browser starts, a starved first one could miss the ticket for
    // longer than CAMERA_GONE_MS and rightly take it for a new one.
    await page.close();

    const forger = await cameraBrowser(forge(ticket), 'forged');
    browsers.push(forger);
    const forgedPage = await (await forger.newContext({ locale: 'es-MX' })).newPage();
    const shownOnForged = await recordVerdicts(forgedPage);
    await openDoorScreen(forgedPage, kiosk);
    await expect.poll(shownOnForged, { timeout: 30_000 }).not.toHaveLength(0);
    const [refused] = await shownOnForged();
    expect(refused).toMatchObject({ verdict: 'forged', reason: 'bad_signature', visible: true });
    expect(refused?.text).toContain('La firma del boleto no coincide: puede estar alterado.');
    expect(refused?.text).toContain('Llame a supervisión.');
    expect(storedVerdicts(kiosk)).toEqual(['valid_entry', 'forged']);
    expect(outboxCount(kiosk)).toBe(2);
  } finally {
    for (const b of browsers) await b.close();
    await kiosk.stop();
  }
});

/** The axe check on a page whose clock is held: the verdict it checked must still be up after it. */
async function expectAccessibleHeld(page: Page, screen: string): Promise<void> {
  const shownBefore = await verdict(page).getAttribute('data-verdict');
  await expectAccessibleOnHeldClock(page, screen);
  await expect(verdict(page)).toHaveAttribute('data-verdict', shownBefore ?? '');
}

test('USB scanner: typed code and Enter, the same verdicts, each scan recorded', async ({ page }) => {
  const { eventId, ticket } = await festival();
  const kiosk = await doorKiosk(eventId);
  // The page's clock is ours: the repeat window is measured in page time, not in how fast this machine is.
  await installClockKeepingTimers(page);
  try {
    await openDoorScreen(page, kiosk);
    await expectAccessible(page, 'door screen');
    // A second ahead of the page clock, so it is still ahead when the call arrives.
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
    const shown = verdict(page);
    const scan = async (text: string) => {
      await page.keyboard.type(text);
      await page.keyboard.press('Enter');
    };

    await scan(ticket);
    await expect(shown).toHaveAttribute('data-verdict', 'valid_entry');
    await expect(shown).toContainText('Boleto válido. Que pase.');
    // What the ticket says it is and whose it is, as issued.
    await expect(shown.locator('.verdict-ticket > span')).toHaveText([
      'Tipo: General',
      'Titular: Ana García',
    ]);
    // Within a few seconds the same code is taken for the same read and ignored…
    await scan(ticket);
    await expect(shown).toHaveAttribute('data-verdict', 'valid_entry');
    expect(outboxCount(kiosk)).toBe(1);
    // …after that it is a second scan of a ticket that is inside. The clock stays held: no verdict
    // closes before it has been read here, however slow this machine is.
    await page.clock.fastForward(3_500);
    await scan(ticket);
    await expect(shown).toHaveAttribute('data-verdict', 'already_inside');

    await scan(forge(ticket));
    await expect(shown).toHaveAttribute('data-verdict', 'forged');
    await expect(shown).toContainText('Llame a supervisión.');
    await expectAccessibleHeld(page, 'needs-attention verdict');
    await scan('TAQ-9999');
    await expect(shown).toHaveAttribute('data-verdict', 'unknown_ticket');
    await expect(shown).toContainText('El código no está en la lista de boletos.');

    // Leaving is a scan too: exit direction, then occupancy goes back down.
    await page.getByRole('button', { name: 'Siguiente' }).click();
    await page.getByRole('button', { name: 'Salida', exact: true }).click();
    await scan(ticket);
    await expect(shown).toHaveAttribute('data-verdict', 'valid_exit');
    await expectAccessibleHeld(page, 'valid verdict');
    await expect(page.getByTestId('occupancy')).toHaveText('Dentro: 0 de 50');
    expect(outboxCount(kiosk)).toBe(5);
  } finally {
    await kiosk.stop();
  }
});

test('a door put at a venue names it and is full at the venue’s capacity', async ({ page }) => {
  const { eventId, ticket } = await festival();
  const kiosk = await doorKiosk(eventId);
  try {
    const salon = await createVenue(server.db, eventId, { name: 'Salón de danza', capacity: 1 });
    await setKioskVenue(server.db, kioskDeviceId(kiosk), { venueId: salon.id });
    await page.clock.install();
    await openDoorScreen(page, kiosk);
    // The door learns its venue at its next sync round (every 2 s).
    await expect(page.getByTestId('occupancy-title')).toHaveText('Ocupación: Salón de danza', {
      timeout: 15_000,
    });
    // Held from here (a second ahead, as above), the verdict stays until it has been read.
    await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
    await expect(page.getByTestId('occupancy')).toHaveText('Dentro: 0 de 1');
    await page.keyboard.type(ticket);
    await page.keyboard.press('Enter');
    await expect(verdict(page)).toHaveAttribute('data-verdict', 'valid_entry');
    await expect(page.getByTestId('occupancy')).toHaveText('Dentro: 1 de 1');
    await expect(page.getByText('Lleno: 100 % del cupo.')).toBeVisible();
  } finally {
    await kiosk.stop();
  }
});

const VIEWPORTS = [
  { width: 800, height: 1280 },
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];

// One test per size: each runs its own door (four axe checks in one test outlasted the test's time
// on a busy machine).
for (const size of VIEWPORTS) {
  const where = `${size.width}×${size.height}`;
  test(`door screen fits ${where}: no sideways scroll, every control and the camera in view`, async () => {
    const { eventId } = await festival();
    const kiosk = await doorKiosk(eventId);
    // A blank card: the camera preview shows, and nothing is scanned meanwhile.
    const browser = await cameraBrowser(null, `layout-${where}`);
    try {
      const page = await (await browser.newContext({ locale: 'es-MX', viewport: size })).newPage();
      await openDoorScreen(page, kiosk);
      await expect(page.locator('[data-camera="on"]')).toBeVisible({ timeout: 20_000 });
      // The blank card is never taken for a code: no verdict covers the screen being measured.
      await expect(verdict(page)).toHaveCount(0);
      await expect(page.getByRole('heading', { name: 'Entradas dobles' })).toBeVisible();
      const scroll = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      expect(scroll, `${where}: horizontal scroll`).toBeLessThanOrEqual(0);
      const targets = [
        ...(await page.getByRole('button').all()),
        page.getByLabel('Vista de la cámara'),
        page.getByRole('heading', { name: 'Entradas dobles' }),
      ];
      for (const target of targets) {
        const box = await target.boundingBox();
        const name = (await target.textContent()) || (await target.getAttribute('aria-label'));
        expect(box, `${where}: ${name} rendered`).not.toBeNull();
        if (!box) continue;
        expect(box.x, `${where}: ${name} left`).toBeGreaterThanOrEqual(0);
        expect(box.y, `${where}: ${name} top`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${where}: ${name} right`).toBeLessThanOrEqual(size.width);
        expect(box.y + box.height, `${where}: ${name} bottom`).toBeLessThanOrEqual(size.height);
        if ((await target.evaluate((el) => el.tagName)) === 'BUTTON') {
          expect(Math.min(box.width, box.height), `${where}: ${name} target size`).toBeGreaterThanOrEqual(48);
        }
      }
      await expectAccessible(page, `door screen at ${where}`);
    } finally {
      await browser.close();
      await kiosk.stop();
    }
  });
}

test('a scan while the door is locked is not recorded, and the screen says so', async ({ page }) => {
  const { eventId, ticket } = await festival();
  const kiosk = await doorKiosk(eventId);
  try {
    await page.goto(kiosk.url);
    await expect(page.getByRole('heading', { name: `${GATE}: control de acceso` })).toBeVisible();
    await page.keyboard.type(ticket);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toHaveText(/Puerta bloqueada: este escaneo no se registró/);
    await expectAccessible(page, 'locked door after a scan');
    expect(outboxCount(kiosk)).toBe(0);
  } finally {
    await kiosk.stop();
  }
});
