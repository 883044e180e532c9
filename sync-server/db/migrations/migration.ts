import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../schema';

/**
 * One forward-only schema step, run inside a transaction. Migrations use the untyped Kysely
 * because they create the tables the typed one describes.
 */
export type ServerMigration = {
  readonly version: number;
  readonly name: string;
  up(db: Kysely<unknown>, kind: DatabaseKind): Promise<void>;
};
