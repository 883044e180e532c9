// Real sync servers for tests and benchmarks: on a fresh SQLite directory or a fresh PostgreSQL
// database each, listening on 127.0.0.1, called over real HTTP with fetch.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { demoFormSheets, type DemoForm } from '../../shared/forms/node/demo-forms';
import { SURVEY_LONGEST_PATH } from '../../shared/forms/node/sample-answers';
import type { KioskMode } from '../../shared/kiosk/kiosk-settings';
import type { Role } from '../../shared/sync/admin-api';
import {
  EnrolResponseSchema,
  HEADERS,
  PROTOCOL_VERSION,
  type PushChange,
  type SubmissionPayload,
} from '../../shared/sync/protocol';
import { createApiToken } from '../auth/api-tokens';
import type { DatabaseConfig } from '../db/server-database';
import type { DatabaseKind } from '../db/schema';
import { createEnrolCode } from '../devices/devices-store';
import { addForm, createEvent, readFormSheets } from '../events/events-store';
import { startSyncServer, type SyncAppOptions, type SyncServer, type SyncServerOptions } from '../server';

export const DB_KINDS: readonly DatabaseKind[] = ['sqlite', 'postgres'];

/** An admin connection to an existing database, used only to create and drop test databases. */
export const PG_ADMIN_URL = process.env.QUIOSCO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabase = { config: DatabaseConfig; drop(): Promise<void> };

/**
 * Points DATABASE_URL at this database (unset for SQLite), as the CLI reads it; answers a function
 * that puts back whatever was there before.
 */
export function pointDatabaseUrlAt(config: DatabaseConfig): () => void {
  const saved = process.env.DATABASE_URL;
  if (config.kind === 'postgres') process.env.DATABASE_URL = config.url;
  else delete process.env.DATABASE_URL;
  return () => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  };
}

/** A database of its own: a new temporary directory, or a new PostgreSQL database. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'quiosco-server-'));
    return { config: { kind, dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `quiosco_t_${randomBytes(6).toString('hex')}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    config: { kind, url: url.toString() },
    drop: () => withAdmin((admin) => dropDatabase(admin, name)),
  };
}

/**
 * Drops a test database once its connections are gone. A closed pool's connections finish closing
 * a moment after it says it is done; forcing them at once would make PostgreSQL send them an
 * error. Connections still open after a while (a killed server process) are forced.
 */
