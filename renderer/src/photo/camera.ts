// The webcam for photos: the back camera where there is one, at the best resolution it offers up
// to 4K, and a frame grabbed as an ImageBitmap (moved to the photo worker, never drawn here).

/** Starts the camera into `video`; the caller stops the stream's tracks when done. */
export async function startCamera(video: HTMLVideoElement): Promise<MediaStream> {
  // No mediaDevices outside a secure context (the kiosk is always one: 127.0.0.1 or app://).
  if (!navigator.mediaDevices) throw new DOMException('no mediaDevices', 'NotFoundError');
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: 'environment', width: { ideal: 3840 }, height: { ideal: 2160 } },
  });
  try {
    video.srcObject = stream;
    await video.play();
    return stream;
  } catch (error) {
    stopCamera(stream);
    throw error;
  }
}

export function stopCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** The frame the video shows now, at the camera's full resolution. */
export function grabFrame(video: HTMLVideoElement): Promise<ImageBitmap> {
  return createImageBitmap(video);
}
