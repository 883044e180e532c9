// Door kiosk verdicts with a festival's ticket list on the kiosk: 500,000 box-office tickets applied
// to a real kiosk database as door-stream pages, then scans through the core's dispatch, from
// decoded text to the scan recorded with its outbox row (synchronous=FULL). The baseline in the
// same run is validation alone over the same database (no recording). Goals: ≤ 2 ms median,
// ≤ 10 ms p99, for a signed ticket and for an imported one.
import { openKioskDatabase } from '../electron/core/db/kiosk-database';
import { applyDoorPage } from '../electron/core/door/apply-door-pull';
import { createDoorStore } from '../electron/core/door/door-store';
import { createKioskCore } from '../electron/core/kiosk-core';
import { initTestKiosk, makeTempDir, TEST_PIN } from '../electron/core/testing/kiosk-fixtures';
import { saveEnrolment } from '../electron/core/sync/sync-state';
import type { PullChange } from '../shared/sync/protocol';
import { encodeSignedTicket, newTicketId } from '../shared/tickets/ticket-codec';
import { exportPublicKey, generateTicketKey } from '../shared/tickets/ticket-keys';
import { validateScan } from '../shared/tickets/validate-scan';
import { type BenchResult, median, percentile, round } from './bench-result';

const EVENT = 'demo';
const TICKETS = Number(process.env.QUIOSCO_BENCH_DOOR_TICKETS ?? 500_000);
const PAGE = 1_000;
const WARM_UP = 200;
const SCANS = 2_000;
const TOKEN = 'bench-door-token';

const code = (i: number) => `BOX-${String(i).padStart(7, '0')}`;

export async function benchDoor(): Promise<BenchResult[]> {
  const dir = makeTempDir('quiosco-bench-door-');
  try {
    await initTestKiosk(dir.path, { mode: 'door', gate: 'Norte', eventId: EVENT });
    const key = await generateTicketKey(0);
    const publicKey = await exportPublicKey(key.publicKey);
    const db = openKioskDatabase(dir.path);
    const store = createDoorStore(db);
    saveEnrolment(db, {
      serverUrl: 'http://127.0.0.1:9',
      token: TOKEN,
      eventId: EVENT,
      at: new Date().toISOString(),
      clockOffsetMs: 0,
    });
    const loadStarted = performance.now();
    let seq = 0;
    const apply = (changes: PullChange[]) => {
      if (!applyDoorPage({ db, store, token: TOKEN }, { changes, cursor: seq }))
        throw new Error('not applied');
    };
    apply([
      {
        seq: ++seq,
        kind: 'ticket_key',
        id: `${EVENT}/0`,
        payload: { eventId: EVENT, keyId: 0, publicKey, retired: false },
      },
    ]);
    for (let from = 0; from < TICKETS; from += PAGE) {
      const changes: PullChange[] = [];
      for (let i = from; i < Math.min(TICKETS, from + PAGE); i++) {
        changes.push({
          seq: ++seq,
          kind: 'ticket',
          id: `imported:${code(i)}`,
          payload: {
            source: 'imported',
            code: code(i),
            eventId: EVENT,
            ticketType: 'General',
            holder: i % 3 === 0 ? null : `Visitante ${i}`,
            validFrom: null,
            validTo: null,
          },
        });
      }
      apply(changes);
    }
    const loadMs = performance.now() - loadStarted;

    const core = createKioskCore(db, { sync: { auto: false } });
    try {
      const unlocked = await core.call('staff:unlock', { pin: TEST_PIN });
      if (!unlocked.ok) throw new Error(unlocked.error.message);
      const { token } = unlocked.value;
      const fields = { eventId: EVENT, ticketType: 1, validFrom: null, validTo: null };
      const signedTexts = await Promise.all(
        Array.from({ length: WARM_UP + SCANS }, () =>
          encodeSignedTicket({ ...fields, ticketId: newTicketId() }, key),
        ),
      );
      // Tickets spread over the whole list, each scanned once, so every verdict is a first entry.
      const stride = Math.floor(TICKETS / (WARM_UP + SCANS));
      const importedTexts = Array.from({ length: WARM_UP + SCANS }, (_, i) => code(i * stride));

      const timeScans = async (texts: string[]): Promise<number[]> => {
        const samples: number[] = [];
        for (const [i, text] of texts.entries()) {
          const started = performance.now();
          const result = await core.call('door:scan', { token, text, direction: 'entry' });
          const elapsed = performance.now() - started;
          if (!result.ok || result.value.scan.verdict !== 'valid_entry') {
            throw new Error(`bench scan refused: ${JSON.stringify(result)}`);
          }
          if (i >= WARM_UP) samples.push(elapsed);
        }
        return samples;
      };
      const signed = await timeScans(signedTexts);
      const imported = await timeScans(importedTexts);

      // Baseline: the same lookups and checks without recording (other codes: not yet scanned).
      const baseline: number[] = [];
      for (let i = 0; i < WARM_UP + SCANS; i++) {
        const started = performance.now();
        const verdict = await validateScan(code(i * stride + 1), {
          eventId: EVENT,
          gate: 'Norte',
          deviceId: core.deviceId,
          direction: 'entry',
          now: new Date(),
          rules: store.doorConfig(EVENT).rules,
          lookups: store.lookups,
        });
        const elapsed = performance.now() - started;
        if (verdict.kind !== 'valid_entry') throw new Error(`baseline refused: ${verdict.reason}`);
        if (i >= WARM_UP) baseline.push(elapsed);
      }
      const n = TICKETS.toLocaleString('en');
      return [
        { name: `door: apply ${n} tickets to the kiosk database`, value: round(loadMs / 1000, 2), unit: 's' },
        {
          name: `door: signed ticket → recorded scan, ${n} on kiosk (median)`,
          value: round(median(signed)),
          unit: 'ms',
        },
        {
          name: `door: signed ticket → recorded scan, ${n} on kiosk (p99)`,
          value: round(percentile(signed, 99)),
          unit: 'ms',
        },
        {
          name: `door: imported ticket → recorded scan, ${n} on kiosk (median)`,
          value: round(median(imported)),
          unit: 'ms',
        },
        {
          name: `door: imported ticket → recorded scan, ${n} on kiosk (p99)`,
          value: round(percentile(imported, 99)),
          unit: 'ms',
        },
        {
          name: 'baseline: imported ticket, validation only (median)',
          value: round(median(baseline)),
          unit: 'ms',
        },
        {
          name: 'baseline: imported ticket, validation only (p99)',
          value: round(percentile(baseline, 99)),
          unit: 'ms',
        },
      ];
    } finally {
      core.close();
    }
  } finally {
    dir.remove();
  }
}
