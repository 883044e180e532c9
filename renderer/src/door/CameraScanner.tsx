// The camera part of the door screen: finds a camera, starts it into a preview (its code loads only
// now), hands every code read to `onText`, and says in words how the camera is doing. Without a
// camera the door works with the USB scanner alone.
import { useEffect, useId, useRef, useState } from 'react';
import { useLatest } from '../app/use-latest';
import { useT } from '../i18n/use-t';
import { DOOR_FORMATS } from './camera/scan-formats';
import { holdScannerCamera, startScannerCamera, type CameraState } from './scanner-camera';

export function CameraScanner({ onText }: { onText(text: string): void }) {
  const { t } = useT();
  const titleId = useId();
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const videoRef = useRef<HTMLVideoElement>(null);
  const onTextRef = useLatest(onText);

  useEffect(() => {
    // The start reads `hold` only after its first await, once the hold is there.
    const hold = holdScannerCamera(
      startScannerCamera(
        () => (hold.gone() ? null : videoRef.current),
        (text) => onTextRef.current(text),
        DOOR_FORMATS,
      ),
      setState,
    );
    return hold.leave;
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
