// A record's photo as the reply to a console user (the data table's thumbnails), 404 while it is
// not complete, audited as a read of personal data before a byte is sent.
import type { FastifyReply } from 'fastify';
import { attachmentHeaders } from '../attachments/attachment-headers';
import { attachmentBytes, attachmentState } from '../attachments/attachment-store';
import type { ServerDb } from '../db/server-database';
import { SyncError } from '../sync-error';

export async function sendPhoto(
  s: ServerDb,
  reply: FastifyReply,
  name: string,
  audit: () => Promise<void>,
): Promise<FastifyReply> {
  const state = await attachmentState(s.db, name);
  if (!state.complete || state.size === null)
    throw new SyncError('not_found', `the photo ${name} is not complete`);
  await audit();
  return (
    reply
      .headers(attachmentHeaders(name, state.size))
      // Photos do not change (their name is their hash); the browser may keep them for the session.
      .header('cache-control', 'private, max-age=3600')
      .send(attachmentBytes(s, name))
  );
}
