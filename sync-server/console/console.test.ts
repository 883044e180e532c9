// The console's accounts, sessions, CSRF, lock-out, audit and role rules, over real HTTP on SQLite
// and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CSRF_HEADER,
  ConsoleEventsResponseSchema,
  CSRF_REFUSAL,
  DashboardResponseSchema,
  KiosksResponseSchema,
  SESSION_COOKIE,
  SessionStateSchema,
} from '../../shared/console/console-api';
import { demoFormSheets } from '../../shared/forms/node/demo-forms';
import type { Role } from '../../shared/sync/admin-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import {
  DB_KINDS,
  openServerForTest,
  surveyChanges,
  SURVEY_FORM,
  type TestServer,
} from '../testing/test-server';
import { addForm, readFormSheets } from '../events/events-store';
import { createUser, disableUser, LOCK_MINUTES, MAX_FAILURES, WRONG_CREDENTIALS } from './accounts';
import { listAudit } from './audit';
import { signedIn, signInCall } from './testing/signed-in';

const PASSWORD = 'correct horse battery';

describe.each(DB_KINDS)('console on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent(['encuesta-impacto-economico']);
    for (const role of ['admin', 'coordinator', 'statistician'] as const) {
      await createUser(t.server.db, { username: role, role, password: PASSWORD });
    }
  });
  afterAll(() => t.close());

  const errorOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error;
  const signIn = (username: string, password = PASSWORD, csrf?: string | null) =>
    signInCall(t, username, password, csrf);
  /** Signs in; answers the Cookie header and CSRF token the page would send from then on. */
  const sessionOf = (username: Role) => signedIn(t, username, PASSWORD);

  it('signs in with an HttpOnly SameSite=Strict session cookie and knows the user', async () => {
    const session = await sessionOf('coordinator');
    const sessionCookie = session.setCookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(sessionCookie).toMatch(/; HttpOnly/);
    expect(sessionCookie).toMatch(/; SameSite=Strict/);
    const me = await t.call('GET', '/console/api/session', { headers: { cookie: session.cookie } });
    expect(SessionStateSchema.parse(me.body)).toMatchObject({
      signedIn: true,
      user: { username: 'coordinator', role: 'coordinator' },
    });
    const audit = await listAudit(t.server.db);
    expect(audit[0]).toMatchObject({ actor: 'coordinator', action: 'sign_in' });
  });

  it('refuses a state-changing request without the CSRF header, with the exact error', async () => {
    const noHeader = await signIn('admin', PASSWORD, null);
    expect(noHeader.status).toBe(403);
    expect(errorOf(noHeader)).toEqual({ code: 'forbidden', message: CSRF_REFUSAL, field: CSRF_HEADER });
    const session = await sessionOf('admin');
    const forged = await t.call('POST', '/console/api/session/end', {
      headers: { cookie: session.cookie, [CSRF_HEADER]: 'guessed' },
    });
    expect(forged.status).toBe(403);
    expect(errorOf(forged).message).toBe(CSRF_REFUSAL);
  });

  it("lists each event's forms with the newest version's title for the pickers, and all versions", async () => {
    const id = await t.createEvent(['encuesta-impacto-economico', 'registro-visitantes']);
    const first = readFormSheets(demoFormSheets('encuesta-impacto-economico'));
    await addForm(t.server.db, id, { ...first, version: '2026120101', title: { es: 'Impacto, segunda' } });
    const { cookie } = await sessionOf('statistician');
    const listed = ConsoleEventsResponseSchema.parse(
      (await t.call('GET', '/console/api/events', { headers: { cookie } })).body,
    );
    expect(listed.events.find((e) => e.id === id)?.forms).toEqual([
      {
        formId: 'encuesta_impacto_economico',
        title: { es: 'Impacto, segunda' },
        versions: ['2026110101', '2026120101'],
      },
      {
        formId: 'registro_visitantes',
        title: {
          es: 'Registro de visitantes — Feria del Libro Infantil y Juvenil',
          en: "Visitor registration — Children's and Youth Book Fair",
        },
        versions: ['2026110101'],
      },
    ]);
  });

  it('signs out: the session cookie no longer works, and the sign-out is audited', async () => {
    const session = await sessionOf('statistician');
    const out = await t.call('POST', '/console/api/session/end', {
      headers: { cookie: session.cookie, [CSRF_HEADER]: session.csrf },
    });
    expect(out.status).toBe(200);
    const after = await t.call('GET', '/console/api/session', { headers: { cookie: session.cookie } });
    expect([after.status, SessionStateSchema.parse(after.body).signedIn]).toEqual([200, false]);
    const events = await t.call('GET', '/console/api/events', { headers: { cookie: session.cookie } });
    expect([events.status, errorOf(events).code]).toEqual([401, 'unauthenticated']);
    expect((await listAudit(t.server.db))[0]).toMatchObject({ actor: 'statistician', action: 'sign_out' });
  });

  it(`locks an account for ${LOCK_MINUTES} minutes after ${MAX_FAILURES} wrong passwords, even against the right one`, async () => {
    await createUser(t.server.db, { username: 'victim', role: 'coordinator', password: PASSWORD });
    for (let i = 1; i < MAX_FAILURES; i++) {
      const r = await signIn('victim', 'wrong password');
      expect([r.status, errorOf(r)]).toEqual([
        401,
        { code: 'wrong_credentials', message: WRONG_CREDENTIALS },
      ]);
    }
    const last = await signIn('victim', 'wrong password');
    expect(errorOf(last).message).toMatch(/^Too many failed sign-ins: this account is locked until /);
    expect(errorOf(last).code).toBe('locked_out');
    const right = await signIn('victim');
    expect(right.status).toBe(401);
    expect(errorOf(right).message).toMatch(/locked until/);
    const actions = (await listAudit(t.server.db)).filter((a) => a.actor === 'victim').map((a) => a.action);
    expect(actions).toEqual([
      'locked_out',
      'locked_out',
      ...Array<string>(MAX_FAILURES - 1).fill('sign_in_failed'),
    ]);
  });

  it('refuses a disabled user and ends their sessions', async () => {
    await createUser(t.server.db, { username: 'leaver', role: 'statistician', password: PASSWORD });
    const session = await sessionOf('leaver' as Role);
    await disableUser(t.server.db, 'leaver');
    const after = await t.call('GET', '/console/api/session', { headers: { cookie: session.cookie } });
    expect([after.status, SessionStateSchema.parse(after.body).signedIn]).toEqual([200, false]);
    const events = await t.call('GET', '/console/api/events', { headers: { cookie: session.cookie } });
    expect(events.status).toBe(401);
    expect(errorOf(await signIn('leaver'))).toEqual({
      code: 'wrong_credentials',
      message: WRONG_CREDENTIALS,
    });
  });

  it('applies the API role rules to sessions: statisticians read kiosks and the dashboard, not /v1/devices', async () => {
    const device = await t.enrol(eventId, 'Entrada norte');
    const pushed = await t.call('POST', '/v1/sync/push', {
      token: device.token,
      body: { deviceId: device.deviceId, changes: surveyChanges(device, 1, 3) },
    });
    expect(pushed.status).toBe(200);
    const { cookie } = await sessionOf('statistician');
    expect((await t.call('GET', '/v1/devices', { headers: { cookie } })).status).toBe(403);
    const kiosks = KiosksResponseSchema.parse(
      (await t.call('GET', `/console/api/kiosks?eventId=${eventId}`, { headers: { cookie } })).body,
    ).kiosks;
    expect(kiosks.map((k) => [k.name, k.id])).toEqual([['Entrada norte', device.deviceId]]);
    const dashboard = DashboardResponseSchema.parse(
      (
        await t.call('GET', `/console/api/dashboard?eventId=${eventId}&staleMinutes=5`, {
          headers: { cookie },
        })
      ).body,
    );
    expect(dashboard.hours).toEqual([
      expect.objectContaining({ formId: SURVEY_FORM.formId, deviceId: device.deviceId, records: 3 }),
    ]);
    expect(dashboard.kiosks.map((k) => k.stale)).toEqual([false]);
  });

  it('exports by role: statisticians anonymised only, coordinators not at all; every export audited', async () => {
    const url = `/console/api/exports/${SURVEY_FORM.formId}?event=${eventId}&format=csv`;
    const stats = await sessionOf('statistician');
    const csv = await fetch(new URL(url.slice(1), t.url), { headers: { cookie: stats.cookie } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
    expect((await csv.text()).split('\n').length).toBeGreaterThan(3);
    const personal = await t.call('GET', `${url}&anonymised=false`, { headers: { cookie: stats.cookie } });
    expect(personal.status).toBe(403);
    const coordinator = await sessionOf('coordinator');
    expect((await t.call('GET', url, { headers: { cookie: coordinator.cookie } })).status).toBe(403);
    const admin = await sessionOf('admin');
    const full = await fetch(new URL(`${url}&anonymised=false`.slice(1), t.url), {
      headers: { cookie: admin.cookie },
    });
    expect(full.status).toBe(200);
    await full.text();
    const audit = await listAudit(t.server.db);
    expect(audit.slice(0, 2).map((a) => [a.actor, a.action])).toEqual([
      ['admin', 'personal_data_read'],
      ['admin', 'export'],
    ]);
    expect(audit.find((a) => a.actor === 'statistician' && a.action === 'export')?.detail).toMatchObject({
      formId: SURVEY_FORM.formId,
      anonymised: true,
    });
  });
});
