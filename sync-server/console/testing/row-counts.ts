// Every table's row count, to prove a walk through the preview wrote nothing on the server.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name } of await db.introspection.getTables()) {
    const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(
      db,
    );
    counts[name] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}
