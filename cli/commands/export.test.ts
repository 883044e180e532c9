// `quiosco export` on SQLite (--data) and PostgreSQL (DATABASE_URL), run in-process with its
// output captured, against the database a real server filled through real pushes; audited as
// the console's exports are (export, and personal_data_read with personal data), under cli:<user>.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/sync/admin-api';
import { listAudit } from '../../sync-server/console/audit';
import { signedInRoles, type SignedIn } from '../../sync-server/console/testing/signed-in';
import { quioscoOn } from '../testing/run-quiosco';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import {
  HERITAGE,
  REGISTRATION,
  SURVEY,
  seedExportData,
  type SeededExport,
} from '../../sync-server/exports/testing/export-fixtures';
import { column, csvTable } from '../../sync-server/exports/testing/read-back';
import { readZip } from '../../sync-server/exports/testing/read-zip';
import {
  createTestDatabase,
  DB_KINDS,
  openServerForTest,
  type TestDatabase,
  type TestServer,
} from '../../sync-server/testing/test-server';

describe.each(DB_KINDS)('quiosco export on %s', (kind) => {
  let database: TestDatabase;
  let test: TestServer;
  let seeded: SeededExport;
  let sessionOf: (role: Role) => SignedIn;
  let tmp: ReturnType<typeof makeTempDir>;
  let savedUrl: string | undefined;

  const quiosco = quioscoOn(() => database.config);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    test = await openServerForTest(kind, { database: database.config });
    seeded = await seedExportData(test);
    sessionOf = await signedInRoles(test, ['admin']);
  });
  afterAll(async () => {
    await test.close();
    await database.drop();
  });
  beforeEach(() => {
    savedUrl = process.env.DATABASE_URL;
    if (database.config.kind === 'postgres') process.env.DATABASE_URL = database.config.url;
    else delete process.env.DATABASE_URL;
    tmp = makeTempDir('quiosco-export-');
  });
  afterEach(() => {
    tmp.remove();
    if (savedUrl === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = savedUrl;
  });

  it('writes a CSV file and says how many records it holds', async () => {
    const out = join(tmp.path, 'encuesta.csv');
    const run = await quiosco('export', '--form', SURVEY, '--event', seeded.eventId, '--out', out);
    expect(run).toMatchObject({ code: 0, out: '' });
    expect(run.err).toMatch(
      new RegExp(`^Exported 4 records of ${SURVEY} to .*encuesta\\.csv in \\d+\\.\\d s\\.\\n$`),
    );
    expect(column(csvTable(readFileSync(out)), 'submission_id')).toEqual(
      seeded.stored.get(SURVEY)?.map((p) => p.id),
    );
    expect(readdirSync(tmp.path)).toEqual(['encuesta.csv']);
    // Personal data may be in it: readable by its owner only, whatever the umask.
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('takes every option: labels, values, multi, kiosk, dates, offset, anonymised', async () => {
    const out = join(tmp.path, 'registro.csv');
    const run = await quiosco(
      'export',
      '--form',
      REGISTRATION,
      '--format',
      'csv',
      '--kiosk',
      seeded.devices[0]?.deviceId ?? '',
      '--from',
      '2026-11-20',
      '--to',
      '2026-11-20',
      // A value starting with a dash goes after "=" (node:util parseArgs).
      '--utc-offset=-06:00',
      '--labels',
      'en',
      '--values',
      'labels',
      '--multi',
      'columns',
      '--anonymised',
      '--out',
      out,
    );
    expect(run.code, run.err).toBe(0);
    const csv = csvTable(readFileSync(out));
    expect(csv.rows).toHaveLength(1);
    expect(column(csv, 'How are you visiting?')).toEqual(['On my own']);
    expect(column(csv, 'What interests you at the Fair?: Workshops')).toEqual(['1']);
    expect(csv.header).not.toContain('Full name');
    expect(csv.header).not.toContain('What interests you at the Fair?');
    expect(column(csv, 'Created (kiosk clock)')).toEqual(['2026-11-20T11:00:00.000-06:00']);
  });

  it('writes a repeat table with --table, and says which tables a CSV leaves out', async () => {
    const main = await quiosco('export', '--form', HERITAGE, '--out', join(tmp.path, 'main.csv'));
    expect(main.err).toContain(
      'This form also has the repeat tables ingredientes, fotos: export each with --table NAME, or use --format xlsx or zip.',
    );
    const out = join(tmp.path, 'ingredientes.csv');
    expect((await quiosco('export', '--form', HERITAGE, '--table', 'ingredientes', '--out', out)).code).toBe(
      0,
    );
    expect(column(csvTable(readFileSync(out)), 'instance')).toEqual(['1', '2', '3']);
    // One row per ingredient: the message counts rows, not records.
    const run = await quiosco('export', '--form', HERITAGE, '--table', 'ingredientes', '--out', out);
    expect(run.err).toMatch(/^Exported 3 rows of table ingredientes \(from \d+ records\) of /);
  });

  it('writes the ZIP bundle, XLSX, JSON Lines and the report', async () => {
    for (const format of ['zip', 'xlsx', 'jsonl', 'report']) {
      const out = join(tmp.path, `export.${format}`);
      const run = await quiosco('export', '--form', SURVEY, '--format', format, '--out', out);
      expect(run.code, run.err).toBe(0);
      expect(existsSync(out)).toBe(true);
    }
    expect([...readZip(readFileSync(join(tmp.path, 'export.zip'))).keys()]).toContain(`${SURVEY}.R`);
    expect(readFileSync(join(tmp.path, 'export.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(4);
  });

  it('keeps complete records only with --complete-only', async () => {
    const out = join(tmp.path, 'completas.csv');
    const run = await quiosco('export', '--form', SURVEY, '--complete-only', '--out', out);
    expect(run.code, run.err).toBe(0);
    const complete = (seeded.stored.get(SURVEY) ?? []).filter((p) => p.complete).map((p) => p.id);
    expect(complete).toHaveLength(3);
    expect(column(csvTable(readFileSync(out)), 'submission_id')).toEqual(complete);
  });

  it('keeps published records only with --published-only, and reads --revisions', async () => {
    const out = join(tmp.path, 'publicable.csv');
    const run = await quiosco(
      'export',
      '--form',
      HERITAGE,
      '--published-only',
      '--revisions',
      'all',
      '--out',
      out,
    );
    expect(run.code, run.err).toBe(0);
    const [published] = seeded.stored.get(HERITAGE) ?? [];
    const csv = csvTable(readFileSync(out));
    expect(column(csv, 'submission_id')).toEqual([published?.id]);
    expect(column(csv, 'consiente_publicacion')).toEqual(['si']);

    const bad = await quiosco('export', '--form', HERITAGE, '--revisions', 'latest', '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^quiosco export: --revisions: /);
    const survey = await quiosco(
      'export',
      '--form',
      SURVEY,
      '--published-only',
      '--out',
      join(tmp.path, 'x.csv'),
    );
    expect(survey).toMatchObject({
      code: 1,
      err: `quiosco export: published-only: form ${SURVEY} has no publication-consent question (a select_one named consiente_publicacion in the main table)\n`,
    });
  });

  it('refuses bad options with usage help, and a missing form without leaving a file', async () => {
    const noForm = await quiosco('export', '--out', join(tmp.path, 'x.csv'));
    expect(noForm).toMatchObject({ code: 2 });
    expect(noForm.err).toBe('quiosco export: --form is required\nRun "quiosco export --help" for usage.\n');

    const badFormat = await quiosco(
      'export',
      '--form',
      SURVEY,
      '--format',
      'sav',
      '--out',
      join(tmp.path, 'x'),
    );
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toMatch(/^quiosco export: --format: /);

    const badDate = await quiosco(
      'export',
      '--form',
      SURVEY,
      '--from',
      '20/11/2026',
      '--out',
      join(tmp.path, 'x'),
    );
    expect(badDate.err).toMatch(
      /^quiosco export: --from: a date YYYY-MM-DD or an ISO 8601 time with offset\n/,
    );

    const reversed = await quiosco(
      'export',
      '--form',
      SURVEY,
      '--from',
      '2026-11-22',
      '--to',
      '2026-11-20',
      '--out',
      join(tmp.path, 'x.csv'),
    );
    expect(reversed).toMatchObject({ code: 2 });
    expect(reversed.err).toMatch(/^quiosco export: --from: 2026-11-22 is after to: 2026-11-20\n/);

    const unknown = await quiosco('export', '--form', 'no_such_form', '--out', join(tmp.path, 'x.csv'));
    expect(unknown).toMatchObject({ code: 1, err: 'quiosco export: no form no_such_form\n' });
    expect(readdirSync(tmp.path)).toEqual([]);

    const help = await quiosco('export', '--help');
    expect(help.out).toContain('Usage: quiosco export --form FORM --out FILE');
  });

  /** Every export's audit entries from the `from`th on, oldest first. */
  const exportEntries = async (from = 0) =>
    (await listAudit(test.server.db))
      .filter((a) => a.action === 'export' || a.action === 'personal_data_read')
      .map(({ actor, action, detail }) => ({ actor, action, detail }))
      .reverse()
      .slice(from);
  const CLI = `cli:${userInfo().username}`;

  it('is audited as the console audits the same export: export and personal_data_read', async () => {
    const from = (await exportEntries()).length;
    const eventId = seeded.eventId;
    const url = `console/api/exports/${SURVEY}?event=${eventId}&format=xlsx&anonymised=false`;
    const download = await fetch(new URL(url, test.url), { headers: { cookie: sessionOf('admin').cookie } });
    await download.arrayBuffer();
    expect(download.status).toBe(200);
    const byConsole = await exportEntries(from);
    expect(byConsole.map((e) => [e.actor, e.action])).toEqual([
      ['admin', 'export'],
      ['admin', 'personal_data_read'],
    ]);

    const options = ['--form', SURVEY, '--event', eventId, '--format', 'xlsx'];
    const run = await quiosco('export', ...options, '--out', join(tmp.path, 'encuesta.xlsx'));
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
    expect(await exportEntries(from + 2)).toEqual([
      { actor: CLI, action: 'export', detail },
      { actor: CLI, action: 'personal_data_read', detail },
    ]);
    // The console's entries for the same export, but for who and which way.
    expect(byConsole.map((e) => ({ ...e.detail, via: 'cli' }))).toEqual([detail, detail]);
  });

  it('audits an anonymised export without a personal-data read, and a refused one not at all', async () => {
    const from = (await exportEntries()).length;
    const anonymised = ['--form', SURVEY, '--anonymised', '--complete-only'];
    const run = await quiosco('export', ...anonymised, '--out', join(tmp.path, 'anon.csv'));
    expect(run.code, run.err).toBe(0);
    const missing = await quiosco('export', '--form', 'no_such_form', '--out', join(tmp.path, 'x.csv'));
    expect([missing.code, missing.err]).toEqual([1, 'quiosco export: no form no_such_form\n']);
    const detail = {
      via: 'cli',
      formId: SURVEY,
      format: 'csv',
      values: 'codes',
      multi: 'both',
      revisions: 'current',
      complete: true,
      anonymised: true,
    };
    expect(await exportEntries(from)).toEqual([{ actor: CLI, action: 'export', detail }]);
  });
});
