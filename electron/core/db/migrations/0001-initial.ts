import type { Migration } from './migration';

export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
-- This kiosk's identity: one row, created at first start, never changed (device_id is a UUIDv7).
CREATE TABLE device (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  device_id TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- What staff configure (name, event, offered forms, languages, timeouts) as one KioskSettings JSON.
CREATE TABLE settings (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  settings TEXT NOT NULL CHECK (json_valid(settings)),
  updated_at TEXT NOT NULL
) STRICT;

-- The staff PIN as a slow scrypt hash; the hash carries its own salt and parameters.
CREATE TABLE staff_pin (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Installed form definitions, one row per form version, as read from the XLSForm sheets.
CREATE TABLE forms (
  form_id TEXT NOT NULL,
  version TEXT NOT NULL,
  kind TEXT NOT NULL,
  definition TEXT NOT NULL CHECK (json_valid(definition)),
  imported_at TEXT NOT NULL,
  PRIMARY KEY (form_id, version)
) STRICT;

-- Visitor responses, written once and never updated by the kiosk.
CREATE TABLE submissions (
  id TEXT PRIMARY KEY,
  form_id TEXT NOT NULL,
  form_version TEXT NOT NULL,
  device_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  language TEXT NOT NULL,
  complete INTEGER NOT NULL CHECK (complete IN (0, 1)),
  answers TEXT NOT NULL CHECK (json_valid(answers)),
  pass_id TEXT UNIQUE,
  privacy_notice_version TEXT,
  started_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  FOREIGN KEY (form_id, form_version) REFERENCES forms (form_id, version)
) STRICT;
CREATE INDEX submissions_by_created_at ON submissions (created_at);

-- Records waiting for the sync server; seq is the device's gapless upload sequence
-- (AUTOINCREMENT never reuses a number, and a rolled-back insert leaves no gap).
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  entity_kind TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at TEXT NOT NULL,
  acked_at TEXT
) STRICT;
CREATE INDEX outbox_pending ON outbox (seq) WHERE acked_at IS NULL;
`,
};
