/** One forward-only schema step. `version` is the PRAGMA user_version the database has after it. */
export type Migration = { readonly version: number; readonly name: string; readonly sql: string };
