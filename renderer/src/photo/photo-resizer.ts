// The main thread's side of the photo worker: one worker, started on first use, answering each
// request by id. Camera frames are moved to it, not copied.
import type { PhotoSource, ResizeFailure, ResizeReply, ResizeRequest, ResizedPhoto } from './resize-protocol';

export class PhotoError extends Error {
  constructor(
    readonly reason: ResizeFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PhotoError';
  }
}

type Pending = { resolve(photo: ResizedPhoto): void; reject(error: PhotoError): void };

export type PhotoResizer = {
  /** Starts the worker now (the camera opening), so the first shot does not wait for it to load. */
  warm(): void;
  resize(source: PhotoSource, maxPixels: number): Promise<ResizedPhoto>;
  thumbnail(base64: string, mime: string, maxPixels: number): Promise<ResizedPhoto>;
};

function createPhotoResizer(): PhotoResizer {
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 0;

  const failAll = (error: PhotoError): void => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  const started = (): Worker => {
    if (worker) return worker;
    const fresh = newWorker();
    fresh.onmessage = (event: MessageEvent<ResizeReply>) => {
      const reply = event.data;
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.kind === 'done') waiting?.resolve(reply.photo);
      else waiting?.reject(new PhotoError(reply.reason, reply.message));
    };
    fresh.onerror = (event) => {
      // A crashed worker is replaced on the next request.
      worker = null;
      fresh.terminate();
      failAll(new PhotoError('internal', `photo worker crashed: ${event.message}`));
    };
    worker = fresh;
    return fresh;
  };
  const send = (request: ResizeRequest, transfer: Transferable[]): Promise<ResizedPhoto> =>
    new Promise((resolve, reject) => {
      pending.set(request.id, { resolve, reject });
      started().postMessage(request, transfer);
    });

  return {
    warm: () => void started(),
    resize: (source, maxPixels) =>
      send(
        { kind: 'resize', id: nextId++, source, maxPixels },
        source.kind === 'frame' ? [source.frame] : [],
      ),
    thumbnail: (base64, mime, maxPixels) =>
      send({ kind: 'thumbnail', id: nextId++, base64, mime, maxPixels }, []),
  };
}

/** Written out like this so Vite recognises it and emits the worker as its own file. */
const newWorker = (): Worker =>
  new Worker(new URL('./resize-worker.ts', import.meta.url), { type: 'module' });

let shared: PhotoResizer | undefined;
/** The renderer's one photo worker. */
export const photoResizer = (): PhotoResizer => (shared ??= createPhotoResizer());
