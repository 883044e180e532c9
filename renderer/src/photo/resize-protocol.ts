// Messages between the photo resizer (main thread) and its worker.

/** A photo ready to save: JPEG, oriented, at most the question's size, without metadata. */
export type ResizedPhoto = { base64: string; width: number; height: number; bytes: number };

/**
 * What to resize: a file (EXIF orientation applied in the worker) or a camera frame, moved to the
 * worker as a VideoFrame: wrapping the video's frame costs the main thread ~10 ms at 4000×3000,
 * where createImageBitmap(video) or ImageCapture.grabFrame() convert it to RGB there (300–600 ms;
 * bench/photo-capture.bench.ts).
 */
export type PhotoSource = { kind: 'blob'; blob: Blob } | { kind: 'frame'; frame: VideoFrame };

export type ResizeRequest =
  | { kind: 'resize'; id: number; source: PhotoSource; maxPixels: number }
  /** A small copy of a stored photo (base64) for thumbnails. */
  | { kind: 'thumbnail'; id: number; base64: string; mime: string; maxPixels: number };

export type ResizeReply =
  | { kind: 'done'; id: number; photo: ResizedPhoto }
  | { kind: 'failed'; id: number; reason: ResizeFailure; message: string };

/** `unreadable`: not an image the browser can decode (a HEIC on a laptop, a broken file). */
export type ResizeFailure = 'unreadable' | 'internal';
