// The door screen's camera, told as a state: starting, on, none (no camera: the USB scanner alone)
// or an error. A camera that starts after the screen has gone is stopped at once, and a failure
// after it has gone is not told (holdWhileShown).
import { holdWhileShown, type Holding } from '../app/hold-while-shown';
import type { DoorCamera } from './camera/door-camera';
import type { ScanFormat } from './camera/scan-formats';

export type CameraState =
  { kind: 'starting' } | { kind: 'on' } | { kind: 'none' } | { kind: 'error'; message: string };

/** `starting` resolves to null where there is no camera to start. */
export function holdScannerCamera(
  starting: Promise<DoorCamera | null>,
  show: (state: CameraState) => void,
): Holding<DoorCamera | null> {
  return holdWhileShown(starting, {
    started: (camera) => show(camera ? { kind: 'on' } : { kind: 'none' }),
    failed: (error) => show(cameraFailure(error)),
    release: (camera) => camera?.stop(),
  });
}

/**
 * Finds a camera and starts it into the preview, reading codes of `formats`, its code loaded only
 * now; null without a camera, or when `video` is null because the screen went while the code loaded.
 */
export async function startScannerCamera(
  video: () => HTMLVideoElement | null,
  onText: (text: string) => void,
  formats: readonly ScanFormat[],
): Promise<DoorCamera | null> {
  if (!(await hasCamera())) return null;
  const { startDoorCamera } = await import('./camera/door-camera');
  const preview = video();
  return preview ? startDoorCamera(preview, onText, formats) : null;
}

/** Without asking for permission: whether the machine has any camera at all. */
async function hasCamera(): Promise<boolean> {
  // No mediaDevices outside a secure context (the kiosk is always one: 127.0.0.1 or app://).
  if (!navigator.mediaDevices) return false;
  const devices = await navigator.mediaDevices.enumerateDevices();
  return devices.some((device) => device.kind === 'videoinput');
}

function cameraFailure(error: unknown): CameraState {
  // getUserMedia rejects with DOMExceptions, which are Errors in Chromium.
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return /NotFoundError|OverconstrainedError/.test(message) ? { kind: 'none' } : { kind: 'error', message };
}
