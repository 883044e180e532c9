// The live camera: a preview and a big shutter button. The camera starts when this shows and is
// released when it goes (a photo taken, the camera closed, or staff leaving the question).
import { useEffect, useRef, useState } from 'react';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { useT } from '../i18n/use-t';
import { grabFrame, startCamera, stopCamera } from './camera';
import { cameraFailure, type CameraFailure } from './camera-failure';
import { photoResizer } from './photo-resizer';

type Props = {
  /** A frame at the camera's full resolution; the camera is released right after. */
  onShot(frame: VideoFrame): void;
  onFailure(failure: CameraFailure): void;
  onClose(): void;
};

export function CameraView({ onShot, onFailure, onClose }: Props) {
  const { t } = useT();
  const videoRef = useRef<HTMLVideoElement>(null);
  const shutterRef = useFocusOnMount<HTMLButtonElement>();
  const [on, setOn] = useState(false);
  const [taking, setTaking] = useState(false);
  const onFailureRef = useRef(onFailure);
  useEffect(() => {
    onFailureRef.current = onFailure;
  });

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    let leaving = false;
    let stream: MediaStream | null = null;
    photoResizer().warm();
    startCamera(video).then(
      (started) => {
        if (leaving) return stopCamera(started);
        stream = started;
        setOn(true);
      },
      (error: unknown) => {
        if (!leaving) onFailureRef.current(cameraFailure(error));
      },
    );
    return () => {
      leaving = true;
      if (stream) stopCamera(stream);
      video.srcObject = null;
    };
  }, []);

  const shoot = () => {
    const video = videoRef.current;
    if (!video || !on || taking) return;
    setTaking(true);
    try {
      onShot(grabFrame(video));
    } catch (error) {
      setTaking(false);
      onFailure(cameraFailure(error));
    }
  };

  return (
    <div className="photo-camera" data-camera={on ? 'on' : 'starting'}>
      <video
        ref={videoRef}
        className="photo-preview"
        muted
        playsInline
        aria-label={t('photo.camera.label')}
      />
      <p className="photo-status" role="status">
        {on ? '' : t('photo.starting')}
      </p>
      <div className="photo-actions">
        <button
          ref={shutterRef}
          type="button"
          className="button primary huge photo-shutter"
          onClick={shoot}
          aria-disabled={!on || taking}
        >
          {t('photo.shutter')}
        </button>
        <button type="button" className="button secondary" onClick={onClose}>
          {t('photo.closeCamera')}
        </button>
      </div>
    </div>
  );
}
