// A fleet against a server that takes one push at a time (its admission limit made tiny): kiosks
// are told "busy, come back in N s" again and again, wait it out, and each ends with the server
// holding exactly its records, none lost or doubled, and no error shown to staff. The kiosks'
// waits pass at once (injected timers), so nothing here sleeps. A kiosk of the oldest protocol
// gets the busy answer in a shape it knows.
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCodeSchema, HEADERS, supportedProtocols } from '../shared/sync/protocol';
import { immediateTimers } from '../electron/core/sync/testing/manual-timers';
import { DB_KINDS, openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { bulkSave, expectSameRecords, openSyncKiosk, type SyncKiosk } from './support/sync-kiosk';

const KIOSKS = 8;
const kiosks: SyncKiosk[] = [];
let server: TestServer | undefined;
afterEach(async () => {
  for (const k of kiosks.splice(0)) {
    k.close();
    k.remove();
  }
  await server?.close();
});

describe.each(DB_KINDS)('a fleet pushing at once to a busy server, on %s', (kind) => {
  it('every kiosk waits its turn and converges, nothing lost or doubled, no error', async () => {
    server = await openServerForTest(kind, { pushAdmission: { maxPushes: 1 } });
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    // Each hinted wait is noted and passes at once: how soon a kiosk comes back changes how often
    // it is refused, never what the server ends up holding.
    const { timers, waits } = immediateTimers();
    for (let i = 0; i < KIOSKS; i++) {
      const k = await openSyncKiosk({ sync: { timers, pushBatchSize: 40 } });
      kiosks.push(k);
      await k.enrol(server.server, eventId);
      bulkSave(k.dataDir, 150 + i);
    }
    const statuses = await Promise.all(kiosks.map((k) => k.core.syncNow()));
    expect(statuses.map((s) => s.lastError)).toEqual(kiosks.map(() => null));
    // The kiosks were refused and waited, within the hinted seconds.
    expect(waits.length).toBeGreaterThan(KIOSKS);
    expect(waits.every((ms) => ms >= 0 && ms <= 60_000)).toBe(true);
    for (const [i, k] of kiosks.entries()) await expectSameRecords(server.server.db, k, 150 + i);
    expect(await server.count('submissions', { eventId })).toBe(KIOSKS * 150 + (KIOSKS * (KIOSKS - 1)) / 2);
  });

  it('a kiosk of the oldest protocol is told to come back, in an error it knows', async () => {
    server = await openServerForTest(kind, { pushAdmission: { maxPushes: 0 } });
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    const device = await server.enrol(eventId);
    const oldest = {
      [HEADERS.protocol]: String(supportedProtocols().oldest),
      [HEADERS.app]: 'quiosco-kiosk/0.1.0',
    };
    const pushed = await server.call('POST', '/v1/sync/push', {
      token: device.token,
      gzip: true,
      body: { deviceId: device.deviceId, changes: [], backlog: 0 },
      headers: oldest,
    });
    // 503 `unavailable` is in version 1's codes: an old kiosk backs off and retries, as for any 5xx.
    expect(pushed.status).toBe(503);
    expect(pushed.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(pushed.body).toMatchObject({ error: { code: 'unavailable', message: expect.any(String) } });
    expect(ErrorCodeSchema.options).toContain('unavailable');
  });
});
