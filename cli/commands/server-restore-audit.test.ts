// `quiosco server restore` writes one entry into the database it restored, under the CLI actor, so
// that whoever reads the log afterwards sees that what comes before it came from a backup; the
// backup's own entries are kept beneath it. SQLite and PostgreSQL (pg_dump / pg_restore).
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { audit, listAudit } from '../../sync-server/console/audit';
import {
  createTestDatabase,
  DB_KINDS,
  pointDatabaseUrlAt,
  type TestDatabase,
} from '../../sync-server/testing/test-server';
import { databasePerTest, inServerDatabase } from '../testing/database-per-test';
import { quioscoOn } from '../testing/run-quiosco';

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

  it('writes server_restored into the restored database, above the backup’s own entries', async () => {
    const before = { actor: 'ana', action: 'event_created', detail: { eventId: 'feria' } } as const;
    await source.inDatabase((s) => audit(s, before, new Date('2026-11-20T10:00:00Z')));
    const backup = join(tmp.path, 'quiosco-2026-11-20.backup');
    const backedUp = await source.quiosco('server', 'backup', '--out', backup);
    expect([backedUp.code, backedUp.err]).toEqual([0, '']);

    const undo = pointDatabaseUrlAt(target.config);
    try {
      const restored = await quioscoOn(() => target.config)('server', 'restore', '--from', backup);
      expect([restored.code, restored.err]).toEqual([0, '']);
    } finally {
      undo();
    }
    const { size, mtime } = statSync(backup);
    const entries = await inServerDatabase(target.config, (s) => listAudit(s));
    expect(entries.map(({ actor, action, detail }) => ({ actor, action, detail }))).toEqual([
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
});
