// The console's audit page over real HTTP on SQLite and PostgreSQL: admins read the log newest
// first, a page at a time, every entry exactly once even when several share a millisecond;
// filters by action, actor and time; other roles get 403; bad queries 400 with the field named;
// reading the log writes nothing to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditActionSchema,
  AuditPageResponseSchema,
  type AuditEntryRow,
} from '../../shared/console/audit-api';
import type { Role } from '../../shared/sync/admin-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { audit } from './audit';
import { consoleDb } from './tables';
import { signedInRoles, type SignedIn } from './testing/signed-in';

/** Seven kiosks revoked in one millisecond: only the id orders them. */
const SAME_MS = '2026-03-02T12:00:00.000Z';

describe.each(DB_KINDS)('console audit page on %s', (kind) => {
  let t: TestServer;
  let as: (role: Role) => SignedIn;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    const s = t.server.db;
    await audit(
      s,
      { actor: 'ana', action: 'event_created', detail: { eventId: 'feria' } },
      new Date('2026-03-01T10:00:00.000Z'),
    );
    for (let i = 1; i <= 7; i++) {
      const detail = { deviceId: `dev-${i}`, name: `Quiosco ${i}` };
      await audit(s, { actor: 'luis', action: 'kiosk_revoked', detail }, new Date(SAME_MS));
    }
    const exported = { via: 'console', formId: 'encuesta', anonymised: true };
    await audit(
      s,
      { actor: 'ana', action: 'export', detail: exported },
      new Date('2026-03-03T09:00:00.000Z'),
    );
    as = await signedInRoles(t, ['admin', 'coordinator', 'statistician']);
  });
  afterAll(() => t.close());

  const errorOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error;
  const page = async (query: Record<string, string>) => {
    const r = await as('admin').call('GET', `/console/api/audit?${new URLSearchParams(query).toString()}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return AuditPageResponseSchema.parse(r.body);
  };
  /** Every entry as stored, newest first, ordered here rather than by the database. */
  const stored = async (): Promise<AuditEntryRow[]> =>
    (await consoleDb(t.server.db).selectFrom('audit_log').selectAll().execute())
      .map((row) => ({
        ...row,
        action: AuditActionSchema.parse(row.action),
        detail: JSON.parse(row.detail) as Record<string, unknown>,
      }))
      .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));

  it('shows an admin every entry newest first, and reading it writes no entry', async () => {
    const before = await stored();
    const { entries, next } = await page({});
    expect(entries).toEqual(before);
    expect(next).toBeNull();
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['statistician', 'sign_in'],
      ['coordinator', 'sign_in'],
      ['admin', 'sign_in'],
      ['ana', 'export'],
      ...Array.from({ length: 7 }, () => ['luis', 'kiosk_revoked']),
      ['ana', 'event_created'],
    ]);
    expect(entries[3]?.detail).toEqual({ via: 'console', formId: 'encuesta', anonymised: true });
    expect(await stored()).toEqual(before);
  });

  it('pages by (at, id): every entry exactly once, the same millisecond split across pages', async () => {
    const all = await stored();
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const { entries, next } = await page({ limit: '3', ...(cursor !== '' && { before: cursor }) });
      seen.push(...entries.map((e) => e.id));
      sizes.push(entries.length);
      cursor = next;
    }
    expect(seen).toEqual(all.map((e) => e.id));
    expect(sizes).toEqual([3, 3, 3, 3]);
    expect(new Set(seen).size).toBe(12);
  });

  it('filters by action, actor and a time range, and pages the filtered list', async () => {
    const revoked = await page({ action: 'kiosk_revoked', limit: '5' });
    expect(revoked.entries.map((e) => e.detail.deviceId)).toHaveLength(5);
    expect(revoked.next).not.toBeNull();
    const rest = await page({ action: 'kiosk_revoked', limit: '5', before: revoked.next ?? '' });
    expect(rest.next).toBeNull();
    const names = [...revoked.entries, ...rest.entries].map((e) => e.detail.name);
    expect(names.toSorted()).toEqual(Array.from({ length: 7 }, (_, i) => `Quiosco ${i + 1}`));
    expect([...revoked.entries, ...rest.entries].every((e) => e.at === SAME_MS && e.actor === 'luis')).toBe(
      true,
    );

    const ana = await page({ actor: 'ana' });
    expect(ana.entries.map((e) => e.action)).toEqual(['export', 'event_created']);
    // A day in Mexico City (UTC-6): from its midnight to the next one.
    const day = await page({ from: '2026-03-02T00:00:00-06:00', to: '2026-03-03T00:00:00-06:00' });
    expect(day.entries.map((e) => e.action)).toEqual(Array.from({ length: 7 }, () => 'kiosk_revoked'));
    const since = await page({ from: '2026-03-03T09:00:00.000Z', actor: 'ana' });
    expect(since.entries.map((e) => e.action)).toEqual(['export']);
    expect((await page({ action: 'ticket_revoked' })).entries).toEqual([]);
  });

  it('is for admins only', async () => {
    for (const role of ['coordinator', 'statistician'] as const) {
      const r = await as(role).call('GET', '/console/api/audit');
      expect([r.status, errorOf(r).message]).toEqual([
        403,
        `The ${role} role may not do this; it needs admin`,
      ]);
    }
    const anonymous = await t.call('GET', '/console/api/audit');
    expect(anonymous.status).toBe(401);
  });

  it('refuses a bad cursor, an unknown action, a bad date and a backwards range', async () => {
    const actions = AuditActionSchema.options.map((a) => `"${a}"`).join('|');
    const cases: [Record<string, string>, string][] = [
      [{ before: 'pagina-2' }, "before: a cursor from the previous page's next"],
      [{ before: '2026-03-02T12:00:00.000Z,aud_x' }, "before: a cursor from the previous page's next"],
      [{ action: 'borrado' }, `action: Invalid option: expected one of ${actions}`],
      [{ from: '2026-03-02' }, 'from: an ISO 8601 time with offset, e.g. 2026-12-07T00:00:00-06:00'],
      [{ to: 'ayer' }, 'to: an ISO 8601 time with offset, e.g. 2026-12-07T00:00:00-06:00'],
      [{ from: '2026-03-03T00:00:00Z', to: '2026-03-02T00:00:00Z' }, 'to: must be later than from'],
      [{ limit: '0' }, 'limit: Too small: expected number to be >=1'],
      [{ tabla: 'users' }, 'query: Unrecognized key: "tabla"'],
    ];
    for (const [query, message] of cases) {
      const r = await as('admin').call('GET', `/console/api/audit?${new URLSearchParams(query).toString()}`);
      expect([query, r.status, errorOf(r).message]).toEqual([query, 400, message]);
    }
  });
});
