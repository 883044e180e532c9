// The webcam for photos: the back camera where there is one, at the best resolution it offers (up
// to 4096×3072, 4:3 like most photo sensors), and the frame on show wrapped as a VideoFrame for the
// photo worker (converted and scaled there, never drawn here).

/** Starts the camera into `video`; the caller stops the stream's tracks when done. */
export async function startCamera(video: HTMLVideoElement): Promise<MediaStream> {
  // No mediaDevices outside a secure context (the kiosk is always one: 127.0.0.1 or app://).
  if (!navigator.mediaDevices) throw new DOMException('no mediaDevices', 'NotFoundError');
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { facingMode: 'environment', width: { ideal: 4096 }, height: { ideal: 3072 } },
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

/** The frame the video shows now, at the camera's full resolution; whoever gets it closes it. */
export function grabFrame(video: HTMLVideoElement): VideoFrame {
  return new VideoFrame(video);
}
