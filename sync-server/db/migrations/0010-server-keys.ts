import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../schema';
import { tableCreator, type ServerMigration } from './migration';

/**
 * The server's own key pairs, kept in the database so every server of one database uses the same
 * ones and a backup carries them: for now the X25519 key kiosks seal USB bundles to
 * (bundle/server-bundle-key.ts). One is current per purpose (what kiosks are told); older ones
 * (a bundle-key.pem file of another server of the same database) stay to open bundles sealed to them.
 */
export const serverKeys: ServerMigration = {
  version: 10,
  name: 'server-keys',
  async up(db: Kysely<unknown>, kind: DatabaseKind) {
    await tableCreator(db, kind)('server_keys', (t) =>
      t
        // SHA-256 (hex) of the raw public key: what a sealed bundle's header names.
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose IN ('bundle')`))
        .addColumn('public_key', 'text', (c) => c.notNull())
        // PKCS #8 PEM: a secret, read only by the code that opens bundles.
        .addColumn('private_key', 'text', (c) => c.notNull())
        .addColumn('is_current', 'integer', (c) => c.notNull().check(sql`is_current IN (0, 1)`))
        .addColumn('created_at', 'text', (c) => c.notNull()),
    );
    // One current key per purpose: two servers making one at once, the second insert does nothing.
    await sql`CREATE UNIQUE INDEX server_keys_current ON server_keys (purpose) WHERE is_current = 1`.execute(
      db,
    );
  },
};
