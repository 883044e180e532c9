// `quiosco admin` and `quiosco server` on SQLite and PostgreSQL: the commands run in-process with
// their output captured, against the database a real server serves; the server also as a process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quioscoOn } from '../testing/run-quiosco';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import {
  EnrolResponseSchema,
  ErrorBodySchema,
  HEADERS,
  parseEnrolText,
  PROTOCOL_VERSION,
} from '../../shared/sync/protocol';
import { startSyncServer, type SyncServer } from '../../sync-server/server';
import { spawnServerProcess } from '../../sync-server/testing/server-process';
import {
  createTestDatabase,
  DB_KINDS,
  pointDatabaseUrlAt,
  type TestDatabase,
} from '../../sync-server/testing/test-server';
import type { CliIo } from '../cli-io';
import { runCli } from '../run-cli';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DEMO_FORMS = join(PACKAGE_ROOT, 'demo', 'forms');

describe.each(DB_KINDS)('quiosco admin on %s', (kind) => {
  let database: TestDatabase;
  let server: SyncServer;
  let tmp: ReturnType<typeof makeTempDir>;
  let restoreDatabaseUrl: () => void;

  const quiosco = quioscoOn(() => database.config);
  const api = async (path: string, token: string) => {
    const response = await fetch(new URL(path.slice(1), server.url), {
      headers: {
        authorization: `Bearer ${token}`,
        [HEADERS.protocol]: String(PROTOCOL_VERSION),
        [HEADERS.app]: 'test/1',
      },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    restoreDatabaseUrl = pointDatabaseUrlAt(database.config);
    server = await startSyncServer({
      database: database.config,
      host: '127.0.0.1',
      port: 0,
      logLevel: 'silent',
    });
    tmp = makeTempDir('quiosco-admin-');
  });
  afterEach(async () => {
    await server.close();
    await database.drop();
    tmp.remove();
    restoreDatabaseUrl();
  });

  it('creates, lists and revokes API tokens that the running server honours', async () => {
    const created = await quiosco('admin', 'token', 'create', '--role', 'coordinator', '--name', 'Laura');
    expect(created).toMatchObject({ code: 0, err: '' });
    const [, token] = created.out.trim().split('\n');
    expect(token).toMatch(/^qapi_[A-Za-z0-9_-]{43}$/);
    const id = /API token (tok_[0-9a-f]+)/.exec(created.out)?.[1] ?? '';
    expect((await api('/v1/events', token ?? '')).status).toBe(200);

    const list = await quiosco('admin', 'token', 'list');
    expect(list.out).toContain(`${id}  coordinator`);
    expect(list.out).not.toContain(token);

    expect((await quiosco('admin', 'token', 'revoke', id)).code).toBe(0);
    const refused = await api('/v1/events', token ?? '');
    expect(refused.status).toBe(401);
    expect(ErrorBodySchema.parse(refused.body).error.code).toBe('token_revoked');
  });

  it('sets up an event with forms, enrols a kiosk from the printed QR code, assigns and revokes it', async () => {
    expect(
      (await quiosco('admin', 'event', 'create', 'feria_2026', '--name', 'Feria del Libro 2026')).code,
    ).toBe(0);
    const duplicate = await quiosco('admin', 'event', 'create', 'feria_2026', '--name', 'Otra');
    expect(duplicate).toMatchObject({ code: 1, err: 'quiosco admin: event feria_2026 already exists\n' });
    expect((await quiosco('admin', 'event', 'list')).out).toContain('feria_2026  Feria del Libro 2026');

    const forms = await quiosco('admin', 'form', 'add', '--event', 'feria_2026', DEMO_FORMS);
    expect(forms.code).toBe(0);
    expect(forms.out.match(/^Attached: /gm)).toHaveLength(3);
    expect((await quiosco('admin', 'form', 'add', '--event', 'feria_2026', DEMO_FORMS)).out).toMatch(
      /^Already attached: encuesta_impacto_economico version 2026110101/m,
    );

    const png = join(tmp.path, 'enrol.png');
    const code = await quiosco(
      'admin',
      'enrol-code',
      'create',
      '--event',
      'feria_2026',
      '--expires',
      '10m',
      '--server',
      server.url,
      '--png',
      png,
    );
    expect(code.code).toBe(0);
    const printed = /Enrolment code for event feria_2026: (\S+)/.exec(code.out)?.[1];
    expect(printed).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(code.out).toMatch(/[▀▄█]/);
    const image = PNG.sync.read(readFileSync(png));
    const scanned = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? '';
    const parsed = parseEnrolText(scanned);
    expect(parsed).toEqual({ code: printed?.replace(/-/g, ''), server: server.url });

    const deviceId = uuidv7();
    const enrolled = await fetch(new URL('v1/enrol', parsed?.server), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [HEADERS.protocol]: '1', [HEADERS.app]: 'test/1' },
      body: JSON.stringify({ code: parsed?.code, deviceId, deviceName: 'Entrada' }),
    });
    expect(enrolled.status).toBe(200);
    const { deviceToken } = EnrolResponseSchema.parse(await enrolled.json());

    expect((await quiosco('admin', 'device', 'list', '--event', 'feria_2026')).out).toContain(
      `${deviceId}  "Entrada"  visitor  event feria_2026  acked seq 0  backlog unknown  last push never  last seen never`,
    );
    const assigned = await quiosco(
      'admin',
      'device',
      'assign',
      deviceId,
      '--event',
      'feria_2026',
      '--forms',
      'registro_visitantes',
      '--on-idle',
      'keep',
    );
    expect(assigned.out).toBe(`Kiosk ${deviceId} now at feria_2026, offering registro_visitantes.\n`);
    const wrongForm = await quiosco(
      'admin',
      'device',
      'assign',
      deviceId,
      '--event',
      'feria_2026',
      '--forms',
      'nope',
    );
    expect(wrongForm.code).toBe(1);
    expect(wrongForm.err).toContain('form nope is not attached to event feria_2026');

    expect((await quiosco('admin', 'device', 'revoke', deviceId)).code).toBe(0);
    const refused = await api('/v1/sync/pull', deviceToken);
    expect(refused.status).toBe(401);
    expect(ErrorBodySchema.parse(refused.body).error.code).toBe('device_revoked');
  });

  it('refuses bad calls with usage errors (exit 2) and bad data with failures (exit 1)', async () => {
    const cases: [string[], number, string][] = [
      [
        ['admin', 'token', 'create', '--role', 'root', '--name', 'x'],
        2,
        '--role must be one of admin, coordinator, statistician',
      ],
      [['admin', 'token', 'create', '--role', 'admin'], 2, '--name is required'],
      [['admin', 'frobnicate', 'now'], 2, '"frobnicate now" is not an admin command'],
      [
        ['admin', 'enrol-code', 'create', '--event', 'x', '--expires', 'soon'],
        2,
        '--expires must be a number and a unit',
      ],
      [['admin', 'enrol-code', 'create', '--event', 'nope'], 1, 'no event nope'],
      [
        ['admin', 'form', 'add', '--event', 'nope', join(tmp.path, 'missing')],
        1,
        'no such file or directory',
      ],
      [['admin', 'device', 'revoke', uuidv7()], 1, 'no device'],
    ];
    for (const [argv, exit, message] of cases) {
      const run = await quiosco(...argv);
      expect(run.code, argv.join(' ')).toBe(exit);
      expect(run.err, argv.join(' ')).toContain(message);
    }
  });
});

