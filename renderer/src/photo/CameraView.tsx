// The live camera: a preview and a big shutter button. The camera starts when this shows and is
// released when it goes (a photo taken, the camera closed, or staff leaving the question).
import { useEffect, useRef, useState } from 'react';
import { holdWhileShown } from '../app/hold-while-shown';
import { useLatest } from '../app/use-latest';
import { LiveButtons } from '../attachment/AttachmentParts';
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
  const [on, setOn] = useState(false);
  const [taking, setTaking] = useState(false);
  const onFailureRef = useLatest(onFailure);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    photoResizer().warm();
    const hold = holdWhileShown(startCamera(video), {
      started: () => setOn(true),
      failed: (error) => onFailureRef.current(cameraFailure(error)),
      release: stopCamera,
    });
    return () => {
      hold.leave();
      video.srcObject = null;
    };
  }, [onFailureRef]);

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
      <LiveButtons
        act={{ label: t('photo.shutter'), onClick: shoot }}
        waiting={!on || taking}
        shutter
        close={{ label: t('photo.closeCamera'), onClick: onClose }}
      />
    </div>
  );
}
