// The photo worker: decodes (EXIF orientation applied), scales and re-encodes photos as JPEG, off
// the kiosk's main thread. Re-encoding from pixels keeps no EXIF, GPS or other metadata.
import { bytesToBase64 } from './base64';
import type { PhotoSource, ResizeReply, ResizeRequest, ResizedPhoto } from './resize-protocol';
import { JPEG_QUALITY, targetSize } from './target-size';

const reply = (message: ResizeReply): void => self.postMessage(message);

class Unreadable extends Error {}

type Picture = ImageBitmap | VideoFrame;

const sizeOf = (picture: Picture) =>
  picture instanceof VideoFrame
    ? { width: picture.displayWidth, height: picture.displayHeight }
    : { width: picture.width, height: picture.height };

async function decode(source: PhotoSource): Promise<Picture> {
  if (source.kind === 'frame') return source.frame;
  try {
    return await createImageBitmap(source.blob, { imageOrientation: 'from-image' });
  } catch (error) {
    throw new Unreadable(error instanceof Error ? error.message : String(error));
  }
}

/** Scales `image` to fit `maxPixels` (never up) and encodes it; closes `image`. */
async function encodeJpeg(image: Picture, maxPixels: number): Promise<ResizedPhoto> {
  try {
    const { width, height } = targetSize(sizeOf(image), maxPixels);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context in the photo worker');
    context.imageSmoothingEnabled = true;
    context.imageSmoothingQuality = 'high';
    context.drawImage(image, 0, 0, width, height);
    // The (large) source goes before the encoding, not after.
    image.close();
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY });
    const base64 = bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
    return { base64, width, height, bytes: blob.size };
  } finally {
    image.close();
  }
}

async function handle(request: ResizeRequest): Promise<ResizedPhoto> {
  if (request.kind === 'resize') return encodeJpeg(await decode(request.source), request.maxPixels);
  const bytes = Uint8Array.from(atob(request.base64), (char) => char.charCodeAt(0));
  const image = await decode({ kind: 'blob', blob: new Blob([bytes], { type: request.mime }) });
  return encodeJpeg(image, request.maxPixels);
}

self.onmessage = (event: MessageEvent<ResizeRequest>) => {
  const request = event.data;
  handle(request).then(
    (photo) => reply({ kind: 'done', id: request.id, photo }),
    (error: unknown) =>
      reply({
        kind: 'failed',
        id: request.id,
        reason: error instanceof Unreadable ? 'unreadable' : 'internal',
        message: error instanceof Error ? error.message : String(error),
      }),
  );
};
