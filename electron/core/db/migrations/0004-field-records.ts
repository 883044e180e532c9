import type { Migration } from './migration';

export const fieldRecords: Migration = {
  version: 4,
  name: 'field-records',
  sql: `
-- Field records are edited as revisions (docs/field-records.md). Every row of submissions is one
-- immutable revision: its id names the revision, record_id the record (the first revision's id).
-- Revisions pulled from other kiosks of the event land here too, without an outbox row.
ALTER TABLE submissions ADD COLUMN record_id TEXT;
ALTER TABLE submissions ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
-- Revision ids this one was made from, JSON array: [] first, [one] an edit, [two] a merge.
ALTER TABLE submissions ADD COLUMN parents TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(parents));
ALTER TABLE submissions ADD COLUMN edited_by TEXT;
-- 0 once another revision names this one as a parent; several current rows of one record = a conflict.
ALTER TABLE submissions ADD COLUMN current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1));
UPDATE submissions SET record_id = id;
CREATE INDEX submissions_by_record ON submissions (record_id, current);

-- A field record in progress: autosaved as staff type, resumed after a reload, crash or lock.
CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  form_id TEXT NOT NULL,
  form_version TEXT NOT NULL,
  language TEXT NOT NULL,
  answers TEXT NOT NULL CHECK (json_valid(answers)),
  -- Where staff stood: {"path": "..."}.
  position TEXT NOT NULL CHECK (json_valid(position)),
  -- Editing a saved record: its id and the revision ids the draft was made from (JSON array).
  record_id TEXT,
  base_revisions TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(base_revisions)),
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  FOREIGN KEY (form_id, form_version) REFERENCES forms (form_id, version)
) STRICT;
-- One open draft per record being edited: opening the record again resumes it.
CREATE UNIQUE INDEX drafts_by_record ON drafts (record_id) WHERE record_id IS NOT NULL;

-- Photos, content-addressed: the file is media/<name> in the data directory, written and fsynced
-- before this row commits. uploaded_at: the sync server confirmed it whole (by hash).
CREATE TABLE attachments (
  name TEXT PRIMARY KEY CHECK (name GLOB '[0-9a-f]*.jpg' OR name GLOB '[0-9a-f]*.png'),
  mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png')),
  size INTEGER NOT NULL CHECK (size > 0),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  uploaded_at TEXT
) STRICT;
CREATE INDEX attachments_waiting ON attachments (name) WHERE uploaded_at IS NULL;

-- The field-records stream has its own pull cursor (only kiosks running a staff form pull it).
ALTER TABLE sync_state ADD COLUMN records_cursor INTEGER NOT NULL DEFAULT 0 CHECK (records_cursor >= 0);
`,
};
