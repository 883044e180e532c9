// The server schema a backup was made with, read before anything is replaced: this release cannot
// open a database of a newer schema, so restoring one would leave a server that does not start and
// a database whose audit entry cannot be written.
import { MIGRATIONS } from '../../sync-server/db/migrate';
import { CliFailure } from '../cli-io';

/** The newest server schema this release's migrations know. */
export const KNOWN_SCHEMA = MIGRATIONS.at(-1)?.version ?? 0;

/** Refuses a backup of a newer schema than this release's; `found` is undefined when it has none. */
export function refuseNewerSchema(from: string, found: number | undefined): void {
  if (found !== undefined && found > KNOWN_SCHEMA)
    throw new CliFailure(
      `${from} has server schema version ${found}, newer than this release's (${KNOWN_SCHEMA}): ` +
        'restore it with the quiosco release that made it (or a newer one); nothing was replaced',
    );
}

/**
 * The newest version among a PostgreSQL backup's schema_migrations rows, from what
 * `pg_restore --data-only --table=schema_migrations --file=-` prints: one COPY block of
 * tab-separated rows ending with `\.`. Undefined when the backup has no such table.
 */
export function pgDumpSchema(restoreScript: string): number | undefined {
  const lines = restoreScript.split('\n');
  const start = lines.findIndex((line) => /^COPY \S*schema_migrations \(/.test(line));
  if (start < 0) return undefined;
  const columns = /\(([^)]*)\)/.exec(lines[start] ?? '')?.[1]?.split(', ') ?? [];
  const at = columns.indexOf('version');
  const end = lines.indexOf('\\.', start);
  if (at < 0 || end < 0) return undefined;
  const versions = lines.slice(start + 1, end).map((row) => Number(row.split('\t')[at]));
  return Math.max(0, ...versions.filter(Number.isInteger));
}
