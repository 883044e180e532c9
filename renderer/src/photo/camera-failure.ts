// Why the camera could not start, in the few cases staff can act on.

export type CameraFailure = 'none' | 'denied' | 'busy' | 'failed';

/** getUserMedia rejects with a DOMException whose name says why. */
export function cameraFailure(error: unknown): CameraFailure {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'none';
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}
