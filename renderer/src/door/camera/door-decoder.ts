// The main thread's side of the camera decoding (the door's, and the barcode question's with more
// formats): hands frames to the decode worker (zxing-wasm, ../README in bench/camera-decoding) and
// gets back the text read, so decoding never blocks the screen. A camera frame goes as a
// VideoFrame, moved not copied, at the camera's resolution.
import type { ScanFormat } from './scan-formats';
import type { FrameSource, WorkerReply, WorkerRequest } from './worker-protocol';

export type DoorDecoder = {
  /**
   * The text of the code (of the formats asked for) in the frame, or null; takes ownership of
   * (closes) a VideoFrame.
   * `skipStill`: a frame like the last one read without a code is not read again (still-view.ts).
   */
  decode(source: VideoFrame | ImageData, options?: { skipStill?: boolean }): Promise<string | null>;
  terminate(): void;
};

type Pending = { resolve(text: string | null): void; reject(error: Error): void };

/**
 * Resolves once the worker has compiled the wasm. The caller creates the worker,
 * `new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' })`, the form
 * bundlers recognise and emit as a worker chunk.
 */
export async function startDoorDecoder(options: {
  worker: Worker;
  wasmUrl: string;
  /** What to read: DOOR_FORMATS or BARCODE_QUESTION_FORMATS (scan-formats.ts). */
  formats: readonly ScanFormat[];
}): Promise<DoorDecoder> {
  const { worker } = options;
  const pending = new Map<number, Pending>();
  let nextId = 0;
  const post = (request: WorkerRequest, transfer: Transferable[] = []): void =>
    worker.postMessage(request, transfer);

  const ready = new Promise<void>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.kind === 'ready') return resolve();
      if (reply.kind === 'init-failed') return reject(new Error(`decode worker: ${reply.message}`));
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.kind === 'found') waiting?.resolve(reply.text);
      else waiting?.reject(new Error(`decode worker: ${reply.message}`));
    };
    worker.onerror = (event) => {
      const error = new Error(`decode worker crashed: ${event.message}`);
      reject(error);
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
    };
  });
  post({ kind: 'init', wasmUrl: new URL(options.wasmUrl, location.href).href, formats: options.formats });
  try {
    await ready;
  } catch (error) {
    worker.terminate();
    throw error;
  }

  return {
    decode(source, options) {
      const id = nextId++;
      const message: FrameSource =
        source instanceof ImageData
          ? {
              kind: 'pixels',
              pixels: { width: source.width, height: source.height, data: source.data.slice() },
            }
          : { kind: 'frame', frame: source };
      const transfer = message.kind === 'frame' ? [message.frame] : [message.pixels.data.buffer];
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ kind: 'detect', id, source: message, skipStill: options?.skipStill === true }, transfer);
      });
    },
    terminate() {
      worker.terminate();
      for (const waiting of pending.values()) waiting.reject(new Error('door decoder stopped'));
      pending.clear();
    },
  };
}
