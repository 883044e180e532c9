import type { Migration } from './migration';

export const sync: Migration = {
  version: 2,
  name: 'sync',
  sql: `
-- The kiosk's side of the sync: one row, there from the start. A kiosk is enrolled when it has a
-- server and a device token. The token is kept as given: it is a bearer credential, and whoever
-- can read this file can read every answer in it anyway.
CREATE TABLE sync_state (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  server_url TEXT,
  device_token TEXT,
  event_id TEXT,
  enrolled_at TEXT,
  -- The server's change seq this kiosk has applied through; saved with the applied rows.
  pull_cursor INTEGER NOT NULL DEFAULT 0 CHECK (pull_cursor >= 0),
  -- The server refused the token: no more tries until staff enrol the kiosk again.
  revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
  last_attempt_at TEXT,
  last_success_at TEXT,
  last_error_code TEXT,
  last_error_message TEXT,
  -- Server clock minus kiosk clock at the last exchange; shown to staff, never used for ordering.
  clock_offset_ms INTEGER,
  CHECK ((server_url IS NULL) = (device_token IS NULL)),
  CHECK ((last_error_code IS NULL) = (last_error_message IS NULL))
) STRICT;
INSERT INTO sync_state (singleton) VALUES (1);

-- Outbox rows the server refused for good (same id with other content, say): kept for staff,
-- and acknowledged in the outbox so they never hold up the rows behind them.
CREATE TABLE dead_letters (
  seq INTEGER PRIMARY KEY REFERENCES outbox (seq),
  entity_kind TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  rejected_at TEXT NOT NULL
) STRICT;

-- Events pulled from the server (forms go into the forms table, the kiosk's configuration into settings).
CREATE TABLE events (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`,
};
