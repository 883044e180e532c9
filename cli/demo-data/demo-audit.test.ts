// Demo data is audited like any other change: `quiosco admin demo-data` (and `npm start`'s first
// load, the same function) leaves one demo_data_loaded entry with counts, a run that adds nothing
// leaves none, and the demo door (`npm start`) leaves the ticket entries `quiosco tickets` leaves.
// SQLite and PostgreSQL.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { listAudit } from '../../sync-server/console/audit';
import { createEvent } from '../../sync-server/events/events-store';
import { DB_KINDS, openServerForTest } from '../../sync-server/testing/test-server';
import { prepareDemoTickets } from '../demo-door';
import { DEMO_EVENT } from '../demo-sync';
import { databasePerTest } from '../testing/database-per-test';

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
});
