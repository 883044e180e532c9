// What the server's photo storage holds of an attachment, wherever it keeps the bytes (database
// rows or files): for tests that check what an upload stored, whole or in part.
import { attachmentState } from '../attachments/attachment-store';
import { photoStorage } from '../attachments/photo-storage';
import type { ServerDb } from '../db/server-database';

export async function storedPhotoBytes(s: ServerDb, name: string): Promise<Buffer> {
  const state = await attachmentState(s.db, name);
  const storage = photoStorage(s);
  const pieces: Buffer[] = [];
  const stored = state.complete
    ? storage.complete(s.db, name)
    : // All the storage holds, counted or not: bytes left behind would show.
      storage.partial(s.db, name, await storage.held(s.db, name, state.received));
  for await (const piece of stored) pieces.push(piece);
  return Buffer.concat(pieces);
}

/** attachment_chunks rows of the attachment (PostgreSQL keeps its bytes there; SQLite none). */
export async function chunkRows(s: ServerDb, name: string): Promise<number> {
  const rows = await s.db.selectFrom('attachment_chunks').select('idx').where('name', '=', name).execute();
  return rows.length;
}
