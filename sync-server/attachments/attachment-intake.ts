// One upload request's body, read as it arrives: the whole rest of a photo may come in one
// request, so the server never holds more than a slice of it, commits each slice as it fills (a
// ~2 MB photo is one transaction, one fsync), and when the request is cut keeps the bytes that did
// arrive, so the next request resumes after them instead of from zero. The bytes of a photo sent
// whole are hashed while they arrive, not again inside the transaction.
import { formatOfName, mebibytes, NOUN_OF_KIND } from '../../shared/sync/attachment-formats';
import type { ServerDb } from '../db/server-database';
import { SyncError } from '../sync-error';
import { AttachmentCheck } from './attachment-check';
import { appendChunk, type AttachmentState } from './attachment-store';

/** Bytes of one request held in memory before they are committed (bounds a request's memory). */
export const ATTACHMENT_SLICE_BYTES = 4 * 1024 * 1024;

export type UploadAt = { offset: number; size: number };

/** A status waits at most this long for uploads of the photo this process is still receiving. */
const SETTLE_WAIT_MS = 2_000;

/**
 * Uploads this server process is receiving, by photo. A request cut off commits what arrived as
 * it ends, which may be a moment after the kiosk saw the cut: a status asked for meanwhile waits
 * for it (briefly), so the kiosk resumes after those bytes instead of sending them again.
 */
export class UploadsInFlight {
  private readonly uploads = new Map<string, Set<Promise<unknown>>>();

  track<T>(name: string, upload: Promise<T>): Promise<T> {
    const running = this.uploads.get(name) ?? new Set<Promise<unknown>>();
    this.uploads.set(name, running);
    const tracked = upload.finally(() => {
      running.delete(tracked);
      if (running.size === 0) this.uploads.delete(name);
    });
    running.add(tracked);
    return tracked;
  }

  async settled(names: readonly string[]): Promise<void> {
    const running = names.flatMap((name) => [...(this.uploads.get(name) ?? [])]);
    if (running.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, SETTLE_WAIT_MS)));
    await Promise.race([Promise.allSettled(running), waited]);
    clearTimeout(timer);
  }
}

/** Refuses a body that would end past the announced size: before reading it, or while reading it. */
export function checkBodyEnd(at: UploadAt, bodyBytes: number): void {
  const end = at.offset + bodyBytes;
  if (end > at.size) {
    throw new SyncError(
      'invalid_input',
      `body: the chunk ends at byte ${end}, past the announced size ${at.size}`,
      { field: 'body' },
    );
  }
}

/** Refuses an attachment announced over the limit of its type (by its name), before its body is read. */
export function checkAnnouncedSize(name: string, size: number): void {
  const { kind, maxBytes } = formatOfName(name);
  if (size > maxBytes) {
    throw new SyncError(
      'payload_too_large',
      `size: a ${NOUN_OF_KIND[kind]} may be at most ${mebibytes(maxBytes)} MiB; this one announces ${size} bytes`,
      { field: 'size' },
    );
  }
}

/**
 * Appends the body at `at.offset`, slice by slice; answers the state after the last slice. A body
 * that ends past the announced size is refused and its uncommitted bytes dropped; a body cut off
 * (the client or the network went away) commits what arrived, then fails as it did.
 */
export async function receiveUpload(
  s: ServerDb,
  name: string,
  at: UploadAt,
  body: AsyncIterable<Buffer>,
  now: () => Date,
  sliceBytes = ATTACHMENT_SLICE_BYTES,
): Promise<AttachmentState> {
  let offset = at.offset;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // Valid while it has seen exactly the pending bytes of a photo that starts at 0.
  let hashed = at.offset === 0 ? new AttachmentCheck(name) : undefined;
  let state: AttachmentState | undefined;
  const commit = async (): Promise<void> => {
    const bytes = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    const verified = hashed;
    hashed = undefined;
    state = await appendChunk(s, name, { offset, size: at.size }, bytes, now(), verified);
    offset += bytes.length;
  };
  try {
    for await (const piece of body) {
      checkBodyEnd(at, offset - at.offset + pendingBytes + piece.length);
      hashed?.update(piece);
      pending.push(piece);
      pendingBytes += piece.length;
      if (pendingBytes >= sliceBytes) await commit();
    }
  } catch (e) {
    if (!(e instanceof SyncError) && pendingBytes > 0) {
      // Cut off: what arrived is a true prefix (the final hash still checks it). If even that
      // cannot be stored, the cut is still the failure to report.
      await commit().catch(() => undefined);
    }
    throw e;
  }
  if (pendingBytes > 0) await commit();
  if (state === undefined) {
    throw new SyncError('invalid_input', 'body: send the chunk as the request body', { field: 'body' });
  }
  return state;
}
