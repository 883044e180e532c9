// A page for e2e tests and the photo bench (served by e2e/photo/photo-page-server.ts in front of
// a real web kiosk): one ImageQuestion (its appearance from ?appearance=), its answer in #answer, and `window.photoTest` to drive the
// resizer, the camera, thumbnails and a main-thread baseline directly.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Page } from '../../../../shared/forms/engine';
import type { AnswerValue } from '../../../../shared/forms/form-definition';
import { NO_STAFF } from '../../store/staff-slice';
import { kioskStore } from '../../store/use-kiosk';
import { bytesToBase64 } from '../base64';
import { grabFrame, startCamera, stopCamera } from '../camera';
import { AttachmentThumbnail } from '../AttachmentThumbnail';
import { ImageQuestion } from '../ImageQuestion';
import { photoResizer } from '../photo-resizer';
import { savePhoto } from '../photo-store';
import { JPEG_QUALITY, targetSize } from '../target-size';
import { watchMainThread } from './main-thread-watch';

const PAGE: Page = {
  path: 'foto',
  groups: [],
  question: {
    kind: 'question',
    type: 'image',
    name: 'foto',
    label: { es: 'Foto' },
    required: false,
    pii: true,
    row: 2,
    appearance: new URLSearchParams(location.search).get('appearance') ?? undefined,
  },
};

function Harness() {
  const [value, setValue] = useState<AnswerValue | undefined>(undefined);
  return (
    <main>
      <ImageQuestion
        page={PAGE}
        value={value}
        onChange={setValue}
        heading={<h2 id="photo-heading">Foto</h2>}
        headingId="photo-heading"
        notes={<p id="photo-issue" />}
        describedBy="photo-issue"
        invalid={false}
        choices={[]}
      />
      <output id="answer">{typeof value === 'string' ? value : ''}</output>
    </main>
  );
}

const fromBase64 = (base64: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));

type Capture = {
  width: number;
  height: number;
  bytes: number;
  totalMs: number;
  /** From the shutter to the JPEG ready to send. */
  photoMs: number;
  longestStallMs: number;
  longTaskMs: number;
};

/** The camera frame → JPEG → attachment:save, either through the photo worker or all on this thread. */
async function capture(
  video: HTMLVideoElement,
  where: 'worker' | 'main',
  maxPixels: number,
): Promise<Capture> {
  // From a task of its own, as a tap on the shutter would be (work inside a DevTools evaluation is
  // not reported as long tasks).
  await new Promise((resolve) => setTimeout(resolve, 0));
  const started = performance.now();
  let ready = started;
  const watched = await watchMainThread(async () => {
    if (where === 'worker') {
      const photo = await photoResizer().resize({ kind: 'frame', frame: grabFrame(video) }, maxPixels);
      ready = performance.now();
      return { photo, saved: await savePhoto(photo) };
    }
    const size = targetSize({ width: video.videoWidth, height: video.videoHeight }, maxPixels);
    const canvas = document.createElement('canvas');
    Object.assign(canvas, size);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.imageSmoothingQuality = 'high';
    context.drawImage(video, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY),
    );
    if (!blob) throw new Error('toBlob gave nothing');
    const photo = {
      base64: bytesToBase64(new Uint8Array(await blob.arrayBuffer())),
      ...size,
      bytes: blob.size,
    };
    ready = performance.now();
    return { photo, saved: await savePhoto(photo) };
  });
  if (!watched.value.saved.ok) throw new Error(`attachment:save: ${watched.value.saved.error.message}`);
  const { width, height, bytes } = watched.value.photo;
  const { longestStallMs, longTaskMs } = watched;
  return {
    width,
    height,
    bytes,
    totalMs: performance.now() - started,
    photoMs: ready - started,
    longestStallMs,
    longTaskMs,
  };
}

let camera: { video: HTMLVideoElement; stream: MediaStream } | null = null;

const photoTest = {
  /** Unlocks a staff session on the kiosk behind this page. */
  async unlock(pin: string): Promise<void> {
    const response = await fetch('/api/staff:unlock', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pin }),
    });
    const result = (await response.json()) as { ok: boolean; value?: { token: string } };
    if (!result.ok || !result.value) throw new Error('staff:unlock refused');
    kioskStore.setState({ staff: { ...NO_STAFF, token: result.value.token } });
  },
  /** A file's bytes through the photo worker, as the file input sends them. */
  resize: (base64: string, maxPixels: number) =>
    photoResizer().resize(
      { kind: 'blob', blob: new Blob([fromBase64(base64)], { type: 'image/jpeg' }) },
      maxPixels,
    ),
  /** RGB at each point (fractions of width and height) of a JPEG, decoded as it is (no orientation). */
  async sample(base64: string, points: [number, number][]): Promise<number[][]> {
    const blob = new Blob([fromBase64(base64)], { type: 'image/jpeg' });
    const image = await createImageBitmap(blob, { imageOrientation: 'none' });
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d context');
    context.drawImage(image, 0, 0);
    return points.map(([x, y]) => {
      const at = context.getImageData(
        Math.floor(x * (image.width - 1)),
        Math.floor(y * (image.height - 1)),
        1,
        1,
      );
      return [...at.data.slice(0, 3)];
    });
  },
  /** Opens the (fake) camera; resolves to the frame size it gives. */
  async openCamera(): Promise<{ width: number; height: number }> {
    const video = document.createElement('video');
    video.muted = true;
    const stream = await startCamera(video);
    camera = { video, stream };
    return { width: video.videoWidth, height: video.videoHeight };
  },
  capture(where: 'worker' | 'main', maxPixels: number): Promise<Capture> {
    if (!camera) throw new Error('openCamera first');
    return capture(camera.video, where, maxPixels);
  },
  closeCamera(): void {
    if (camera) stopCamera(camera.stream);
    camera = null;
  },
  /** Thumbnails of stored photos, in #thumbnails. */
  showThumbnails(names: string[]): void {
    const list = document.createElement('div');
    list.id = 'thumbnails';
    document.body.append(list);
    createRoot(list).render(
      <>
        {names.map((name) => (
          <AttachmentThumbnail key={name} name={name} alt={`Miniatura ${name.slice(0, 8)}`} />
        ))}
      </>,
    );
  },
};
Object.assign(window, { photoTest });

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <Harness />
  </StrictMode>,
);
