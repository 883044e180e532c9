// The `quiosco` command run in-process for tests, pointed at a server database the way a person
// would: --data DIR for SQLite; for PostgreSQL the test has set DATABASE_URL.
import type { DatabaseConfig } from '../../sync-server/db/server-database';
import { pointDatabaseUrlAt } from '../../sync-server/testing/test-server';
import type { CliIo } from '../cli-io';
import { runCli } from '../run-cli';

export type Run = { code: number; out: string; err: string };

export function quioscoOn(database: () => DatabaseConfig): (...argv: string[]) => Promise<Run> {
  return async (...argv) => {
    let out = '';
    let err = '';
    const io: CliIo = { out: (line) => (out += `${line}\n`), err: (line) => (err += `${line}\n`) };
    const config = database();
    const where = config.kind === 'sqlite' ? ['--data', config.dataDir] : [];
    const code = await runCli([...argv, ...where], io);
    return { code, out, err };
  };
}

/** `quiosco server backup --out FILE` of a PostgreSQL database, DATABASE_URL pointed at it meanwhile. */
export async function backUpPostgres(source: DatabaseConfig, file: string): Promise<Run> {
  const undo = pointDatabaseUrlAt(source);
  try {
    return await quioscoOn(() => source)('server', 'backup', '--out', file);
  } finally {
    undo();
  }
}
