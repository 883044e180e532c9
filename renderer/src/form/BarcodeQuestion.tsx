// barcode: the door's camera decoder reads a QR, Data Matrix or 1-D code (BARCODE_QUESTION_FORMATS)
// into the answer; a USB scanner, the keyboard or the on-screen keyboard types it into the field
// instead. The camera code loads only when asked for.
import { useEffect, useId, useRef, useState } from 'react';
import type { Holding } from '../app/hold-while-shown';
import { useLatest } from '../app/use-latest';
import type { DoorCamera } from '../door/camera/door-camera';
import { BARCODE_QUESTION_FORMATS } from '../door/camera/scan-formats';
import { startScannerCamera } from '../door/scanner-camera';
import { useT } from '../i18n/use-t';
import { KeyboardField } from '../input/KeyboardField';
import { maxLengthOf } from '../input/text-rules';
import { readBarcode, type BarcodeStatus } from './barcode-camera';
import type { QuestionProps } from './question-props';

export function BarcodeQuestion({ page, value, onChange, heading, notes, ...field }: QuestionProps) {
  const { t } = useT();
  const id = useId();
  const videoRef = useRef<HTMLVideoElement>(null);
  const holdRef = useRef<Holding<DoorCamera | null> | null>(null);
  const onChangeRef = useLatest(onChange);
  const [status, setStatus] = useState<BarcodeStatus>('off');
  const stop = () => {
    holdRef.current?.leave();
    holdRef.current = null;
  };
  useEffect(() => stop, []);

  const scan = () => {
    setStatus('starting');
    holdRef.current = readBarcode(
      (onText) => startScannerCamera(() => videoRef.current, onText, BARCODE_QUESTION_FORMATS),
      setStatus,
      (text) => onChangeRef.current(text),
    );
  };

  return (
    <section className="question">
      {heading}
      {notes}
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
          // aria-disabled, not disabled: a disabled button drops the focus, which would leave the
          // keyboard user who pressed it at the top of the page instead of on Apagar, then on Leer.
          <button
            type="button"
            className="button primary"
            onClick={() => status === 'starting' || scan()}
            aria-disabled={status === 'starting'}
          >
            {t('barcode.scan')}
          </button>
        )}
      </div>
      <video ref={videoRef} className="barcode-video" hidden={status !== 'on'} muted playsInline />
      <p role="status">
        {status === 'failed' ? t('barcode.failed') : status === 'on' ? t('barcode.hold') : ''}
      </p>
      {/* The on-screen keyboard too: a touch kiosk without a camera has no other way to type. */}
      <KeyboardField
        id={id}
        value={typeof value === 'string' ? value : ''}
        onChange={onChange}
        keyboard="on-focus"
        maxLength={maxLengthOf(page.question.constraint)}
        labelledBy={field.headingId}
        describedBy={field.describedBy}
        invalid={field.invalid}
        entry
      />
    </section>
  );
}
