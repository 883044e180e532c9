// Opens the server database a command names (--data DIR or DATABASE_URL), runs the work, closes it;
// a module of its own so that commands can share it without importing each other.
import { openServerDatabase, type ServerDb } from '../../sync-server/db/server-database';
import { SyncError } from '../../sync-server/sync-error';
import { CliFailure } from '../cli-io';
import { asCliFailure, serverDatabaseConfig } from './server-database-config';

export async function withDatabase<T>(
  data: string | undefined,
  work: (s: ServerDb) => Promise<T>,
): Promise<T> {
  const config = serverDatabaseConfig(data);
  let s: ServerDb;
  try {
    s = await openServerDatabase(config);
  } catch (e) {
    throw asCliFailure(e);
  }
  try {
    return await work(s);
  } catch (e) {
    if (e instanceof SyncError) throw new CliFailure(e.message);
    throw e;
  } finally {
    await s.close();
  }
}
