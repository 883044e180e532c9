// Recording in progress: the camera's live picture for a video, the time so far, and a big stop
// button. Recording starts when this shows; leaving it (stop, cancel, or staff leaving the
// question) releases the microphone and camera.
import { useEffect, useRef, useState } from 'react';
import { mebibytes, formatOfMime } from '../../../shared/sync/attachment-formats';
import { useFocusOnMount } from '../app/use-focus-on-mount';
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
  const stopRef = useFocusOnMount<HTMLButtonElement>();
  const [recording, setRecording] = useState<Recording | null>(null);
  const [seconds, setSeconds] = useState(0);
  const [stopping, setStopping] = useState(false);
  const handlers = useRef({ onRecorded, onFailure, onFull });
  useEffect(() => {
    handlers.current = { onRecorded, onFailure, onFull };
  });

  useEffect(() => {
    let leaving = false;
    let started: Recording | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    const finish = (done: Recording) =>
      void done.stop().then((blob) => leaving || handlers.current.onRecorded(blob));
    startRecording({
      video,
      maxBytes: MAX_BYTES,
      onFull: () => {
        handlers.current.onFull(mebibytes(MAX_BYTES));
        if (started) finish(started);
      },
    }).then(
      (r) => {
        if (leaving) return r.cancel();
        started = r;
        setRecording(r);
        if (previewRef.current) {
          previewRef.current.srcObject = r.stream;
          void previewRef.current.play().catch(() => undefined);
        }
        // The time shown is read from the clock, not counted, so a busy screen never drifts.
        const from = performance.now();
        timer = setInterval(() => setSeconds(Math.floor((performance.now() - from) / 1000)), 250);
      },
      (error: unknown) => leaving || handlers.current.onFailure(error),
    );
    return () => {
      leaving = true;
      clearInterval(timer);
      started?.cancel();
    };
  }, [video]);

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
      <div className="photo-actions">
        <button
          ref={stopRef}
          type="button"
          className="button primary huge"
          onClick={stop}
          aria-disabled={!recording || stopping}
        >
          {t('media.stop')}
        </button>
        <button type="button" className="button secondary" onClick={onClose}>
          {t('media.cancel')}
        </button>
      </div>
    </div>
  );
}
