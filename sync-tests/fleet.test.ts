// Many kiosks and more than one server: 20 kiosks syncing at once, two server processes on one
// PostgreSQL with kiosks switching between them (through a faulty network), and a kiosk that
// was offline for 50,000 records. Each kiosk ends with the server holding exactly its records.
import { afterEach, describe, expect, it } from 'vitest';
import { openServerDatabase } from '../sync-server/db/server-database';
import { assignDevice, listDevices } from '../sync-server/devices/devices-store';
import { addForm, createEvent, readFormSheets } from '../sync-server/events/events-store';
import {
  createTestDatabase,
  DB_KINDS,
  openServerForTest,
  type TestDatabase,
  type TestServer,
} from '../sync-server/testing/test-server';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { startFaultProxy, weightedFaults, type FaultProxy } from './support/fault-proxy';
import { seededRandom } from '../shared/random/seeded-random';
import { startServerProcess, type ServerProcess } from './support/server-process';
import {
  bulkSave,
  expectSameRecords,
  kioskRecords,
  openSyncKiosk,
  type SyncKiosk,
} from './support/sync-kiosk';

const kiosks: SyncKiosk[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const k of kiosks.splice(0)) {
    k.close();
    k.remove();
  }
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function openKiosks(
  count: number,
  options?: Parameters<typeof openSyncKiosk>[0],
): Promise<SyncKiosk[]> {
  const opened = await Promise.all(Array.from({ length: count }, () => openSyncKiosk(options)));
  kiosks.push(...opened);
  return opened;
}

describe.each(DB_KINDS)('a fleet on %s', (kind) => {
  let server: TestServer;
  const open = async () => {
    server = await openServerForTest(kind);
    cleanups.push(() => server.close());
    return server.createEvent(['encuesta-impacto-economico']);
  };

  it('20 kiosks syncing at once, saving as they go', async () => {
    const eventId = await open();
    const fleet = await openKiosks(20);
    for (const k of fleet) await k.enrol(server.server, eventId);
    fleet.forEach((k, i) => bulkSave(k.dataDir, 200 + i * 10));
    await Promise.all(
      fleet.map(async (k) => {
        const first = k.core.syncNow();
        await k.save(2);
        expect((await first).lastError).toBeNull();
        expect((await k.core.syncNow()).lastError).toBeNull();
      }),
    );
    for (const [i, k] of fleet.entries()) await expectSameRecords(server.server.db, k, 200 + i * 10 + 2);
    expect(await server.count('submissions', { eventId })).toBe(20 * 200 + 10 * 190 + 20 * 2);
  });

  it('a kiosk offline for 50,000 records, then back', async () => {
    const eventId = await open();
    const proxy = await startFaultProxy(server.server.port);
    cleanups.push(() => proxy.close());
    const [k] = await openKiosks(1);
    if (k === undefined) throw new Error('no kiosk');
    await k.enrol({ db: server.server.db, url: proxy.url }, eventId);
    proxy.setFaults(() => 'drop');
    bulkSave(k.dataDir, 50_000);
    expect((await k.core.syncNow()).lastError?.code).toBe('server_unreachable');
    expect((await k.status()).pendingSync).toBe(50_000);
    proxy.heal();
    // One round brings it up to date; how fast is the benchmark's business, not this test's.
    const status = await k.core.syncNow();
    expect(status.lastError).toBeNull();
    expect((await k.status()).pendingSync).toBe(0);
    await expectSameRecords(server.server.db, k, 50_000);
  });
});

describe('two server processes on one PostgreSQL', () => {
  it('kiosks alternating between them through a faulty network lose and duplicate nothing', async () => {
    const random = seededRandom(Number(process.env.QUIOSCO_FAULT_SEED ?? 7));
    const database: TestDatabase = await createTestDatabase('postgres');
    cleanups.push(() => database.drop());
    const s = await openServerDatabase(database.config);
    cleanups.push(() => s.close());
    const eventId = 'feria_dos_servidores';
    await createEvent(s, { id: eventId, name: 'Feria' });
    for (const form of ['encuesta-impacto-economico', 'registro-visitantes'] as const) {
      await addForm(s, eventId, readFormSheets(demoFormSheets(form)));
    }
    const servers: ServerProcess[] = await Promise.all([
      startServerProcess(database.config),
      startServerProcess(database.config),
    ]);
    cleanups.push(async () => {
      for (const p of servers) await p.kill();
    });
    const proxies: FaultProxy[] = await Promise.all(servers.map((p) => startFaultProxy(p.port, random)));
    cleanups.push(async () => {
      for (const p of proxies) await p.close();
    });
    // Generous timeout: this proxy drops and cuts but never stalls, and CI runs test files side by side.
    const fleet = await openKiosks(6, { sync: { timeoutMs: 8000, pushBatchSize: 10 } });
    for (const [i, k] of fleet.entries()) {
      await k.enrol({ db: s, url: (proxies[i % 2] as FaultProxy).url }, eventId);
    }
    const faults = weightedFaults({ pass: 80, drop: 5, truncate_request: 5, cut_after_response: 10 }, random);
    for (const p of proxies) p.setFaults(faults);

    for (let round = 0; round < 12; round++) {
      await Promise.all(fleet.map((k) => k.save(1 + Math.floor(random() * 4))));
      await Promise.all(fleet.map((k) => k.core.syncNow()));
      // Each proxy now leads to the other server: every kiosk alternates between the two.
      const [a, b] = servers as [ServerProcess, ServerProcess];
      proxies[0]?.setTarget(round % 2 === 0 ? b.port : a.port);
      proxies[1]?.setTarget(round % 2 === 0 ? a.port : b.port);
      if (round === 5) {
        const offered = [{ formId: 'registro_visitantes', onIdle: 'discard' as const }];
        for (const k of fleet) await assignDevice(s, k.core.deviceId, { eventId, offeredForms: offered });
      }
    }
    for (const p of proxies) p.heal();
    // A connection the last faulty round cut may still sit in a kiosk's connection pool: its next
    // exchange fails once ("other side closed"), so allow a couple more rounds, as in fault-proxy.
    for (const k of fleet) {
      let clean = await k.core.syncNow();
      for (let retry = 0; retry < 3 && clean.lastError !== null; retry++) clean = await k.core.syncNow();
      expect(clean.lastError).toBeNull();
    }
    const devices = await listDevices(s);
    for (const k of fleet) {
      const mine = kioskRecords(k.dataDir);
      await expectSameRecords(s, k, mine.size);
      expect(mine.size).toBeGreaterThanOrEqual(12);
      const config = (await k.call('kiosk:bootstrap', {})).settings.offeredForms;
      expect(config).toEqual(devices.find((d) => d.id === k.core.deviceId)?.offeredForms);
      expect(config).toEqual([{ formId: 'registro_visitantes', onIdle: 'discard' }]);
    }
  });
});
