import type { Migration } from './migration';

export const syncTrust: Migration = {
  version: 6,
  name: 'sync-trust',
  sql: `
-- Sync over TLS: the SHA-256 (64 hex digits) of the server certificate pinned at enrolment; every
-- exchange with an https server must present it. NULL: enrolled over plain HTTP, or not enrolled.
ALTER TABLE sync_state ADD COLUMN server_fingerprint TEXT
  CHECK (server_fingerprint IS NULL OR (length(server_fingerprint) = 64 AND server_fingerprint NOT GLOB '*[^0-9a-f]*'));

-- A kiosk found to be a copy of another (the server answered device_cloned) takes a new device id,
-- so the device row, "never changed" before, changes then. Outbox rows up to seq_base were settled
-- under earlier ids; the server numbers the new id's rows from 1 (sent seq = outbox seq - seq_base).
ALTER TABLE sync_state ADD COLUMN seq_base INTEGER NOT NULL DEFAULT 0 CHECK (seq_base >= 0);

-- The ids this kiosk had before: records it made under them keep them, and unsent rows a running
-- core still writes under one are sent as the current id's.
CREATE TABLE retired_device_ids (
  device_id TEXT PRIMARY KEY,
  retired_at TEXT NOT NULL,
  reason TEXT NOT NULL
) STRICT;
`,
};
