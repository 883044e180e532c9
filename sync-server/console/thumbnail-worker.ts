// The worker thread behind thumbnail-thread.ts: { id, jpeg, edge } in, { id, thumbnail } or
// { id, error, corrupt } out (corrupt: the photo would not decode, as opposed to a crash).
import { parentPort } from 'node:worker_threads';
import { makeThumbnail, ThumbnailError } from './photo-thumbnail';

export type ThumbnailRequest = { id: number; jpeg: Uint8Array; edge: number };
export type ThumbnailReply =
  { id: number; thumbnail: Uint8Array } | { id: number; error: string; corrupt: boolean };

const port = parentPort;
port?.on('message', ({ id, jpeg, edge }: ThumbnailRequest) => {
  let reply: ThumbnailReply;
  try {
    const photo = Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
    reply = { id, thumbnail: makeThumbnail(photo, edge) };
  } catch (e) {
    reply = { id, error: e instanceof Error ? e.message : String(e), corrupt: e instanceof ThumbnailError };
  }
  port.postMessage(reply);
});
