// Photos through the kiosk core: saved durably with the staff session (attachment:save answers
// only once the file and its row are committed), and small copies cached for thumbnails.
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/ipc/result';
import { call } from '../api/transport';
import { staffCaller } from '../store/staff-call';
import { kioskStore } from '../store/use-kiosk';
import { dataUrl } from './base64';
import { photoResizer } from './photo-resizer';
import type { ResizedPhoto } from './resize-protocol';

/** Long edge of a thumbnail: twice its largest size on screen, for sharp high-density screens. */
const THUMBNAIL_PIXELS = 320;
/** Thumbnails kept in memory (a few KiB each), the least recently used dropped first. */
const CACHE_SIZE = 100;

const staffCall = staffCaller(kioskStore.setState, kioskStore.getState, call);

export type SavedPhoto = ChannelOutput<'attachment:save'>;

export function savePhoto(photo: ResizedPhoto): Promise<Result<SavedPhoto>> {
  return saveImage(photo.base64, 'image/jpeg');
}

/** A drawing (signature, sketch, annotated image) is kept as the canvas made it: a PNG. */
export function saveDrawing(base64: string): Promise<Result<SavedPhoto>> {
  return saveImage(base64, 'image/png');
}

async function saveImage(base64: string, mime: 'image/jpeg' | 'image/png'): Promise<Result<SavedPhoto>> {
  const result = await staffCall('attachment:save', { mime, base64 });
  if (result.ok) remember(result.value.name, makeThumbnail(base64, mime));
  return result;
}

const thumbnails = new Map<string, Promise<string>>();

function remember(name: string, thumbnail: Promise<string>): Promise<string> {
  thumbnails.delete(name);
  thumbnails.set(name, thumbnail);
  for (const oldest of thumbnails.keys()) {
    if (thumbnails.size <= CACHE_SIZE) break;
    thumbnails.delete(oldest);
  }
  // A failed load is forgotten, so the next look tries again.
  thumbnail.catch(() => thumbnails.get(name) === thumbnail && thumbnails.delete(name));
  return thumbnail;
}

async function makeThumbnail(base64: string, mime: string): Promise<string> {
  const small = await photoResizer().thumbnail(base64, mime, THUMBNAIL_PIXELS);
  return dataUrl(small.base64);
}

async function loadThumbnail(name: string): Promise<string> {
  const result = await staffCall('attachment:get', { name });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return makeThumbnail(result.value.base64, result.value.mime);
}

/** A stored photo's thumbnail as a data: URL (the kiosk's CSP allows no blob: images). */
export function thumbnailOf(name: string): Promise<string> {
  const cached = thumbnails.get(name);
  return cached ? remember(name, cached) : remember(name, loadThumbnail(name));
}
