// Demo data is audited like any other change: `quiosco admin demo-data` (and `npm start`'s first
// load, the same function) leaves one demo_data_loaded entry with counts, a run that adds nothing
// leaves none, and the demo door (`npm start`) leaves the ticket entries `quiosco tickets` leaves.
// `npm start`'s event, forms, console users and kiosks leave the entries the console's set-up
// leaves, and a later start none. SQLite and PostgreSQL.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadForms } from '../../electron/core/forms/form-files';
import { initKiosk } from '../../electron/core/kiosk-setup';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { listAudit } from '../../sync-server/console/audit';
import { createEvent, eventFormDefinitions } from '../../sync-server/events/events-store';
import { DB_KINDS, openServerForTest } from '../../sync-server/testing/test-server';
import { DEMO_USERS, demoConsoleUsers } from '../commands/admin-users';
import { DEMO_PIN } from '../commands/start';
import { prepareDemoTickets } from '../demo-door';
import { DEMO_EVENT, enrolDemoKiosk, prepareDemoEvent } from '../demo-sync';
import { databasePerTest } from '../testing/database-per-test';
import { planDemoData } from './demo-plan';
import { DEMO_DATA_DEFAULTS, loadDemoDataOnce } from './load-demo-data';

const DEMO_FORMS = fileURLToPath(new URL('../../demo/forms', import.meta.url));
const ACTOR = `cli:${userInfo().username}`;

