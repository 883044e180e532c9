// Several server processes on one PostgreSQL, as a deployment runs them: two test servers on one
// new database for the length of a test, both closed and the database dropped after it.
import { createTestDatabase, openServerForTest, type TestServer } from './test-server';

export async function withTwoServersOnOnePostgres(
  work: (a: TestServer, b: TestServer) => Promise<void>,
): Promise<void> {
  const database = await createTestDatabase('postgres');
  const open = () => openServerForTest('postgres', { database: database.config });
  // Settled, not all: one that opened is closed even when the other failed to.
  const [a, b] = await Promise.allSettled([open(), open()]);
  try {
    if (a.status === 'rejected') throw a.reason;
    if (b.status === 'rejected') throw b.reason;
    await work(a.value, b.value);
  } finally {
    await Promise.all(
      [a, b].map((opened) => (opened.status === 'fulfilled' ? opened.value.close() : undefined)),
    );
    await database.drop();
  }
}
