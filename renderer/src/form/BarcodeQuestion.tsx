// barcode: the door's camera decoder reads a code into the answer; a USB scanner or the keyboard
// types it into the field instead. The camera code loads only when asked for.
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n/use-t';
import { entryAttributes, type QuestionProps } from './question-props';

type Camera = { stop(): void };
type Status = 'off' | 'starting' | 'on' | 'failed';

export function BarcodeQuestion({ value, onChange, heading, notes, ...field }: QuestionProps) {
  const { t } = useT();
  const id = useId();
  const videoRef = useRef<HTMLVideoElement>(null);
  const cameraRef = useRef<Camera | null>(null);
  const [status, setStatus] = useState<Status>('off');
  const stop = () => {
    cameraRef.current?.stop();
    cameraRef.current = null;
  };
  useEffect(() => stop, []);

  const scan = async () => {
    const video = videoRef.current;
    if (!video) return;
    setStatus('starting');
    try {
      const { startDoorCamera } = await import('../door/camera/door-camera');
      cameraRef.current = await startDoorCamera(video, (text) => {
        stop();
        setStatus('off');
        onChange(text);
      });
      setStatus('on');
    } catch {
      setStatus('failed');
    }
  };

  return (
    <section className="question">
      {heading}
      {notes}
      <input
        id={id}
        className="text-input"
        type="text"
        autoComplete="off"
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.target.value)}
        {...entryAttributes(field)}
      />
      <div className="geo-actions">
        {status === 'on' ? (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              stop();
              setStatus('off');
            }}
          >
            {t('barcode.stop')}
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            onClick={() => void scan()}
            disabled={status === 'starting'}
          >
            {t('barcode.scan')}
          </button>
        )}
      </div>
      <video ref={videoRef} className="barcode-video" hidden={status !== 'on'} muted playsInline />
      <p role="status">
        {status === 'failed' ? t('barcode.failed') : status === 'on' ? t('barcode.hold') : ''}
      </p>
    </section>
  );
}
