// Two kiosks on one device id (a cloned disk image), against a real server on SQLite and
// PostgreSQL: the server answers device_cloned to the second that pushes; that kiosk takes a new
// identity, is enrolled again by staff, and sends everything the server did not store. Every
// record of both kiosks ends on the server exactly once, with the content each kiosk holds.
import { cpSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openKioskDatabase } from '../electron/core/db/kiosk-database';
import { currentDeviceId } from '../electron/core/device/device-identity';
import { openKioskCore, type KioskCore } from '../electron/core/kiosk-core';
import { makeTempDir, SURVEY_ANSWERS, surveySave, TEST_PIN } from '../electron/core/testing/kiosk-fixtures';
import { createEnrolCode } from '../sync-server/devices/devices-store';
import { DB_KINDS, openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { compareRecords, kioskRecords, openSyncKiosk, serverRecords } from './support/sync-kiosk';

const idOf = (dataDir: string) => {
  const db = openKioskDatabase(dataDir);
  try {
    return currentDeviceId(db);
  } finally {
    db.close();
  }
};

/** A kiosk core on a copy of another's data directory, unlocked by staff. */
async function openCopy(dataDir: string): Promise<{ core: KioskCore; token: string }> {
  const core = openKioskCore({ dataDir, sync: { auto: false } });
  const unlocked = await core.call('staff:unlock', { pin: TEST_PIN });
  if (!unlocked.ok) throw new Error(unlocked.error.message);
  return { core, token: unlocked.value.token };
}

async function save(core: KioskCore, count: number, label: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const saved = await core.call(
      'submission:save',
      surveySave({ ...SURVEY_ANSWERS, comentarios: `${label} ${i}` }),
    );
    if (!saved.ok) throw new Error(saved.error.message);
  }
}

describe.each(DB_KINDS)('a cloned kiosk on %s', (kind) => {
  let server: TestServer;
  const cleanups: (() => void)[] = [];
  beforeAll(async () => {
    server = await openServerForTest(kind);
  });
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('takes a new identity on device_cloned and, enrolled again, sends every record it made: nothing lost, nothing twice', async () => {
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    const original = await openSyncKiosk();
    cleanups.push(() => original.remove());
    cleanups.push(() => original.close());
    await original.enrol(server.server, eventId);
    await original.save(2);
    expect((await original.core.syncNow()).lastError).toBeNull();
    const sharedId = original.core.deviceId;

    // The disk image is copied while the kiosk is off; both then run and record visitors.
    original.close();
    const copyDir = makeTempDir('quiosco-clone-');
    cleanups.push(() => copyDir.remove());
    cpSync(original.dataDir, copyDir.path, { recursive: true });
    await original.reopen();
    const copy = await openCopy(copyDir.path);
    cleanups.push(() => copy.core.close());
    await original.save(3);
    await save(copy.core, 4, 'copia');

    expect((await original.core.syncNow()).lastError).toBeNull();
    const refused = await copy.core.syncNow();
    expect(refused.enrolled).toBe(false);
    expect(refused.lastError?.code).toBe('device_cloned');
    expect(refused.lastError?.message).toMatch(
      /this kiosk is a copy of another: it took a new identity; enrol it again \(nothing is lost\)$/,
    );
    const newId = idOf(copyDir.path);
    expect(newId).not.toBe(sharedId);
    // Nothing of the copy reached the server under the shared id.
    expect(await server.count('submissions', { deviceId: sharedId })).toBe(5);
    // Not enrolled: no more rounds until staff enrol it again.
    expect((await copy.core.syncNow()).lastAttemptAt).toBe(refused.lastAttemptAt);

    const { code } = await createEnrolCode(server.server.db, { eventId });
    const enrolled = await copy.core.call('staff:enrol', { token: copy.token, code, serverUrl: server.url });
    expect(enrolled.ok && enrolled.value).toMatchObject({ enrolled: true, lastError: null });
    // A record made before the restart, by a core that still holds the old id, goes as the new id's.
    await save(copy.core, 1, 'copia tras inscribir');
    expect((await copy.core.syncNow()).lastError).toBeNull();
    expect((await original.core.syncNow()).lastError).toBeNull();

    const mine = new Map([...kioskRecords(original.dataDir), ...kioskRecords(copyDir.path)]);
    expect(mine.size).toBe(2 + 3 + 5);
    const theirs = await serverRecords(server.server.db, [sharedId, newId]);
    expect(compareRecords(mine, theirs)).toEqual({ missing: [], extra: [], different: [] });
    expect(await server.count('submissions', { deviceId: newId })).toBe(5);
    expect([...kioskRecords(copyDir.path).values()].filter((r) => r.deviceId === newId)).toHaveLength(5);
  });
});
