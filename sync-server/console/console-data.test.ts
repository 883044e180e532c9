// The console's data table and photos, and the audit of every read of personal data (console
// and /v1: exports, record pages, photos), over real HTTP on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataResponseSchema } from '../../shared/console/data-api';
import type { Role } from '../../shared/sync/admin-api';
import { ErrorBodySchema, HEADERS, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { HERITAGE, SURVEY } from '../exports/testing/export-fixtures';
import { seedFieldRecords, type FieldRecords } from '../exports/testing/field-record-fixtures';
import { DB_KINDS, openServerForTest, surveyChanges, type TestServer } from '../testing/test-server';
import { listAudit, type AuditEntry } from './audit';
import { createUser } from './accounts';
import { signedIn, type SignedIn } from './testing/signed-in';

type ConsoleSession = SignedIn;
const PASSWORD = 'correct horse battery';
async function consoleSession(t: TestServer, role: Role): Promise<SignedIn> {
  await createUser(t.server.db, { username: role, role, password: PASSWORD });
  return signedIn(t, role, PASSWORD);
}

describe.each(DB_KINDS)('console data on %s', (kind) => {
  let t: TestServer;
  let field: FieldRecords;
  let surveyEvent: string;
  let surveyIds: string[];
  let admin: ConsoleSession;
  let statistician: ConsoleSession;
  let coordinator: ConsoleSession;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    field = await seedFieldRecords(t);
    surveyEvent = await t.createEvent(['encuesta-impacto-economico']);
    const device = await t.enrol(surveyEvent, 'Entrada norte');
    const changes = surveyChanges(device, 1, 7);
    const pushed = await t.call('POST', '/v1/sync/push', {
      token: device.token,
      body: { deviceId: device.deviceId, changes },
    });
    expect(pushed.status).toBe(200);
    surveyIds = changes.map((c) => c.id).sort();
    admin = await consoleSession(t, 'admin');
    statistician = await consoleSession(t, 'statistician');
    coordinator = await consoleSession(t, 'coordinator');
  });
  afterAll(() => t.close());

  const get = (path: string, session: ConsoleSession) =>
    t.call('GET', `/console/api${path}`, { headers: { cookie: session.cookie } });
  const data = async (path: string, session: ConsoleSession) => {
    const r = await get(path, session);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return DataResponseSchema.parse(r.body);
  };
  /** Audit entries written while `work` ran, oldest first. */
  async function auditedBy(work: () => Promise<unknown>): Promise<AuditEntry[]> {
    const before = (await listAudit(t.server.db, 10_000)).length;
    await work();
    const after = await listAudit(t.server.db, 10_000);
    return after.slice(0, after.length - before).reverse();
  }

  it('pages by id (keyset): every record once, in order, with a next cursor until the last page', async () => {
    const seen: string[] = [];
    const pages: number[] = [];
    let after: string | null = null;
    do {
      const cursor: string = after === null ? '' : `&after=${after}`;
      const page = await data(`/data/${SURVEY}?event=${surveyEvent}&limit=3${cursor}`, statistician);
      seen.push(...page.records.map((r) => r.id));
      pages.push(page.records.length);
      after = page.next;
    } while (after !== null);
    expect(pages).toEqual([3, 3, 1]);
    expect(seen).toEqual(surveyIds);
  });

  it('applies the export filters: dates at the time zone, current revisions, kiosk by id', async () => {
    const { a1, a2, b2, b3, c1 } = field.revisions;
    const from = `/data/${HERITAGE}?event=${field.eventId}&from=2026-11-21&utc-offset=-06:00`;
    const page = await data(from, admin);
    expect(page.records.map((r) => r.id)).toEqual([a2.id, b2.id, b3.id].sort());
    // Times as the chosen offset shows them.
    expect(page.records.find((r) => r.id === a2.id)?.createdAt).toBe('2026-11-21T10:00:00.000-06:00');
    const all = await data(`/data/${HERITAGE}?event=${field.eventId}&revisions=all`, admin);
    expect(all.records).toHaveLength(6);
    expect(all.records.find((r) => r.id === a1.id)).toMatchObject({ revision: 1, current: false });
    const otherKiosk = '0190a6f1-0000-7000-8000-000000000000';
    expect(
      (await data(`/data/${HERITAGE}?event=${field.eventId}&kiosk=${otherKiosk}`, admin)).records,
    ).toEqual([]);
    const byKiosk = await data(
      `/data/${HERITAGE}?event=${field.eventId}&kiosk=${field.device.deviceId}`,
      admin,
    );
    expect(byKiosk.records.map((r) => r.kiosk)).toContain('Tableta de campo');
    expect(byKiosk.records.map((r) => r.id)).toContain(c1.id);
  });

  it('anonymises for statisticians: no personal columns, no photos, nothing audited', async () => {
    const written = await auditedBy(async () => {
      const page = await data(`/data/${HERITAGE}?event=${field.eventId}`, statistician);
      expect(page.anonymised).toBe(true);
      expect(page.columns.map((c) => c.name)).not.toContain('nombre_portador');
      // The photos' repeat stays (its count and captions are not personal), the photos do not.
      expect(page.columns.map((c) => c.name)).toContain('fotos');
      expect(page.records.every((r) => r.photos.length === 0)).toBe(true);
      expect(JSON.stringify(page)).not.toContain('Doña Rosa');
    });
    expect(written).toEqual([]);
    const photo = await get(`/photos/${field.photos.small.name}`, statistician);
    expect(photo.status).toBe(403);
    expect(ErrorBodySchema.parse(photo.body).error.code).toBe('forbidden');
    expect((await get(`/data/${HERITAGE}?event=${field.eventId}`, coordinator)).status).toBe(403);
  });

  it('shows an admin personal data and photos, and audits who saw which records and columns', async () => {
    let ids: string[] = [];
    const written = await auditedBy(async () => {
      const page = await data(`/data/${HERITAGE}?event=${field.eventId}`, admin);
      expect(page.anonymised).toBe(false);
      expect(page.records[0]?.values.nombre_portador).toBe('Doña Rosa Martínez');
      expect(page.records.find((r) => r.id === field.revisions.a2.id)?.photos).toEqual([
        { name: field.photos.small.name, complete: true },
      ]);
      // A photo still on the tablet is named, and said to be incomplete.
      expect(page.records.find((r) => r.id === field.revisions.b2.id)?.photos).toEqual([
        { name: field.photos.large.name, complete: true },
        { name: field.photos.missing.name, complete: false },
      ]);
      // The hostile photo name of c1 is not a stored photo's: never linked.
      expect(page.records.find((r) => r.id === field.revisions.c1.id)?.photos).toEqual([
        { name: field.photos.unpublished.name, complete: true },
      ]);
      ids = page.records.map((r) => r.id);
    });
    expect(written).toEqual([
      expect.objectContaining({
        actor: 'admin',
        action: 'personal_data_read',
        detail: expect.objectContaining({ via: 'console', formId: HERITAGE, records: ids }),
      }),
    ]);
    expect(written[0]?.detail.columns).toEqual(expect.arrayContaining(['nombre_portador', 'foto']));
    const photo = await auditedBy(async () => {
      const r = await fetch(new URL(`console/api/photos/${field.photos.small.name}`, t.url), {
        headers: { cookie: admin.cookie },
      });
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('no-store');
      expect(Buffer.from(await r.arrayBuffer()).equals(field.photos.small.bytes)).toBe(true);
    });
    expect(photo).toEqual([
      expect.objectContaining({
        actor: 'admin',
        action: 'personal_data_read',
        detail: expect.objectContaining({ via: 'console', photo: field.photos.small.name }),
      }),
    ]);
  });

  it('refuses bad filters with the exact error and audits nothing', async () => {
    const written = await auditedBy(async () => {
      const swapped = await get(
        `/data/${HERITAGE}?event=${field.eventId}&from=2026-11-22&to=2026-11-21`,
        admin,
      );
      expect(swapped.status).toBe(400);
      expect(ErrorBodySchema.parse(swapped.body).error).toMatchObject({
        code: 'invalid_input',
        message: 'from: 2026-11-22 is after to: 2026-11-21',
        field: 'from',
      });
      const big = await get(`/data/${HERITAGE}?event=${field.eventId}&limit=100000`, admin);
      expect(big.status).toBe(400);
      expect(ErrorBodySchema.parse(big.body).error.field).toBe('limit');
      const missing = await get(`/data/no_such_form?event=${field.eventId}`, admin);
      expect(missing.status).toBe(404);
      const photo = await get(`/photos/${field.photos.missing.name}`, admin);
      expect(photo.status).toBe(404);
    });
    expect(written).toEqual([]);
  });
});

