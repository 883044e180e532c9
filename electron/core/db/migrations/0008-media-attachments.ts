import type { Migration } from './migration';

// Written out rather than read from attachment-formats.ts: a migration is frozen once shipped,
// and a later change of the allowed types is a migration of its own.
const EXTENSIONS = [
  'jpg',
  'png',
  'weba',
  'ogg',
  'm4a',
  'mp3',
  'wav',
  'webm',
  'mp4',
  'mov',
  'pdf',
  'txt',
  'csv',
];
const MIMES = [
  'image/jpeg',
  'image/png',
  'audio/webm',
  'audio/ogg',
  'audio/mp4',
  'audio/mpeg',
  'audio/wav',
  'video/webm',
  'video/mp4',
  'video/quicktime',
  'application/pdf',
  'text/plain',
  'text/csv',
];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export const mediaAttachments: Migration = {
  version: 8,
  name: 'media-attachments',
  sql: `
-- Attachments of audio, video and file questions beside photos: more names and types, and
-- dimensions only for images. SQLite cannot change a CHECK, so the table is rebuilt with every row.
CREATE TABLE attachments_new (
  name TEXT PRIMARY KEY CHECK (
    substr(name, 65, 1) = '.'
    AND length(substr(name, 1, 64)) = 64
    AND substr(name, 1, 64) NOT GLOB '*[^0-9a-f]*'
    AND substr(name, 66) IN (${list(EXTENSIONS)})
  ),
  mime TEXT NOT NULL CHECK (mime IN (${list(MIMES)})),
  size INTEGER NOT NULL CHECK (size > 0),
  width INTEGER,
  height INTEGER,
  created_at TEXT NOT NULL,
  uploaded_at TEXT,
  CHECK ((mime GLOB 'image/*') = (width IS NOT NULL AND height IS NOT NULL))
) STRICT;
INSERT INTO attachments_new (name, mime, size, width, height, created_at, uploaded_at)
  SELECT name, mime, size, width, height, created_at, uploaded_at FROM attachments;
DROP TABLE attachments;
ALTER TABLE attachments_new RENAME TO attachments;
CREATE INDEX attachments_waiting ON attachments (name) WHERE uploaded_at IS NULL;
`,
};
