// A real kiosk core against a real sync server (SQLite and PostgreSQL): a record the server
// refuses is listed for staff, the coordinator fixes the cause, staff send it again, the next
// round comes soon and the server stores it once, as the kiosk has it.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { manualTimers } from '../electron/core/sync/testing/manual-timers';
import { REGISTRATION_ANSWERS } from '../electron/core/testing/kiosk-fixtures';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { addForm, readFormSheets } from '../sync-server/events/events-store';
import { DB_KINDS, openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { expectSameRecords, openSyncKiosk, type SyncKiosk } from './support/sync-kiosk';

describe.each(DB_KINDS)('dead letters on %s', (kind) => {
  let server: TestServer;
  let k: SyncKiosk | undefined;
  beforeAll(async () => {
    server = await openServerForTest(kind);
  });
  afterEach(() => {
    k?.close();
    k?.remove();
    k = undefined;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists a refused record, and sends it again once the coordinator attached its form', async () => {
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    const clock = manualTimers();
    const kiosk = await openSyncKiosk({ sync: { auto: true, timers: clock.timers, random: () => 0.5 } });
    k = kiosk;
    const settle = () => vi.waitFor(() => expect(clock.pending()).toHaveLength(1), { timeout: 10_000 });
    await kiosk.enrol(server.server, eventId);
    expect(clock.fire()).toBe(0);
    await settle();

    // The kiosk has the registration form installed; the event on the server does not.
    await kiosk.save(1);
    const { id } = await kiosk.call('submission:save', {
      formId: 'registro_visitantes',
      formVersion: '2026110101',
      language: 'es',
      answers: REGISTRATION_ANSWERS,
      complete: true,
      startedAt: '2026-11-20T16:00:00.000Z',
    });
    expect(clock.fire()).toBe(1500);
    await settle();
    expect((await kiosk.status()).sync).toMatchObject({ lastError: null, deadLetters: 1 });
    const listed = await kiosk.call('staff:dead-letters', {});
    expect(listed).toEqual({
      deadLetters: [
        {
          seq: 2,
          kind: 'submission',
          id,
          code: 'unknown_form',
          message: `Form registro_visitantes is not attached to event ${eventId} on the server`,
          rejectedAt: expect.any(String),
        },
      ],
      total: 1,
    });
    expect(await server.count('submissions', { deviceId: kiosk.core.deviceId })).toBe(1);

    await addForm(server.server.db, eventId, readFormSheets(demoFormSheets('registro-visitantes')));
    const resent = await kiosk.call('staff:resend-dead-letters', { seqs: [2] });
    expect(resent).toMatchObject({ deadLetters: 0, lastError: null });
    expect((await kiosk.status()).pendingSync).toBe(1);
    // Sent again like a new save: the next round comes in 1.5 s, not at the 30 s tick.
    expect(clock.pending()).toEqual([1500]);
    clock.fire();
    await settle();

    const after = await kiosk.status();
    expect(after).toMatchObject({ pendingSync: 0, sync: { lastError: null, deadLetters: 0 } });
    expect(await kiosk.call('staff:dead-letters', {})).toEqual({ deadLetters: [], total: 0 });
    const { theirs } = await expectSameRecords(server.server.db, kiosk, 2);
    expect(theirs.get(id)?.formId).toBe('registro_visitantes');
    expect(await server.count('push_rejections', { deviceId: kiosk.core.deviceId })).toBe(1);
  });
});
