// `quiosco server restore` writes one entry into the database it restored, under the CLI actor, so
// that whoever reads the log afterwards sees that what comes before it came from a backup; the
// backup's own entries are kept beneath it. A backup of a newer schema is refused before anything
// is replaced; an entry the database refuses is a warning, the data restored. SQLite and
// PostgreSQL (pg_dump / pg_restore).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { audit, listAudit } from '../../sync-server/console/audit';
import {
  createTestDatabase,
  DB_KINDS,
  pointDatabaseUrlAt,
  type TestDatabase,
} from '../../sync-server/testing/test-server';
import type { ServerDb } from '../../sync-server/db/server-database';
import { databasePerTest, inServerDatabase } from '../testing/database-per-test';
import { quioscoOn } from '../testing/run-quiosco';
import { KNOWN_SCHEMA } from './backup-schema';

const ACTOR = `cli:${userInfo().username}`;
const hasPgTools = ['pg_dump', 'pg_restore', 'psql'].every(
  (tool) => spawnSync(tool, ['--version']).status === 0,
);
const kinds = DB_KINDS.filter((kind) => kind === 'sqlite' || hasPgTools);

describe.each(kinds)('quiosco server restore audit on %s', (kind) => {
  const source = databasePerTest(kind);
  let target: TestDatabase;
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(async () => {
    tmp = makeTempDir('quiosco-restore-audit-');
    target = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await target.drop();
    tmp.remove();
  });

  const before = { actor: 'ana', action: 'event_created', detail: { eventId: 'feria' } } as const;
  const entriesOf = async (config: TestDatabase['config']) =>
    (await inServerDatabase(config, (s) => listAudit(s))).map(({ actor, action, detail }) => ({
      actor,
      action,
      detail,
    }));
  /** The source database, with the entry `before` and then `change` made to it, backed up. */
  const backUp = async (change: (s: ServerDb) => Promise<unknown> = async () => {}) => {
    await source.inDatabase(async (s) => {
      await audit(s, before, new Date('2026-11-20T10:00:00Z'));
      await change(s);
    });
    const backup = join(tmp.path, 'quiosco-2026-11-20.backup');
    const backedUp = await source.quiosco('server', 'backup', '--out', backup);
    expect([backedUp.code, backedUp.err]).toEqual([0, '']);
    return backup;
  };
  const restore = async (...argv: string[]) => {
    const undo = pointDatabaseUrlAt(target.config);
    try {
      return await quioscoOn(() => target.config)('server', 'restore', ...argv);
    } finally {
      undo();
    }
  };

  it('writes server_restored into the restored database, above the backup’s own entries', async () => {
    const backup = await backUp();
    const restored = await restore('--from', backup);
    expect([restored.code, restored.err]).toEqual([0, '']);
    const { size, mtime } = statSync(backup);
    expect(await entriesOf(target.config)).toEqual([
      {
        actor: ACTOR,
        action: 'server_restored',
        // The file's name only: where backups are kept is not the log's business.
        detail: {
          backup: 'quiosco-2026-11-20.backup',
          bytes: size,
          backupModifiedAt: mtime.toISOString(),
          database: kind,
        },
      },
      before,
    ]);
  });

  it('refuses a backup of a newer schema before it replaces anything, naming both versions', async () => {
    const newer = KNOWN_SCHEMA + 1;
    const backup = await backUp((s) =>
      s.db
        .insertInto('schema_migrations')
        .values({ version: newer, name: 'a-later-release', applied_at: '2026-11-20T10:00:00.000Z' })
        .execute(),
    );
    const kept = { actor: 'luis', action: 'event_created', detail: { eventId: 'expo' } } as const;
    await inServerDatabase(target.config, (s) => audit(s, kept));
    const files = () => (target.config.kind === 'sqlite' ? readdirSync(target.config.dataDir).sort() : []);
    const filesBefore = files();

    const refused = await restore('--from', backup, '--force');
    expect(refused).toEqual({
      code: 1,
      out: '',
      err:
        `quiosco server restore: ${backup} has server schema version ${newer}, newer than this ` +
        `release's (${KNOWN_SCHEMA}): restore it with the quiosco release that made it (or a newer ` +
        'one); nothing was replaced\n',
    });
    // The database it would have replaced is as it was: no copy kept aside, its own log only.
    expect(files()).toEqual(filesBefore);
    expect(await entriesOf(target.config)).toEqual([kept]);
  });

  it('restores, and warns with exit code 0, when the database refuses the audit entry', async () => {
    // The backup's database refuses new audit entries: so does the database restored from it.
    const backup = await backUp(async (s) => {
      if (s.kind === 'sqlite') {
        await sql`CREATE TRIGGER audit_closed BEFORE INSERT ON audit_log
          BEGIN SELECT RAISE(ABORT, 'the audit log is closed'); END`.execute(s.db);
        return;
      }
      await sql`CREATE FUNCTION audit_closed() RETURNS trigger LANGUAGE plpgsql
        AS $$ BEGIN RAISE EXCEPTION 'the audit log is closed'; END $$`.execute(s.db);
      await sql`CREATE TRIGGER audit_closed BEFORE INSERT ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_closed()`.execute(s.db);
    });

    const restored = await restore('--from', backup);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/^Restored /);
    expect(restored.err).toBe(
      `Warning: ${backup} was restored, but its server_restored audit entry could not be written ` +
        '(the audit log is closed). The restore stands; the audit log will not show it, so note it ' +
        'elsewhere.\n',
    );
    // The data is the backup's.
    expect(await entriesOf(target.config)).toEqual([before]);
  });
});
