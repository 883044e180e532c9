// `quiosco export` writes the audit entries the console's download writes for the same export
// (`export`, and `personal_data_read` with personal data), under cli:<operating-system user>; an
// anonymised export only the first, a refused one none. SQLite and PostgreSQL.
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import type { Role } from '../../shared/sync/admin-api';
import { listAudit } from '../../sync-server/console/audit';
import { signedInRoles, type SignedIn } from '../../sync-server/console/testing/signed-in';
import { SURVEY, seedExportData, type SeededExport } from '../../sync-server/exports/testing/export-fixtures';
import {
  createTestDatabase,
  DB_KINDS,
  openServerForTest,
  pointDatabaseUrlAt,
  type TestDatabase,
  type TestServer,
} from '../../sync-server/testing/test-server';
import { quioscoOn } from '../testing/run-quiosco';

const ACTOR = `cli:${userInfo().username}`;

describe.each(DB_KINDS)('quiosco export audit on %s', (kind) => {
  let database: TestDatabase;
  let t: TestServer;
  let seeded: SeededExport;
  let sessionOf: (role: Role) => SignedIn;
  let tmp: ReturnType<typeof makeTempDir>;
  let restore = () => {};
  const quiosco = quioscoOn(() => database.config);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    restore = pointDatabaseUrlAt(database.config);
    t = await openServerForTest(kind, { database: database.config });
    seeded = await seedExportData(t);
    sessionOf = await signedInRoles(t, ['admin']);
    tmp = makeTempDir('quiosco-export-audit-');
  });
  afterAll(async () => {
    tmp.remove();
    await t.close();
    restore();
    await database.drop();
  });

  /** Every export's entries, oldest first. */
  const exportEntries = async () =>
    (await listAudit(t.server.db))
      .filter((a) => a.action === 'export' || a.action === 'personal_data_read')
      .map(({ actor, action, detail }) => ({ actor, action, detail }))
      .reverse();

  it('audits an export with personal data as the console audits the same export', async () => {
    const eventId = seeded.eventId;
    const url = `console/api/exports/${SURVEY}?event=${eventId}&format=xlsx&anonymised=false`;
    const download = await fetch(new URL(url, t.url), { headers: { cookie: sessionOf('admin').cookie } });
    await download.arrayBuffer();
    expect(download.status).toBe(200);
    const byConsole = await exportEntries();
    expect(byConsole.map((e) => [e.actor, e.action])).toEqual([
      ['admin', 'export'],
      ['admin', 'personal_data_read'],
    ]);

    const out = join(tmp.path, 'encuesta.xlsx');
    const run = await quiosco(
      'export',
      '--form',
      SURVEY,
      '--event',
      eventId,
      '--format',
      'xlsx',
      '--out',
      out,
    );
    expect(run.code, run.err).toBe(0);
    const detail = {
      via: 'cli',
      formId: SURVEY,
      event: eventId,
      format: 'xlsx',
      values: 'codes',
      multi: 'both',
      revisions: 'current',
      anonymised: false,
    };
    const byCli = (await exportEntries()).slice(2);
    expect(byCli).toEqual([
      { actor: ACTOR, action: 'export', detail },
      { actor: ACTOR, action: 'personal_data_read', detail },
    ]);
    // The same entries as the console's, but for who and by which way.
    expect(byConsole.map((e) => ({ ...e.detail, via: 'cli' }))).toEqual([detail, detail]);
  });

  it('audits an anonymised export without a personal-data read, and a refused one not at all', async () => {
    const before = (await exportEntries()).length;
    const out = join(tmp.path, 'anon.csv');
    const run = await quiosco('export', '--form', SURVEY, '--anonymised', '--complete-only', '--out', out);
    expect(run.code, run.err).toBe(0);
    const missing = await quiosco('export', '--form', 'no_such_form', '--out', join(tmp.path, 'x.csv'));
    expect([missing.code, missing.err]).toEqual([1, 'quiosco export: no form no_such_form\n']);
    expect((await exportEntries()).slice(before)).toEqual([
      {
        actor: ACTOR,
        action: 'export',
        detail: {
          via: 'cli',
          formId: SURVEY,
          format: 'csv',
          values: 'codes',
          multi: 'both',
          revisions: 'current',
          complete: true,
          anonymised: true,
        },
      },
    ]);
  });
});