async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    const { rows } = await admin.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    if (rows[0]?.n === 0) break;
    await sleep(25);
  }
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await client.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL} (${e instanceof Error ? e.message : String(e)}); ` +
        'start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or set QUIOSCO_TEST_PG_URL',
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type CallOptions = {
  token?: string | undefined;
  body?: unknown;
  /** Send the body gzip-compressed, as kiosks do. */
  gzip?: boolean;
  /** Raw bytes instead of JSON.stringify(body). */
  rawBody?: string | Uint8Array<ArrayBuffer>;
  /** Replaces the default headers of the same name; undefined leaves a header out. */
  headers?: Record<string, string | undefined>;
};

export type CallResult = { status: number; headers: Headers; body: unknown };

export type TestDevice = { deviceId: string; token: string; eventId: string };

export type TestServer = {
  kind: DatabaseKind;
  url: string;
  server: SyncServer;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  /** An API token with this role (one per role, created on first use). */
  tokenFor(role: Role): Promise<string>;
  /** A new event with a unique id; with `forms`, those demo forms attached. */
  createEvent(forms?: DemoForm[]): Promise<string>;
  /** A kiosk enrolled over HTTP into the event (a visitor kiosk unless `mode` says door). */
  enrol(eventId: string, deviceName?: string, mode?: KioskMode): Promise<TestDevice>;
  /** Rows of a table, optionally for one device or event (counts prove nothing else was written). */
  count(
    table: 'submissions' | 'push_rejections' | 'changes' | 'devices',
    where?: { deviceId?: string; eventId?: string },
  ): Promise<number>;
  close(): Promise<void>;
};

export type TestServerOptions = SyncAppOptions &
  Pick<SyncServerOptions, 'keptBundleKey'> & {
    /** Serve an existing database (a second server on the same PostgreSQL) instead of a new one. */
    database?: DatabaseConfig;
    /** The port of a server started again where kiosks know it; default a free one. */
    port?: number;
  };

export async function openServerForTest(
  kind: DatabaseKind,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const own = options.database === undefined ? await createTestDatabase(kind) : undefined;
  const database = options.database ?? (own as TestDatabase).config;
  let server: SyncServer;
  try {
    server = await startSyncServer({
      logLevel: 'silent',
      ...options,
      database,
      host: '127.0.0.1',
      port: options.port ?? 0,
    });
  } catch (e) {
    await own?.drop();
    throw e;
  }
  const s = server.db;
  const tokens = new Map<Role, string>();
  let events = 0;

  const call = async (method: string, path: string, options: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = {
      [HEADERS.protocol]: String(PROTOCOL_VERSION),
      [HEADERS.app]: 'quiosco-test/1',
    };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (body !== undefined && options.gzip) {
      body = new Uint8Array(gzipSync(body));
      headers['content-encoding'] = 'gzip';
    }
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value === undefined) delete headers[name];
      else headers[name] = value;
    }
    const response = await fetch(new URL(path.replace(/^\//, ''), server.url), { method, headers, body });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? undefined : JSON.parse(text),
    };
  };

  const test: TestServer = {
    kind,
    url: server.url,
    server,
    call,
    async tokenFor(role) {
      let token = tokens.get(role);
      if (token === undefined) {
        token = (await createApiToken(s, { role, name: `test ${role}` })).token;
        tokens.set(role, token);
      }
      return token;
    },
    async createEvent(forms = []) {
      const id = `event_${++events}_${randomBytes(3).toString('hex')}`;
      await createEvent(s, { id, name: `Test event ${events}` });
      for (const form of forms) await addForm(s, id, readFormSheets(demoFormSheets(form)));
      return id;
    },
    async enrol(eventId, deviceName = 'Test kiosk', mode) {
      const { code } = await createEnrolCode(s, { eventId });
      const deviceId = uuidv7();
      const response = await call('POST', '/v1/enrol', { body: { code, deviceId, deviceName, mode } });
      if (response.status !== 200) throw new Error(`enrol failed: ${JSON.stringify(response.body)}`);
      const { deviceToken } = EnrolResponseSchema.parse(response.body);
      return { deviceId, token: deviceToken, eventId };
    },
    async count(table, where = {}) {
      let query = s.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
      if (where.deviceId !== undefined) {
        query = query.where(table === 'devices' ? 'id' : 'device_id', '=', where.deviceId);
      }
      if (where.eventId !== undefined) query = query.where('event_id', '=', where.eventId);
      return Number((await query.executeTakeFirstOrThrow()).n);
    },
    async close() {
      await server.close();
      await own?.drop();
    },
  };
  return test;
}

export const SURVEY_FORM = { formId: 'encuesta_impacto_economico', version: '2026110101' } as const;

/** A complete economic-impact survey response from this device, as a kiosk stores it. */
export function surveyPayload(
  device: TestDevice,
  overrides: Partial<SubmissionPayload> = {},
): SubmissionPayload {
  const id = overrides.id ?? uuidv7();
  return {
    id,
    formId: SURVEY_FORM.formId,
    formVersion: SURVEY_FORM.version,
    deviceId: device.deviceId,
    eventId: device.eventId,
    language: 'es',
    complete: true,
    answers: SURVEY_LONGEST_PATH,
    passId: null,
    privacyNoticeVersion: null,
    startedAt: '2026-11-20T16:00:00.000Z',
    createdAt: '2026-11-20T16:03:00.000Z',
    ...overrides,
  };
}

export const HERITAGE_FORM = { formId: 'patrimonio_inmaterial', version: '2026110101' } as const;

/**
 * A complete heritage record (a field record) from this device with these photos (attachment
 * names) in its `fotos` repeat; overrides set the revision fields of an edit.
 */
export function heritagePayload(
  device: TestDevice,
  photos: string[] = [],
  overrides: Partial<SubmissionPayload> = {},
): SubmissionPayload {
  return surveyPayload(device, {
    formId: HERITAGE_FORM.formId,
    formVersion: HERITAGE_FORM.version,
    answers: {
      consiente_registro: 'si',
      consiente_fotos: photos.length > 0 ? 'si' : 'no',
      consiente_publicacion: 'no',
      nombre_portador: 'Teresa Hernández',
      rol_portador: 'cocinera',
      comunidad: 'El Arenal',
      municipio: 'acatlan',
      lenguas: ['espanol'],
      ambito: 'tradicion_oral',
      nombre_practica: 'La leyenda del cerro',
      descripcion: 'Se cuenta en las noches de invierno, alrededor del fogón.',
      ...(photos.length > 0 && { fotos: photos.map((foto) => ({ foto, pie_foto: 'En el patio' })) }),
      riesgo: 'vigente',
      registrado_por: 'Ana',
    },
    ...overrides,
  });
}

/** Outbox rows with seqs from..from+count-1, each a fresh survey response. */
export function surveyChanges(device: TestDevice, from: number, count: number): PushChange[] {
  return Array.from({ length: count }, (_, i) => {
    const payload = surveyPayload(device);
    return { seq: from + i, kind: 'submission' as const, id: payload.id, payload };
  });
}