describe('quiosco server', () => {
  it('needs a database: --data or DATABASE_URL, not both', async () => {
    const saved = process.env.DATABASE_URL;
    let err = '';
    const io: CliIo = { out: () => undefined, err: (line) => (err += line) };
    try {
      delete process.env.DATABASE_URL;
      expect(await runCli(['server'], io)).toBe(2);
      expect(err).toContain('--data DIR is required (or set DATABASE_URL to use PostgreSQL)');
      process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1/test';
      err = '';
      expect(await runCli(['server', '--data', '/tmp/x'], io)).toBe(2);
      expect(err).toContain('not both');
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });

  it.each(DB_KINDS)('runs as a process on %s, serves /healthz and stops cleanly on SIGTERM', async (kind) => {
    const database = await createTestDatabase(kind);
    try {
      const server = await spawnServerProcess(database.config, { logLevel: 'info' });
      const health = (await (await fetch(new URL('healthz', server.url))).json()) as {
        status: string;
        db: string;
      };
      expect(health).toMatchObject({ status: 'ok', db: kind });
      expect(await server.stop()).toBe(0);
      // Structured logs: one JSON object per line.
      expect(server.output()).toMatch(/^\{"level":30,.*"url":"\/healthz"/m);
      expect(server.output()).toContain('Quiosco sync server stopped (SIGTERM).');
    } finally {
      await database.drop();
    }
  });
});