describe.each(DB_KINDS)('personal-data reads on /v1 are audited on %s', (kind) => {
  let t: TestServer;
  let field: FieldRecords;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    field = await seedFieldRecords(t);
  });
  afterAll(() => t.close());

  async function auditedBy(work: () => Promise<unknown>): Promise<AuditEntry[]> {
    const before = (await listAudit(t.server.db, 10_000)).length;
    await work();
    const after = await listAudit(t.server.db, 10_000);
    return after.slice(0, after.length - before).reverse();
  }
  const read = (path: string, token: string) =>
    fetch(new URL(path.slice(1), t.url), {
      headers: {
        authorization: `Bearer ${token}`,
        [HEADERS.protocol]: String(PROTOCOL_VERSION),
        [HEADERS.app]: 'audit-test/1',
      },
    });

  it('exports: anonymised=false by an API token is a personal-data read named by the token', async () => {
    const token = await t.tokenFor('admin');
    const written = await auditedBy(async () => {
      const r = await read(`/v1/exports/${HERITAGE}?event=${field.eventId}&anonymised=false`, token);
      expect(r.status).toBe(200);
      await r.text();
    });
    expect(written.map((a) => [a.actor, a.action, a.detail.via, a.detail.anonymised])).toEqual([
      ['test admin', 'export', 'api', false],
      ['test admin', 'personal_data_read', 'api', false],
    ]);
    const anonymous = await auditedBy(async () => {
      const r = await read(
        `/v1/exports/${HERITAGE}?event=${field.eventId}`,
        await t.tokenFor('statistician'),
      );
      expect(r.status).toBe(200);
      await r.text();
    });
    expect(anonymous.map((a) => [a.actor, a.action])).toEqual([['test statistician', 'export']]);
  });

  it('record pages: each page an admin reads names its records; statisticians (anonymised) are not audited', async () => {
    const written = await auditedBy(async () => {
      const r = await t.call('GET', `/v1/submissions?eventId=${field.eventId}&limit=2`, {
        token: await t.tokenFor('admin'),
      });
      expect(r.status).toBe(200);
    });
    const ids = Object.values(field.revisions)
      .map((p) => p.id)
      .sort();
    expect(written).toEqual([
      expect.objectContaining({
        actor: 'test admin',
        action: 'personal_data_read',
        detail: {
          via: 'api',
          eventId: field.eventId,
          records: 2,
          firstId: ids[0],
          lastId: ids[1],
          columns: 'all',
        },
      }),
    ]);
    const anonymous = await auditedBy(async () => {
      const r = await t.call('GET', `/v1/submissions?eventId=${field.eventId}`, {
        token: await t.tokenFor('statistician'),
      });
      expect(r.status).toBe(200);
    });
    expect(anonymous).toEqual([]);
  });

  it('photos: a person reading one is audited with its name; a refused read is not', async () => {
    const written = await auditedBy(async () => {
      const r = await read(`/v1/attachments/${field.photos.small.name}`, await t.tokenFor('admin'));
      expect(r.status).toBe(200);
      await r.arrayBuffer();
      const refused = await read(
        `/v1/attachments/${field.photos.small.name}`,
        await t.tokenFor('statistician'),
      );
      expect(refused.status).toBe(403);
    });
    expect(written).toEqual([
      expect.objectContaining({
        actor: 'test admin',
        action: 'personal_data_read',
        detail: { via: 'api', photo: field.photos.small.name },
      }),
    ]);
  });
});