describe.each(DB_KINDS)('demo data in the audit log on %s', (kind) => {
  const { quiosco, inDatabase } = databasePerTest(kind);
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir('quiosco-demo-audit-');
  });
  afterEach(() => tmp.remove());

  const ok = async (...argv: string[]) => {
    const run = await quiosco(...argv);
    expect([run.code, run.err], argv.join(' ')).toEqual([0, '']);
  };
  const demoEntries = () =>
    inDatabase(async (s) =>
      (await listAudit(s))
        .filter((e) => e.action === 'demo_data_loaded')
        .map(({ actor, detail }) => ({ actor, detail })),
    );

  it('writes one demo_data_loaded entry with counts, and none when a run adds nothing', async () => {
    await ok('admin', 'event', 'create', 'feria', '--name', 'Feria de prueba');
    await ok('admin', 'form', 'add', '--event', 'feria', DEMO_FORMS);
    await ok('admin', 'demo-data', '--event', 'feria', '--count', '60', '--seed', '7');
    const stored = await inDatabase(async (s) => ({
      records: (await s.db.selectFrom('submissions').select('id').execute()).length,
      photos: (await s.db.selectFrom('attachments').select('name').execute()).length,
    }));
    // The 82 records of seed 7 (as demo-data.test.ts counts them), and their photos.
    expect(stored.records).toBe(82);
    expect(stored.photos).toBeGreaterThan(0);
    const entry = { actor: ACTOR, detail: { eventId: 'feria', kiosks: 3, ...stored } };
    expect(await demoEntries()).toEqual([entry]);
    await ok('admin', 'demo-data', '--event', 'feria', '--count', '60', '--seed', '7');
    expect(await demoEntries()).toEqual([entry]);
  });

  it("audits the demo door's rules, ticket import and tickets as quiosco tickets does", async () => {
    const t = await openServerForTest(kind);
    try {
      await createEvent(t.server.db, DEMO_EVENT);
      const before = (await listAudit(t.server.db)).length;
      await prepareDemoTickets(t.server, join(tmp.path, 'tickets'));
      const all = await listAudit(t.server.db);
      const written = all.slice(0, all.length - before).reverse();
      const eventId = DEMO_EVENT.id;
      const issued = (type: string) => ({
        actor: ACTOR,
        action: 'tickets_issued',
        detail: { eventId, type, count: 1, keyId: 0 },
      });
      expect(written.map(({ actor, action, detail }) => ({ actor, action, detail }))).toEqual([
        {
          actor: ACTOR,
          action: 'door_rules_set',
          detail: { eventId, changes: { capacity: [null, 300], acceptPasses: [false, true] } },
        },
        {
          actor: ACTOR,
          action: 'tickets_imported',
          detail: { rows: 3, added: 3, updated: 0, unchanged: 0, skipped: 0, onError: 'refuse' },
        },
        { actor: ACTOR, action: 'ticket_key_created', detail: { eventId, keyId: 0 } },
        issued('General'),
        issued('General'),
        issued('Niños'),
        issued('Expositor'),
      ]);
    } finally {
      await t.close();
    }
  });

  it("audits npm start's event, forms, console users and kiosks, and a later start adds none", async () => {
    const t = await openServerForTest(kind);
    try {
      const s = t.server.db;
      const kioskDir = join(tmp.path, 'kiosk');
      await initKiosk({ dataDir: kioskDir, formsDir: DEMO_FORMS, defaultPin: DEMO_PIN });
      // What `quiosco start` does with its server, in its order (the door's entries are above).
      const start = async () => {
        await prepareDemoEvent(s, DEMO_FORMS);
        await demoConsoleUsers(s);
        await loadDemoDataOnce(s, DEMO_EVENT.id);
        await enrolDemoKiosk({ kioskDir, pin: DEMO_PIN, server: t.server });
      };
      await start();
      const written = (await listAudit(s))
        .reverse()
        .map(({ actor, action, detail }) => ({ actor, action, detail }));

      const eventId = DEMO_EVENT.id;
      const definitions = await eventFormDefinitions(s.db, eventId);
      const plan = planDemoData({ eventId, ...DEMO_DATA_DEFAULTS, definitions });
      // A kiosk enrolled offers every form of its event until it is assigned some.
      const enrolledWith = definitions.map(({ formId }) => ({ formId, onIdle: 'discard' }));
      // The code itself is never in its entry: its event and expiry are.
      const codes = await s.db.selectFrom('enrol_codes').select(['used_by_device', 'expires_at']).execute();
      const expiry = new Map(codes.map((c) => [c.used_by_device, c.expires_at]));
      const kioskSetUp = (kiosk: { id: string; name: string; offeredForms: unknown }) => [
        { actor: ACTOR, action: 'enrol_code_created', detail: { eventId, expiresAt: expiry.get(kiosk.id) } },
        {
          actor: ACTOR,
          action: 'kiosk_assigned',
          detail: {
            deviceId: kiosk.id,
            name: kiosk.name,
            changes: { offeredForms: [enrolledWith, kiosk.offeredForms] },
          },
        },
      ];
      const demoKiosk = await s.db
        .selectFrom('devices')
        .select(['id', 'name'])
        .where(
          'id',
          'not in',
          plan.kiosks.map((k) => k.id),
        )
        .executeTakeFirstOrThrow();
      const stored = {
        records: (await s.db.selectFrom('submissions').select('id').execute()).length,
        photos: (await s.db.selectFrom('attachments').select('name').execute()).length,
      };
      expect(written).toEqual([
        { actor: ACTOR, action: 'event_created', detail: { eventId, name: DEMO_EVENT.name } },
        ...loadForms(DEMO_FORMS).map(({ definition: { formId, version } }) => ({
          actor: ACTOR,
          action: 'form_uploaded',
          detail: { eventId, formId, version, status: 'added' },
        })),
        // Names and roles only: never a password.
        ...DEMO_USERS.map(({ username, role }) => ({
          actor: ACTOR,
          action: 'user_created',
          detail: { username, role },
        })),
        ...plan.kiosks.flatMap(kioskSetUp),
        { actor: ACTOR, action: 'demo_data_loaded', detail: { eventId, kiosks: 3, ...stored } },
        ...kioskSetUp({
          ...demoKiosk,
          offeredForms: [
            { formId: 'registro_visitantes', onIdle: 'discard' },
            { formId: 'encuesta_impacto_economico', onIdle: 'keep' },
          ],
        }),
      ]);
      expect(stored.records).toBe(410);

      await start();
      expect((await listAudit(s)).length).toBe(written.length);
    } finally {
      await t.close();
    }
  });
});
