// The camera part of the door screen: finds a camera, starts it into a preview (its code loads only
// now), hands every code read to `onText`, and says in words how the camera is doing. Without a
// camera the door works with the USB scanner alone.
import { useEffect, useId, useRef, useState } from 'react';
import { useLatest } from '../app/use-latest';
import { useT } from '../i18n/use-t';
import type { DoorCamera } from './camera/door-camera';

type CameraState =
  { kind: 'starting' } | { kind: 'on' } | { kind: 'none' } | { kind: 'error'; message: string };

export function CameraScanner({ onText }: { onText(text: string): void }) {
  const { t } = useT();
  const titleId = useId();
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const videoRef = useRef<HTMLVideoElement>(null);
  const onTextRef = useLatest(onText);

  useEffect(() => {
    let leaving = false;
    let camera: DoorCamera | null = null;
    const start = async (): Promise<CameraState | null> => {
      if (!(await hasCamera())) return { kind: 'none' };
      const { startDoorCamera } = await import('./camera/door-camera');
      const video = videoRef.current;
      if (leaving || !video) return null;
      const started = await startDoorCamera(video, (text) => onTextRef.current(text));
      // The door screen closed while the camera was starting.
      if (leaving) {
        started.stop();
        return null;
      }
      camera = started;
      return { kind: 'on' };
    };
    start().then(
      (reached) => {
        if (!leaving && reached) setState(reached);
      },
      (error: unknown) => {
        if (!leaving) setState(cameraFailure(error));
      },
    );
    return () => {
      leaving = true;
      camera?.stop();
    };
  }, [onTextRef]);

  const words =
    state.kind === 'error'
      ? t('door.camera.error', { message: state.message })
      : t(`door.camera.${state.kind}`);
  return (
    <section className="panel door-camera" aria-labelledby={titleId} data-camera={state.kind}>
      <h2 id={titleId}>{t('door.camera.title')}</h2>
      <p
        className={
          state.kind === 'on' || state.kind === 'starting' ? 'camera-state' : 'camera-state attention'
        }
        role="status"
      >
        {words}
      </p>
      <video
        ref={videoRef}
        className="camera-view"
        aria-label={t('door.camera.preview')}
        muted
        playsInline
        hidden={state.kind === 'none' || state.kind === 'error'}
      />
    </section>
  );
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
