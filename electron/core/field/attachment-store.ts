// Photos on the kiosk: media/<sha256>.jpg|png beside the database, written whole and fsynced
// before its attachments row commits, so a row always means a whole file on disk. Used by
// attachment:save (photos taken here) and by the sync (photos downloaded from the server).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CallFailure } from '../../../shared/ipc/result';
import { writeDurably } from '../../../shared/sync/node/write-durably';
import type { KioskDb } from '../db/migrate';
import { checkAttachmentBytes, type CheckedAttachment } from './attachment-bytes';
import { extensionOf, type AttachmentMime } from './attachment-names';

export type StoredAttachment = { name: string; size: number } & CheckedAttachment;

/** Where a kiosk database keeps its photos. */
export const mediaDir = (db: KioskDb): string => join(dirname(db.name), 'media');

const invalid = (message: string) => new CallFailure('attachment_invalid', message);

/**
 * Checks and stores a photo, recording or document; answers its name (and a photo's dimensions).
 * The same bytes stored twice are one file. Bad bytes throw CallFailure('attachment_invalid')
 * before anything touches the disk.
 */
export function storeAttachment(
  db: KioskDb,
  bytes: Buffer,
  mime: AttachmentMime,
  now: Date,
): StoredAttachment {
  const header = checkAttachmentBytes(bytes, mime);
  if (typeof header === 'string') throw invalid(header);

  const name = createHash('sha256').update(bytes).digest('hex') + extensionOf(mime);
  const stored = { name, size: bytes.length, ...header };
  const dir = mediaDir(db);
  const file = join(dir, name);
  const known = db
    .prepare<[string], { name: string }>('SELECT name FROM attachments WHERE name = ?')
    .get(name);
  if (known !== undefined && existsSync(file)) return stored;

  mkdirSync(dir, { recursive: true });
  writeDurably(dir, file, bytes);
  db.prepare(
    `INSERT INTO attachments (name, mime, size, width, height, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (name) DO NOTHING`,
  ).run(name, mime, bytes.length, header.width, header.height, now.toISOString());
  return stored;
}

/** A stored photo's bytes and type, or undefined when this kiosk does not hold it. */
export function readAttachment(
  db: KioskDb,
  name: string,
): { mime: AttachmentMime; bytes: Buffer } | undefined {
  const row = db
    .prepare<[string], { mime: AttachmentMime }>('SELECT mime FROM attachments WHERE name = ?')
    .get(name);
  const file = join(mediaDir(db), name);
  if (row === undefined || !existsSync(file)) return undefined;
  return { mime: row.mime, bytes: readFileSync(file) };
}
