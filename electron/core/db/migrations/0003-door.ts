import type { Migration } from './migration';

export const door: Migration = {
  version: 3,
  name: 'door',
  sql: `
-- The door stream's own pull cursor: door kiosks pull tickets and scans apart from their set-up.
ALTER TABLE sync_state ADD COLUMN door_cursor INTEGER NOT NULL DEFAULT 0 CHECK (door_cursor >= 0);

-- Each event's check-in rules and capacity, as the coordinator set them on the server.
CREATE TABLE door_config (
  event_id TEXT PRIMARY KEY,
  config TEXT NOT NULL CHECK (json_valid(config))
) STRICT;

-- Public keys that sign an event's tickets (retired ones too: their tickets are refused by name).
CREATE TABLE ticket_keys (
  event_id TEXT NOT NULL,
  key_id INTEGER NOT NULL,
  public_key TEXT NOT NULL,
  retired INTEGER NOT NULL CHECK (retired IN (0, 1)),
  PRIMARY KEY (event_id, key_id)
) STRICT;

-- Tickets the door validates against (box-office imports) or names (issued signed tickets), by
-- ticketKey ("imported:CODE", "signed:ID").
CREATE TABLE tickets (
  ticket_key TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  ticket_type TEXT NOT NULL,
  holder TEXT,
  valid_from TEXT,
  valid_to TEXT
) STRICT, WITHOUT ROWID;

-- Tickets that must not enter: revoked for good, or blocked until the block is lifted.
CREATE TABLE revocations (
  ticket_key TEXT PRIMARY KEY,
  status TEXT NOT NULL CHECK (status IN ('revoked', 'blocked'))
) STRICT;

-- Every scan this door made and every scan of other doors it pulled; immutable once written
-- except server_seq, the server's order, set when the scan comes back from the server.
CREATE TABLE scans (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  ticket_key TEXT,
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  nonce TEXT NOT NULL,
  gate TEXT NOT NULL,
  direction TEXT NOT NULL,
  verdict TEXT NOT NULL,
  local_time TEXT NOT NULL,
  corrected_time TEXT NOT NULL,
  server_seq INTEGER
) STRICT;
CREATE INDEX scans_by_ticket ON scans (ticket_key) WHERE ticket_key IS NOT NULL;
CREATE INDEX scans_by_verdict ON scans (event_id, verdict);
CREATE UNIQUE INDEX scans_by_device_seq ON scans (device_id, seq);
`,
};
