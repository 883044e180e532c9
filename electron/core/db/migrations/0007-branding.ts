import type { Migration } from './migration';

export const branding: Migration = {
  version: 7,
  name: 'branding',
  sql: `
-- The branding stream's own pull cursor: every kiosk pulls its event's branding.
ALTER TABLE sync_state ADD COLUMN branding_cursor INTEGER NOT NULL DEFAULT 0 CHECK (branding_cursor >= 0);

-- Each event's branding as last pulled (EventBranding, JSON): a kiosk without network keeps it.
CREATE TABLE event_branding (
  event_id TEXT PRIMARY KEY,
  branding TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- Branding images by the SHA-256 of their bytes, checked against it (and by content) when fetched.
CREATE TABLE brand_images (
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  content_type TEXT NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/webp')),
  bytes BLOB NOT NULL,
  stored_at TEXT NOT NULL
) STRICT;
`,
};
