// A record's photo as the reply to a console user (the data table's thumbnails), 404 while it is
// not complete, audited as a read of personal data before a byte is sent.
import { buffer } from 'node:stream/consumers';
import type { FastifyReply } from 'fastify';
import { formatOfName } from '../../shared/sync/attachment-formats';
import { attachmentHeaders } from '../attachments/attachment-headers';
import { attachmentBytes, attachmentState } from '../attachments/attachment-store';
import type { ServerDb } from '../db/server-database';
import { SyncError } from '../sync-error';
import { ThumbnailCache, ThumbnailError } from './photo-thumbnail';
import { thumbnailOf } from './thumbnail-thread';

/** Photos do not change (their name is their hash); the browser may keep them for the session. */
const BROWSER_CACHE = 'private, max-age=3600';
/** Thumbnails kept per server (~15 KB each: a few thousand rows' worth). */
const CACHE_BYTES = 64 * 1024 * 1024;
const caches = new WeakMap<ServerDb, ThumbnailCache>();
/**
 * Thumbnails being made, by name and size: a photo is decoded once however many requests for it
 * arrive before it is cached (a 2048 px photo takes about 0.6 s of CPU, on the thumbnail thread).
 */
const making = new Map<string, Promise<Buffer>>();

function made(s: ServerDb, name: string, edge: number, key: string): Promise<Buffer> {
  let pending = making.get(key);
  if (pending === undefined) {
    pending = buffer(attachmentBytes(s, name))
      .then((photo) => thumbnailOf(photo, edge))
      .finally(() => making.delete(key));
    making.set(key, pending);
  }
  return pending;
}

async function completeSize(s: ServerDb, name: string): Promise<number> {
  const state = await attachmentState(s.db, name);
  if (!state.complete || state.size === null)
    throw new SyncError('not_found', `the photo ${name} is not complete`);
  return state.size;
}

export async function sendPhoto(
  s: ServerDb,
  reply: FastifyReply,
  name: string,
  audit: () => Promise<void>,
): Promise<FastifyReply> {
  const size = await completeSize(s, name);
  await audit();
  return reply
    .headers(attachmentHeaders(name, size))
    .header('cache-control', BROWSER_CACHE)
    .send(attachmentBytes(s, name));
}

/**
 * A JPEG photo's thumbnail, long edge `edge`, made the first time and then served from this
 * process's cache (`X-Thumbnail-Cache: miss` or `hit`). Other images (PNG drawings and signatures,
 * small already) are sent whole, as sendPhoto does. A stored JPEG that cannot be decoded is 422.
 */
export async function sendThumbnail(
  s: ServerDb,
  reply: FastifyReply,
  name: string,
  edge: number,
  audit: () => Promise<void>,
): Promise<FastifyReply> {
  if (formatOfName(name).container !== 'jpeg') return sendPhoto(s, reply, name, audit);
  await completeSize(s, name);
  let cache = caches.get(s);
  if (cache === undefined) {
    cache = new ThumbnailCache(CACHE_BYTES);
    caches.set(s, cache);
  }
  const key = `${name}@${edge}`;
  let thumbnail = cache.get(key);
  const hit = thumbnail !== undefined;
  if (thumbnail === undefined) {
    try {
      thumbnail = await made(s, name, edge, key);
    } catch (e) {
      if (!(e instanceof ThumbnailError)) throw e;
      throw new SyncError(
        'not_an_image',
        `the photo ${name} could not be read as a JPEG for its thumbnail (${e.message}); open the full photo`,
      );
    }
    cache.set(key, thumbnail);
  }
  await audit();
  return reply
    .headers({
      'content-type': 'image/jpeg',
      'content-length': String(thumbnail.length),
      'content-disposition': `attachment; filename="${name.replace(/\.[a-z0-9]+$/, '')}-${edge}.jpg"`,
      'x-content-type-options': 'nosniff',
      'x-thumbnail-cache': hit ? 'hit' : 'miss',
    })
    .header('cache-control', BROWSER_CACHE)
    .send(thumbnail);
}
