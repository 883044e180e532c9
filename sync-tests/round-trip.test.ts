// A real kiosk core against a real sync server (SQLite and PostgreSQL): enrolment, a push/pull
// round trip compared by content, forms and configuration coming down, refused records set
// aside, a new server filled from the start, revocation, an old protocol, an unreachable server
// with its backoff, and a kiosk clock two days ahead.
import { isDeepStrictEqual } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openKioskDatabase } from '../electron/core/db/kiosk-database';
import {
  makeTempDir,
  REGISTRATION_ANSWERS,
  TEST_PIN,
  writeFreeTextForm,
} from '../electron/core/testing/kiosk-fixtures';
import { enrolUri, PROTOCOL_VERSION } from '../shared/sync/protocol';
import {
  assignDevice,
  createEnrolCode,
  listDevices,
  revokeDevice,
} from '../sync-server/devices/devices-store';
import {
  addForm,
  createEvent,
  eventFormDefinitions,
  readFormSheets,
} from '../sync-server/events/events-store';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { DB_KINDS, openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import { manualTimers } from '../electron/core/sync/testing/manual-timers';
import {
  expectSameRecords,
  kioskRecords,
  openSyncKiosk,
  serverRecords,
  type SyncKiosk,
} from './support/sync-kiosk';

const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;

describe.each(DB_KINDS)('kiosk sync on %s', (kind) => {
  let server: TestServer;
  const kiosks: SyncKiosk[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    server = await openServerForTest(kind);
  });
  afterEach(async () => {
    for (const k of kiosks.splice(0)) {
      k.close();
      k.remove();
    }
    for (const c of cleanups.splice(0)) await c();
  });
  afterAll(async () => {
    await server?.close();
  });

  const kiosk = async (options?: Parameters<typeof openSyncKiosk>[0]) => {
    const k = await openSyncKiosk(options);
    kiosks.push(k);
    return k;
  };
  const s = () => server.server.db;
  const deviceOf = async (k: SyncKiosk) => (await listDevices(s())).find((d) => d.id === k.core.deviceId);

  it('enrols, pushes every record and pulls forms, event and configuration', async () => {
    const eventId = await server.createEvent(['encuesta-impacto-economico', 'registro-visitantes']);
    const k = await kiosk();
    const enrolled = await k.enrol(server.server, eventId);
    expect(enrolled).toMatchObject({
      enrolled: true,
      serverUrl: server.url,
      revoked: false,
      lastError: null,
    });
    expect((await k.call('kiosk:bootstrap', {})).settings.eventId).toBe(eventId);

    await k.save(3);
    await k.call('submission:save', {
      formId: 'registro_visitantes',
      formVersion: '2026110101',
      language: 'es',
      answers: REGISTRATION_ANSWERS,
      complete: true,
      startedAt: '2026-11-20T16:00:00.000Z',
    });
    expect((await k.status()).pendingSync).toBe(4);
    const before = Date.now();
    const synced = await k.core.syncNow();
    const took = Date.now() - before;
    expect(synced).toMatchObject({ enrolled: true, revoked: false, lastError: null, deadLetters: 0 });
    expect(synced.lastSuccessAt).not.toBeNull();
    // One clock on both sides: the offset measured is no more than the exchange took, however slow.
    expect(Math.abs(synced.clockOffsetMs ?? Infinity)).toBeLessThanOrEqual(took);
    expect((await k.status()).pendingSync).toBe(0);
    await expectSameRecords(s(), k, 4);

    // The coordinator's configuration replaced the kiosk's own choice of forms.
    const device = await deviceOf(k);
    expect((await k.call('kiosk:bootstrap', {})).settings.offeredForms).toEqual(device?.offeredForms);
    const db = openKioskDatabase(k.dataDir);
    expect(db.prepare('SELECT id, name FROM events').all()).toEqual([
      { id: eventId, name: expect.any(String) },
    ]);
    db.close();

    // A form the kiosk never had, offered by the coordinator, arrives with the next round.
    const dir = makeTempDir();
    const free = writeFreeTextForm(dir.path);
    const sheet = (name: string) => readFileSync(join(dir.path, `${free.formId}.${name}.csv`), 'utf8');
    const definition = readFormSheets({
      survey: sheet('survey'),
      choices: sheet('choices'),
      settings: sheet('settings'),
    });
    dir.remove();
    await addForm(s(), eventId, definition);
    const offered = [
      { formId: free.formId, onIdle: 'keep' as const },
      { formId: 'encuesta_impacto_economico', onIdle: 'keep' as const },
    ];
    await assignDevice(s(), k.core.deviceId, { eventId, offeredForms: offered });
    expect((await k.core.syncNow()).lastError).toBeNull();
    const boot = await k.call('kiosk:bootstrap', {});
    expect(boot.settings.offeredForms).toEqual(offered);
    const serverForms = await eventFormDefinitions(s().db, eventId);
    expect(boot.forms.map((f) => f.formId)).toEqual([free.formId, 'encuesta_impacto_economico']);
    for (const form of boot.forms) {
      expect(serverForms.some((f) => isDeepStrictEqual(f, form))).toBe(true);
    }
  });

  it('enrols from the QR code text, which carries the server address', async () => {
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    const k = await kiosk();
    const { code } = await createEnrolCode(s(), { eventId });
    const status = await k.call('staff:enrol', { code: enrolUri(code, server.url) });
    expect(status).toMatchObject({ enrolled: true, serverUrl: server.url, lastError: null });
    expect((await deviceOf(k))?.eventId).toBe(eventId);
  });

  it('refuses what is not an enrolment, and shows what the server refused, enrolling nothing', async () => {
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    const k = await kiosk();
    const token = (await k.core.dispatch('staff:unlock', { pin: TEST_PIN })) as {
      ok: true;
      value: { token: string };
    };
    const enrol = (input: object) => k.core.dispatch('staff:enrol', { token: token.value.token, ...input });
    const before = await k.status();

    expect(await enrol({ code: 'not a code', serverUrl: server.url })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'code: not an enrolment code (12 letters and digits, or the enrolment QR code)',
        details: { field: 'code' },
      },
    });
    const { code } = await createEnrolCode(s(), { eventId });
    expect(await enrol({ code })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: "serverUrl: give the sync server's address; this code does not carry it",
        details: { field: 'serverUrl' },
      },
    });
    expect(await enrol({ code: enrolUri(code, 'ftp://example.org/') })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'serverUrl: "ftp://example.org/" is not an http(s) address',
        details: { field: 'serverUrl' },
      },
    });
    expect(await k.status()).toEqual(before);

    const unknown = await enrol({ code: 'ZZZZ-ZZZZ-ZZZZ', serverUrl: server.url });
    expect(unknown).toMatchObject({
      ok: true,
      value: { enrolled: false, serverUrl: null, lastError: { code: 'enrol_code_invalid' } },
    });
    const other = await kiosk();
    await other.call('staff:enrol', { code, serverUrl: server.url });
    const used = await enrol({ code, serverUrl: server.url });
    expect(used).toMatchObject({
      ok: true,
      value: { enrolled: false, lastError: { code: 'enrol_code_used' } },
    });
    expect(await deviceOf(k)).toBeUndefined();
  });

  it('sets aside a record the server refuses and keeps the queue moving', async () => {
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    const k = await kiosk();
    await k.enrol(server.server, eventId);
    const [first] = await k.save(2);
    await k.core.syncNow();
    // A kiosk restored from an old copy, say: the same record id again with other content.
    const db = openKioskDatabase(k.dataDir);
    const row = db
      .prepare<[string], { payload: string }>('SELECT payload FROM outbox WHERE entity_id = ?')
      .get(first ?? '');
    const altered = { ...JSON.parse(row?.payload ?? '{}'), language: 'en' };
    db.prepare(
      "INSERT INTO outbox (entity_kind, entity_id, payload, created_at) VALUES ('submission', ?, ?, ?)",
    ).run(first, JSON.stringify(altered), new Date().toISOString());
    db.close();
    await k.save(3);

    const status = await k.core.syncNow();
    expect(status).toMatchObject({ lastError: null, deadLetters: 1 });
    expect((await k.status()).pendingSync).toBe(0);
    const letters = openKioskDatabase(k.dataDir);
    expect(letters.prepare('SELECT seq, entity_id, code FROM dead_letters').all()).toEqual([
      { seq: 3, entity_id: first, code: 'conflict' },
    ]);
    letters.close();
    const stored = await serverRecords(s(), [k.core.deviceId]);
    expect(stored.size).toBe(5);
    expect(stored.get(first ?? '')?.language).toBe('es');
  });

  it('sends the whole outbox again to a new server that asks from seq 1', async () => {
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    const k = await kiosk();
    await k.enrol(server.server, eventId);
    await k.save(4);
    await k.core.syncNow();
    // The event moves to another server (records keep the event they were captured for).
    const fresh = await openServerForTest(kind);
    cleanups.push(() => fresh.close());
    await createEvent(fresh.server.db, { id: eventId, name: 'Moved event' });
    await addForm(fresh.server.db, eventId, readFormSheets(demoFormSheets('encuesta-impacto-economico')));
    await k.enrol(fresh.server, eventId);
    await k.save(2);
    expect((await k.status()).pendingSync).toBe(2);
    const status = await k.core.syncNow();
    expect(status.lastError).toBeNull();
    await expectSameRecords(fresh.server.db, k, 6);
    expect(await server.count('submissions', { deviceId: k.core.deviceId })).toBe(4);
  });

  it('stops syncing a revoked kiosk, writes nothing for it, and keeps it revoked when enrolled again', async () => {
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    const k = await kiosk();
    await k.enrol(server.server, eventId);
    await k.save(2);
    await k.core.syncNow();
    await revokeDevice(s(), k.core.deviceId);
    await k.save(3);
    const refused = await k.core.syncNow();
    expect(refused).toMatchObject({ revoked: true, enrolled: true, lastError: { code: 'device_revoked' } });
    expect((await k.status()).sync.revoked).toBe(true);
    expect(await server.count('submissions', { deviceId: k.core.deviceId })).toBe(2);
    // No more tries: the attempt time stays where it was.
    const again = await k.core.syncNow();
    expect(again.lastAttemptAt).toBe(refused.lastAttemptAt);

    // A revoked device id stays revoked (the server's rule): a new enrolment code does not lift it.
    const back = await k.enrol(server.server, eventId);
    expect(back).toMatchObject({ revoked: true, lastError: { code: 'device_revoked' } });
    await k.core.syncNow();
    expect(await server.count('submissions', { deviceId: k.core.deviceId })).toBe(2);
  });

  it('tells staff the app is too old for a server that no longer speaks its protocol', async () => {
    const newer = await openServerForTest(kind, { protocolVersion: PROTOCOL_VERSION + 2 });
    cleanups.push(() => newer.close());
    const eventId = await newer.createEvent(['encuesta-impacto-economico']);
    const k = await kiosk();
    const status = await k.enrol(newer.server, eventId);
    expect(status).toMatchObject({ enrolled: false, lastError: { code: 'protocol_unsupported' } });
    expect(status.lastError?.message).toMatch(/update the kiosk app/);
    expect(await newer.count('devices')).toBe(0);
  });

  it('backs off while the server is unreachable and syncs at the first try that gets through', async () => {
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    const proxy: FaultProxy = await startFaultProxy(server.server.port);
    cleanups.push(() => proxy.close());
    const clock = manualTimers();
    const k = await kiosk({ sync: { auto: true, timers: clock.timers, random: () => 0.5, timeoutMs: 2000 } });
    await k.enrol({ db: s(), url: proxy.url }, eventId);
    // Enrolment starts the scheduler: a round at once, then one every 30 s.
    const settle = () => vi.waitFor(() => expect(clock.pending()).toHaveLength(1), { timeout: 10_000 });
    expect(clock.fire()).toBe(0);
    await settle();
    expect(clock.pending()).toEqual([30_000]);

    proxy.setFaults(() => 'drop');
    await k.save(1);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      clock.fire();
      await settle();
      delays.push(...clock.pending());
    }
    // Jitter fixed at its middle (random 0.5): three quarters of 2 s, 4 s, … capped at 60 s.
    expect(delays).toEqual([1500, 3000, 6000, 12_000, 24_000, 45_000, 45_000]);
    const down = (await k.status()).sync;
    expect(down.lastError?.code).toBe('server_unreachable');
    expect(down.lastSuccessAt).not.toBeNull();
    // Saving while the server is away leaves the backoff in charge.
    await k.save(1);
    expect(clock.pending()).toEqual([45_000]);

    proxy.heal();
    clock.fire();
    await settle();
    expect(clock.pending()).toEqual([30_000]);
    expect((await k.status()).sync.lastError).toBeNull();
    await expectSameRecords(s(), k, 2);
    // A save while all is well brings the next round forward to 1.5 s.
    await k.save(1);
    expect(clock.pending()).toEqual([1500]);
  });

  it('reports an unreachable server when nothing listens at its address', async () => {
    const gone = await openServerForTest(kind);
    const eventId = await gone.createEvent(['encuesta-impacto-economico']);
    const k = await kiosk();
    await k.enrol(gone.server, eventId);
    await gone.close();
    await k.save(1);
    const status = await k.core.syncNow();
    expect(status.lastError).toEqual({
      code: 'server_unreachable',
      message: expect.stringMatching(/^cannot reach the server \(ECONNREFUSED/),
    });
    expect((await k.status()).pendingSync).toBe(1);
  });

  it('syncs a kiosk whose clock is two days ahead, in seq and cursor order regardless', async () => {
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    const ahead = await kiosk({ now: () => new Date(Date.now() + TWO_DAYS_MS) });
    const onTime = await kiosk();
    await ahead.enrol(server.server, eventId);
    await onTime.enrol(server.server, eventId);
    await ahead.save(3);
    await onTime.save(2);
    await ahead.save(2);
    const status = await ahead.core.syncNow();
    expect(status.lastError).toBeNull();
    expect(status.clockOffsetMs).toBeGreaterThan(-TWO_DAYS_MS - 2000);
    expect(status.clockOffsetMs).toBeLessThan(-TWO_DAYS_MS + 2000);
    await onTime.core.syncNow();
    await expectSameRecords(s(), ahead, 5);
    await expectSameRecords(s(), onTime, 2);
    const rows = await s()
      .db.selectFrom('submissions')
      .select(['id', 'device_seq'])
      .where('device_id', '=', ahead.core.deviceId)
      .orderBy('device_seq')
      .execute();
    expect(rows.map((r) => r.id)).toEqual([...kioskRecords(ahead.dataDir).keys()]);

    // A form added now is after both kiosks' cursors, whatever their clocks say.
    const dir = makeTempDir();
    const free = writeFreeTextForm(dir.path);
    const sheet = (name: string) => readFileSync(join(dir.path, `${free.formId}.${name}.csv`), 'utf8');
    await addForm(
      s(),
      eventId,
      readFormSheets({ survey: sheet('survey'), choices: sheet('choices'), settings: sheet('settings') }),
    );
    dir.remove();
    for (const k of [ahead, onTime]) {
      await k.core.syncNow();
      const config = await k.call('staff:config', {});
      expect(config.availableForms.map((f) => f.formId)).toContain(free.formId);
    }
  });
});
