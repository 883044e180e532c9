// The console's tables (migration 5) as Kysely sees them, added to the server's own typed view.
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/sync/admin-api';
import type { Database } from '../db/schema';
import type { ServerDb } from '../db/server-database';

export type ConsoleTables = {
  users: {
    id: string;
    username: string;
    role: Role;
    /** scrypt$N$r$p$salt$hash (passwords.ts). */
    password_hash: string;
    created_at: string;
    disabled_at: string | null;
    failed_sign_ins: number;
    locked_until: string | null;
  };
  sessions: {
    token_hash: string;
    user_id: string;
    csrf_token: string;
    created_at: string;
    expires_at: string;
  };
  audit_log: { id: string; at: string; actor: string; action: string; detail: string };
};

export const consoleDb = (s: ServerDb): Kysely<Database & ConsoleTables> => s.db.withTables<ConsoleTables>();
