// Brings a database to the schema this build expects. Migrations are numbered, forward-only and
// compiled into the program (the CLI and the Electron main process are bundled, so no directory scan).
import type { Db } from './open-database';
import type { Migration } from './migrations/migration';
import { initial } from './migrations/0001-initial';
import { sync } from './migrations/0002-sync';
import { door } from './migrations/0003-door';
import { fieldRecords } from './migrations/0004-field-records';
import { pinLockout } from './migrations/0005-pin-lockout';
import { syncTrust } from './migrations/0006-sync-trust';
import { branding } from './migrations/0007-branding';
import { mediaAttachments } from './migrations/0008-media-attachments';

export const MIGRATIONS: readonly Migration[] = [
  initial,
  sync,
  door,
  fieldRecords,
  pinLockout,
  syncTrust,
  branding,
  mediaAttachments,
];

declare const migrated: unique symbol;
/** A database that has been brought to the current schema; the stores accept only this. */
export type KioskDb = Db & { readonly [migrated]: true };

export class DatabaseTooNewError extends Error {
  override readonly name = 'DatabaseTooNewError';
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `The kiosk database ${file} has schema version ${found}, but this Quiosco only knows up to version ${supported}. ` +
        'It was written by a newer Quiosco: update Quiosco instead of opening it with this one.',
    );
  }
}

export const schemaVersion = (db: Db): number => Number(db.pragma('user_version', { simple: true }));

/** Applies every pending migration in one transaction: a failure leaves the database as it was. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): KioskDb {
  assertNumbered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const apply = db.transaction(() => {
    const current = schemaVersion(db);
    if (current > latest) throw new DatabaseTooNewError(db.name, current, latest);
    for (const m of migrations) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  });
  // IMMEDIATE: two processes opening a fresh file must not both run the same migration.
  apply.immediate();
  return db as KioskDb;
}

function assertNumbered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration "${m.name}" has version ${m.version}, expected ${i + 1}`);
  });
}
