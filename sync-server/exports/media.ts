// Photos in exports. An image answer holds an attachment's name (`<sha256>.jpg|png`); the server
// has the photo when its attachment is complete. Such a photo is exported as the relative path
// `media/<name>` (the ZIP bundle holds the file there); any other answer — a photo still on its
// way, or a name that is no attachment name at all — is exported as it is and flagged missing, so
// no export ever points at a file that is not there.
import type { Kysely } from 'kysely';
import { AttachmentNameSchema } from '../../shared/sync/protocol';
import type { Database } from '../db/schema';
import { attachmentBytes } from '../attachments/attachment-store';
import type { ExportLayout } from './export-layout';
import type { TextSink } from './text-sink';

export const MEDIA_FOLDER = 'media';

export type Photo = {
  name: string;
  /** The SHA-256 the name gives, or null when the answer is not an attachment name. */
  sha256: string | null;
  /** `media/<name>` when the server has the photo; null when it is missing. */
  path: string | null;
};

export class MediaIndex {
  /** Names exported as paths, first seen first: the files the bundle must hold. */
  readonly used = new Set<string>();
  private readonly complete: ReadonlySet<string>;

  constructor(complete: Iterable<string>) {
    this.complete = new Set(complete);
  }

  photo(name: string): Photo {
    const valid = AttachmentNameSchema.safeParse(name).success;
    const sha256 = valid ? name.slice(0, 64) : null;
    if (!valid || !this.complete.has(name)) return { name, sha256, path: null };
    this.used.add(name);
    return { name, sha256, path: `${MEDIA_FOLDER}/${name}` };
  }
}

export function hasImages(layout: ExportLayout): boolean {
  return layout.tables.some((t) => t.questions.some((q) => q.type === 'image'));
}

/** Names of the photos the server holds in full (only read for forms with image questions). */
export async function completeAttachments(db: Kysely<Database>, layout: ExportLayout): Promise<string[]> {
  if (!hasImages(layout)) return [];
  const rows = await db
    .selectFrom('attachments')
    .select('name')
    .where('complete_at', 'is not', null)
    .execute();
  return rows.map((r) => r.name);
}

/**
 * Copies each photo into the sink of its own ZIP entry (`open` / `close`), a stored chunk at a
 * time, at the output's pace.
 */
export async function copyPhotos(
  db: Kysely<Database>,
  names: Iterable<string>,
  entry: { open(path: string): TextSink; close(sink: TextSink): Promise<void> },
): Promise<void> {
  for (const name of names) {
    const sink = entry.open(`${MEDIA_FOLDER}/${name}`);
    for await (const chunk of attachmentBytes(db, name)) {
      sink.write(chunk);
      await sink.flushIfFull();
    }
    await entry.close(sink);
  }
}

/** The photo's bytes when it is at most `maxBytes` long (a thumbnail small enough to embed). */
export async function smallPhoto(
  db: Kysely<Database>,
  name: string,
  maxBytes: number,
): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('attachments')
    .select('size')
    .where('name', '=', name)
    .where('complete_at', 'is not', null)
    .executeTakeFirst();
  if (row === undefined || Number(row.size) > maxBytes) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of attachmentBytes(db, name)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
