// Messages between the door's decoder (main thread) and its decode worker.
import type { ScanFormat } from './scan-formats';

/** Pixels as a plain object: posting an ImageData itself copies them even when its buffer is transferred. */
export type Pixels = { width: number; height: number; data: Uint8ClampedArray<ArrayBuffer> };

/** A camera frame at the camera's own resolution (moved, not copied), or pixels (the bench). */
export type FrameSource = { kind: 'frame'; frame: VideoFrame } | { kind: 'pixels'; pixels: Pixels };

export type WorkerRequest =
  /** `formats`: the codes to read (scan-formats.ts); the worker refuses any other with init-failed. */
  | { kind: 'init'; wasmUrl: string; formats: readonly ScanFormat[] }
  /** `skipStill`: answer null at once for a frame like the last one read without a code (still-view.ts). */
  | { kind: 'detect'; id: number; source: FrameSource; skipStill: boolean };

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'init-failed'; message: string }
  /** `text`: the code's text, null when the frame has none that could be read (or was skipped). */
  | { kind: 'found'; id: number; text: string | null }
  | { kind: 'failed'; id: number; message: string };
