// Recording in progress: the camera's live picture for a video, the time so far, and a big stop
// button. Recording starts when this shows; leaving it (stop, cancel, or staff leaving the
// question) releases the microphone and camera.
import { useEffect, useRef, useState } from 'react';
import { mebibytes, formatOfMime } from '../../../shared/sync/attachment-formats';
import { holdWhileShown } from '../app/hold-while-shown';
import { useLatest } from '../app/use-latest';
import { LiveButtons } from '../attachment/AttachmentParts';
import { useT } from '../i18n/use-t';
import { startRecording, type Recording } from './recorder';

/** Both recording types share the 50 MiB limit (attachment-formats.ts). */
const MAX_BYTES = formatOfMime('audio/webm').maxBytes;

type Props = {
  video: boolean;
  onRecorded(blob: Blob): void;
  onFailure(error: unknown): void;
  onFull(maxMiB: number): void;
  onClose(): void;
};

/** "1:05" */
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

export function RecorderView({ video, onRecorded, onFailure, onFull, onClose }: Props) {
  const { t } = useT();
  const previewRef = useRef<HTMLVideoElement>(null);
  const [recording, setRecording] = useState<Recording | null>(null);
  const [seconds, setSeconds] = useState(0);
  const [stopping, setStopping] = useState(false);
  const handlers = useLatest({ onRecorded, onFailure, onFull });

  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | undefined;
    const finish = (done: Recording) =>
      void done.stop().then((blob) => hold.gone() || handlers.current.onRecorded(blob));
    const hold = holdWhileShown(
      startRecording({
        video,
        maxBytes: MAX_BYTES,
        onFull: () => {
          handlers.current.onFull(mebibytes(MAX_BYTES));
          const started = hold.held();
          if (started) finish(started);
        },
      }),
      {
        started: (r) => {
          setRecording(r);
          if (previewRef.current) {
            previewRef.current.srcObject = r.stream;
            void previewRef.current.play().catch(() => undefined);
          }
          // The time shown is read from the clock, not counted, so a busy screen never drifts.
          const from = performance.now();
          timer = setInterval(() => setSeconds(Math.floor((performance.now() - from) / 1000)), 250);
        },
        failed: (error) => handlers.current.onFailure(error),
        release: (r) => r.cancel(),
      },
    );
    return () => {
      hold.leave();
      clearInterval(timer);
    };
  }, [video, handlers]);

  const stop = () => {
    if (!recording || stopping) return;
    setStopping(true);
    void recording.stop().then((blob) => handlers.current.onRecorded(blob));
  };

  return (
    <div
      className="media-recorder"
      data-recorder={recording ? (stopping ? 'stopping' : 'recording') : 'starting'}
    >
      {video ? (
        <video
          ref={previewRef}
          className="photo-preview"
          muted
          playsInline
          aria-label={t('media.camera.label')}
        />
      ) : null}
      <p className="media-time" role="status">
        {recording
          ? t('media.recording', { time: clock(seconds) })
          : t(video ? 'media.starting.video' : 'media.starting.audio')}
      </p>
      <LiveButtons
        act={{ label: t('media.stop'), onClick: stop }}
        waiting={!recording || stopping}
        shutter={false}
        close={{ label: t('media.cancel'), onClick: onClose }}
      />
    </div>
  );
}
