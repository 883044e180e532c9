// The photos of an export: which ones the server has in full, and their bytes (read through the
// attachment store, a piece at a time, wherever they are kept) for the bundle and the report.
import type { Kysely } from 'kysely';
import { isMediaQuestion } from '../../shared/forms/media-questions';
import { attachmentBytes } from '../attachments/attachment-store';
import type { Database } from '../db/schema';
import type { ServerDb } from '../db/server-database';
import type { ExportLayout } from './export-layout';
import { MEDIA_FOLDER } from './media';
import type { TextSink } from './text-sink';

export function hasImages(layout: ExportLayout): boolean {
  return layout.tables.some((t) => t.questions.some(isMediaQuestion));
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
 * Copies each photo into the sink of its own ZIP entry (`open` / `close`), a piece at a time, at
 * the output's pace.
 */
export async function copyPhotos(
  s: ServerDb,
  names: Iterable<string>,
  entry: { open(path: string): TextSink; close(sink: TextSink): Promise<void> },
): Promise<void> {
  for (const name of names) {
    const sink = entry.open(`${MEDIA_FOLDER}/${name}`);
    for await (const chunk of attachmentBytes(s, name)) {
      sink.write(chunk);
      await sink.flushIfFull();
    }
    await entry.close(sink);
  }
}

/** The photo's bytes when it is at most `maxBytes` long (a thumbnail small enough to embed). */
export async function smallPhoto(s: ServerDb, name: string, maxBytes: number): Promise<Buffer | undefined> {
  const row = await s.db
    .selectFrom('attachments')
    .select('size')
    .where('name', '=', name)
    .where('complete_at', 'is not', null)
    .executeTakeFirst();
  if (row === undefined || Number(row.size) > maxBytes) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of attachmentBytes(s, name)) chunks.push(chunk);
  return Buffer.concat(chunks);
}
