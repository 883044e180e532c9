// A recording played back from its bytes: a blob: URL made for it and revoked when it goes.
import { useEffect, useRef } from 'react';

export function MediaPlayer({ blob, video, label }: { blob: Blob; video: boolean; label: string }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const audioRef = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const element = videoRef.current ?? audioRef.current;
    if (!element) return;
    const url = URL.createObjectURL(blob);
    element.src = url;
    return () => {
      element.removeAttribute('src');
      URL.revokeObjectURL(url);
    };
  }, [blob, video]);
  return video ? (
    <video ref={videoRef} className="photo-preview media-player" controls playsInline aria-label={label} />
  ) : (
    <audio ref={audioRef} className="media-player" controls aria-label={label} />
  );
}
