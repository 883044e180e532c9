// 500 sync rounds through a proxy that drops, delays, stalls, truncates and cuts connections
// (before the request, mid-body, after the server committed but before the kiosk read the
// answer), with new records saved between rounds and the coordinator changing the kiosk's
// configuration now and then. Once the network heals, one clean sync must leave the server with
// exactly the kiosk's records, compared by content, and the kiosk with the server's configuration.
import { describe, expect, it } from 'vitest';
import { openKioskDatabase } from '../electron/core/db/kiosk-database';
import { assignDevice, listDevices } from '../sync-server/devices/devices-store';
import { DB_KINDS } from '../sync-server/testing/test-server';
import { FAULTS, weightedFaults } from './support/fault-proxy';
import { kioskBehindProxyPerTest } from './support/kiosk-behind-proxy';
import { seededRandom } from '../shared/random/seeded-random';
import { expectSameRecords } from './support/sync-kiosk';

const ROUNDS = 500;
const SEED = Number(process.env.QUIOSCO_FAULT_SEED ?? Date.now() % 1_000_000);

describe.each(DB_KINDS)('sync through a faulty network on %s', (kind) => {
  const open = kioskBehindProxyPerTest(kind);

  it(`loses and duplicates nothing over ${ROUNDS} rounds of faults (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const { server, proxy, kiosk, eventId } = await open(
      ['encuesta-impacto-economico', 'registro-visitantes', 'patrimonio-inmaterial'],
      random,
      // Small batches and pages: a round spans several exchanges, and any of them may fail.
      { timeoutMs: 1000, pushBatchSize: 4, pullLimit: 2 },
    );
    const s = server.server.db;

    proxy.setFaults(
      weightedFaults(
        {
          pass: 50,
          drop: 9,
          delay: 12,
          stall: 1,
          truncate_request: 9,
          cut_after_response: 12,
          truncate_response: 7,
        },
        random,
      ),
    );
    const outcomes = new Map<string, number>();
    const offers = [
      [{ formId: 'encuesta_impacto_economico', onIdle: 'keep' as const }],
      [
        { formId: 'registro_visitantes', onIdle: 'discard' as const },
        { formId: 'patrimonio_inmaterial', onIdle: 'keep' as const },
      ],
    ];
    for (let round = 0; round < ROUNDS; round++) {
      await kiosk.save(Math.floor(random() * 3));
      if (round % 50 === 25) {
        await assignDevice(s, kiosk.core.deviceId, {
          eventId,
          offeredForms: offers[((round / 50) % 2) | 0] ?? [],
        });
      }
      const status = await kiosk.core.syncNow();
      const outcome = status.lastError?.code ?? 'ok';
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    // Every kind of fault happened, and so did plain success.
    for (const fault of FAULTS) expect(proxy.counts[fault], fault).toBeGreaterThan(0);
    expect(outcomes.get('ok')).toBeGreaterThan(0);
    expect(outcomes.get('server_unreachable')).toBeGreaterThan(0);

    proxy.heal();
    // The network is healed; the short per-exchange timeout (there for stalls) may still trip on a
    // loaded CI machine, so allow a couple more rounds.
    let clean = await kiosk.core.syncNow();
    for (let retry = 0; retry < 3 && clean.lastError !== null; retry++) clean = await kiosk.core.syncNow();
    expect(clean.lastError).toBeNull();
    expect((await kiosk.status()).pendingSync).toBe(0);

    const { mine, theirs } = await expectSameRecords(s, kiosk);
    expect(theirs.size).toBe(mine.size);
    expect(mine.size).toBeGreaterThan(ROUNDS * 0.8);
    expect(await server.count('push_rejections')).toBe(0);
    expect(clean.deadLetters).toBe(0);

    // The kiosk applied everything meant for it, and its cursor is where the server's log ends.
    const device = (await listDevices(s)).find((d) => d.id === kiosk.core.deviceId);
    expect((await kiosk.call('kiosk:bootstrap', {})).settings.offeredForms).toEqual(device?.offeredForms);
    const last = await s.db
      .selectFrom('changes')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where((eb) => eb.or([eb('device_id', '=', kiosk.core.deviceId), eb('event_id', '=', eventId)]))
      .executeTakeFirstOrThrow();
    const db = openKioskDatabase(kiosk.dataDir);
    const cursor = db
      .prepare<[], { pull_cursor: number }>('SELECT pull_cursor FROM sync_state')
      .get()?.pull_cursor;
    db.close();
    expect(cursor).toBe(Number(last.seq));
  });
});
