// `quiosco admin demo-data` on SQLite (--data) and PostgreSQL (DATABASE_URL), run in-process with
// its output captured, then exported with `quiosco export` as a statistician would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inServerDatabase } from '../testing/database-per-test';
import { quioscoOn } from '../testing/run-quiosco';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import type { ServerDb } from '../../sync-server/db/server-database';
import { column, csvTable, xlsxTables } from '../../sync-server/exports/testing/read-back';
import {
  createTestDatabase,
  DB_KINDS,
  pointDatabaseUrlAt,
  type TestDatabase,
} from '../../sync-server/testing/test-server';
import { DEMO_DATA_USAGE } from './demo-data';

const DEMO_FORMS = fileURLToPath(new URL('../../demo/forms', import.meta.url));
const SURVEY = 'encuesta_impacto_economico';
const REGISTRATION = 'registro_visitantes';
const HERITAGE = 'patrimonio_inmaterial';

describe.each(DB_KINDS)('quiosco admin demo-data on %s', (kind) => {
  let database: TestDatabase;
  let tmp: ReturnType<typeof makeTempDir>;
  let restoreDatabaseUrl: () => void;

  const quiosco = quioscoOn(() => database.config);
  const dataFlag = () => (database.config.kind === 'sqlite' ? ` --data ${database.config.dataDir}` : '');

  /** Counts straight from the server's tables. */
  const inDatabase = <T>(work: (s: ServerDb) => Promise<T>) => inServerDatabase(database.config, work);
  const countRows = (table: 'submissions' | 'devices' | 'changes' | 'push_rejections') =>
    inDatabase(async (s) =>
      Number(
        (
          await s.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    restoreDatabaseUrl = pointDatabaseUrlAt(database.config);
    tmp = makeTempDir('quiosco-demo-data-');
    expect((await quiosco('admin', 'event', 'create', 'feria', '--name', 'Feria de prueba')).code).toBe(0);
    expect((await quiosco('admin', 'form', 'add', '--event', 'feria', DEMO_FORMS)).code).toBe(0);
  });
  afterEach(async () => {
    await database.drop();
    tmp.remove();
    restoreDatabaseUrl();
  });

  it('loads the records of three demo kiosks; the same seed and count again add nothing', async () => {
    const first = await quiosco('admin', 'demo-data', '--event', 'feria', '--count', '60', '--seed', '7');
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const [summary, added, hint] = first.out.trimEnd().split('\n');
    expect(summary).toBe(
      `Demo data of seed 7 for event feria: 60 ${SURVEY}, 2 ${HERITAGE} and 20 ${REGISTRATION} records from 3 demo kiosks.`,
    );
    expect(added).toMatch(/^Added 82 records in \d+\.\d s\.$/);
    expect(hint).toBe(
      `Export them: quiosco export --form FORM --event feria --format xlsx --out FILE${dataFlag()}`,
    );

    const stored = await inDatabase((s) =>
      s.db
        .selectFrom('submissions')
        .select(['form_id', 'device_id', 'device_seq', 'created_at', 'received_at'])
        .orderBy('device_id')
        .orderBy('device_seq')
        .execute(),
    );
    const perForm = (formId: string) => stored.filter((r) => r.form_id === formId).length;
    expect([perForm(SURVEY), perForm(REGISTRATION), perForm(HERITAGE)]).toEqual([60, 20, 2]);
    // Every record arrived after it was saved, each kiosk's seqs gapless from 1, none refused.
    expect(stored.every((r) => Date.parse(r.received_at) > Date.parse(r.created_at))).toBe(true);
    const byDevice = new Map<string, number[]>();
    for (const r of stored)
      byDevice.set(r.device_id, [...(byDevice.get(r.device_id) ?? []), Number(r.device_seq)]);
    for (const seqs of byDevice.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(await countRows('push_rejections')).toBe(0);
    // Festival days only: 19 to 22 November 2026, in Hidalgo (UTC−6).
    const localDay = (time: string) => new Date(Date.parse(time) - 6 * 3_600_000).toISOString().slice(0, 10);
    expect(new Set(stored.map((r) => localDay(r.created_at)))).toEqual(
      new Set(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']),
    );

    const devices = await quiosco('admin', 'device', 'list', '--event', 'feria');
    expect(devices.out.match(/"(.+?)"/g)).toEqual([
      '"Quiosco Entrada (demo)"',
      '"Quiosco Comedor (demo)"',
      '"Tableta de campo (demo)"',
    ]);
    for (const deviceId of byDevice.keys()) expect(devices.out).toContain(`${deviceId}  `);
    expect(devices.out).toContain(
      '"Tableta de campo (demo)"  visitor  event feria  acked seq 2  backlog 0  last push 2026-11-2',
    );

    const tables = { submissions: 82, devices: 3, changes: await countRows('changes') } as const;
    const again = await quiosco('admin', 'demo-data', '--event', 'feria', '--count', '60', '--seed', '7');
    expect(again.code).toBe(0);
    expect(again.out.split('\n')[1]).toBe('All 82 records were there already: nothing added.');
    for (const [table, rows] of Object.entries(tables)) {
      expect(await countRows(table as keyof typeof tables), table).toBe(rows);
    }

    const otherCount = await quiosco(
      'admin',
      'demo-data',
      '--event',
      'feria',
      '--count',
      '61',
      '--seed',
      '7',
    );
    expect(otherCount).toEqual({
      code: 1,
      out: '',
      err:
        'quiosco admin: event feria already has demo data of seed 7 made with another --count: ' +
        'run again with that --count (it adds nothing), or choose another --seed to add a second set\n',
    });
    expect(await countRows('submissions')).toBe(82);

    const otherSeed = await quiosco('admin', 'demo-data', '--event', 'feria', '--count', '60', '--seed', '8');
    expect(otherSeed.out).toMatch(/^Added 82 records in/m);
    expect([await countRows('submissions'), await countRows('devices')]).toEqual([164, 6]);
  });

  it('exports every demo form with rows in every table, accents, emoji and line breaks intact', async () => {
    expect(
      (await quiosco('admin', 'demo-data', '--event', 'feria', '--count', '60', '--seed', '7')).code,
    ).toBe(0);
    const exported = async (formId: string, ...options: string[]) => {
      const out = join(tmp.path, `${formId}-${options.join('')}`);
      const run = await quiosco('export', '--form', formId, '--event', 'feria', ...options, '--out', out);
      expect(run.code, run.err).toBe(0);
      return readFileSync(out);
    };
    const survey = csvTable(await exported(SURVEY));
    expect(survey.rows).toHaveLength(60);
    expect(new Set(column(survey, 'device_name'))).toEqual(
      new Set(['Quiosco Entrada (demo)', 'Quiosco Comedor (demo)']),
    );
    // Not staying overnight: the nights and lodging questions are skipped, so blank.
    const dayTrip = column(survey, 'pernocta').indexOf('no');
    expect([column(survey, 'noches')[dayTrip], column(survey, 'hospedaje')[dayTrip]]).toEqual(['', '']);
    expect(column(survey, 'complete')).toContain('0');
    expect(column(survey, 'comentarios')).toEqual(
      expect.arrayContaining(['Todo bien 😊', 'Más estacionamiento, por favor\ny mejor señalización']),
    );

    const registration = csvTable(await exported(REGISTRATION));
    expect(registration.rows).toHaveLength(20);
    expect(column(registration, 'nombre').some((c) => /[áéíóúñÁÉÍÓÚÑ]/.test(String(c)))).toBe(true);

    const heritage = await xlsxTables(await exported(HERITAGE, '--format', 'xlsx'));
    expect([...heritage.keys()]).toEqual([HERITAGE, 'ingredientes', 'fotos']);
    expect(heritage.get(HERITAGE)?.rows).toHaveLength(2);
    expect(heritage.get('ingredientes')?.rows).toHaveLength(5);
    expect(heritage.get('fotos')?.rows).toHaveLength(6);
    const main = heritage.get(HERITAGE) ?? { header: [], rows: [] };
    expect(column(main, 'aprendio_de')).toContain('Su abuela, "Mamá Tere"');
    expect(column(main, 'descripcion').filter((d) => String(d).includes('\n'))).toHaveLength(1);
    expect(column(heritage.get('fotos') ?? main, 'pie_foto')).toContain('Preparación,\npaso 1');

    const lines = (await exported(REGISTRATION, '--format', 'jsonl')).toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(20);
  });

  it('refuses bad arguments with usage errors (exit 2) and a missing event or form with failures (exit 1)', async () => {
    expect((await quiosco('admin', 'event', 'create', 'vacia', '--name', 'Sin formularios')).code).toBe(0);
    const usage = (message: string) => `quiosco admin: ${message}\nRun "quiosco admin --help" for usage.\n`;
    const cases: [string[], number, string][] = [
      [[], 2, usage('--event is required')],
      [
        ['--event', 'feria', '--count', '0'],
        2,
        usage('--count must be a whole number from 1 to 100000, not "0"'),
      ],
      [
        ['--event', 'feria', '--count', '1e3'],
        2,
        usage('--count must be a whole number from 1 to 100000, not "1e3"'),
      ],
      [
        ['--event', 'feria', '--count', '100001'],
        2,
        usage('--count must be a whole number from 1 to 100000, not "100001"'),
      ],
      [
        ['--event', 'feria', '--seed=-1'],
        2,
        usage('--seed must be a whole number from 0 to 4294967295, not "-1"'),
      ],
      [['--event', 'nope'], 1, 'quiosco admin: no event nope\n'],
      [
        ['--event', 'vacia'],
        1,
        'quiosco admin: event vacia has none of the demo forms (encuesta_impacto_economico, registro_visitantes, ' +
          'patrimonio_inmaterial): attach them first with "quiosco admin form add --event vacia demo/forms"\n',
      ],
    ];
    for (const [args, code, err] of cases) {
      expect(await quiosco('admin', 'demo-data', ...args), args.join(' ')).toEqual({ code, out: '', err });
    }
    const unknown = await quiosco('admin', 'demo-data', '--event', 'feria', '--colour', 'red');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^quiosco admin: Unknown option '--colour'/);
    expect(await countRows('submissions')).toBe(0);
  });

  it('has --help, and admin --help lists it', async () => {
    expect(await quiosco('admin', 'demo-data', '--help')).toEqual({
      code: 0,
      out: `${DEMO_DATA_USAGE}\n`,
      err: '',
    });
    expect((await quiosco('admin', '--help')).out).toContain(
      'demo-data --event EVENT [--count N] [--seed S]',
    );
  });
});
