// /healthz is public: when the database fails it says so in generic words, never the driver's
// (which can name the PostgreSQL host, user and database). Real servers on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../shared/sync/protocol';
import { DATABASE_UNAVAILABLE } from './server';
import { DB_KINDS, openServerForTest, withAdmin, type TestServer } from './testing/test-server';

describe.each(DB_KINDS)('/healthz with a failing database on %s', (kind) => {
  let t: TestServer;
  let name = '';
  beforeAll(async () => {
    t = await openServerForTest(kind);
  });
  afterAll(async () => {
    if (name !== '') await withAdmin((admin) => admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
    await t.close();
  });

  it('answers 503 with a generic word, the detail left out', async () => {
    if (kind === 'postgres') {
      // The database refuses new connections and the server's are ended: PostgreSQL's answer
      // then names the database ("database "quiosco_t_…" is not currently accepting connections").
      const pool = t.server.db.pgPool;
      name = (await pool?.query<{ name: string }>('SELECT current_database() AS name'))?.rows[0]?.name ?? '';
      await withAdmin(async (admin) => {
        await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
          name,
        ]);
      });
    } else {
      await t.server.db.db.destroy();
    }
    const r = await t.call('GET', '/healthz');
    expect([r.status, ErrorBodySchema.parse(r.body).error]).toEqual([
      503,
      { code: 'unavailable', message: DATABASE_UNAVAILABLE },
    ]);
    expect(JSON.stringify(r.body)).not.toMatch(name === '' ? /connection|open/i : new RegExp(name));
  });
});
