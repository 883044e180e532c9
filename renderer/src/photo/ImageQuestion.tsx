// A photo question: taken with the webcam (preview, shutter, then retake or keep) or chosen from a
// file. The photo is resized in the photo worker and saved through the kiosk core; the answer is
// the stored file's name, given to `onChange` only once attachment:save has answered.
import { useRef, useState } from 'react';
import { useT } from '../i18n/use-t';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { errorText } from '../app/error-text';
import type { QuestionProps } from '../form/question-props';
import { AttachmentThumbnail } from './AttachmentThumbnail';
import { dataUrl } from './base64';
import { CameraView } from './CameraView';
import { PhotoError, photoResizer } from './photo-resizer';
import { savePhoto } from './photo-store';
import type { PhotoSource, ResizedPhoto } from './resize-protocol';
import { maxPixelsOf } from './target-size';
import './photo.css';

type Origin = 'camera' | 'file';
type Step =
  | { kind: 'pick' }
  | { kind: 'camera' }
  | { kind: 'processing'; from: Origin }
  | { kind: 'review'; photo: ResizedPhoto; from: Origin }
  | { kind: 'saving'; photo: ResizedPhoto; from: Origin };

export function ImageQuestion({ page, value, onChange, heading, notes }: QuestionProps) {
  const maxPixels = maxPixelsOf(page.question);
  const translator = useT();
  const { t } = translator;
  const name = typeof value === 'string' && value !== '' ? value : null;
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [changing, setChanging] = useState(false);
  const [problem, setProblem] = useState('');
  const [saved, setSaved] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const prepare = async (source: PhotoSource, from: Origin) => {
    setProblem('');
    setStep({ kind: 'processing', from });
    try {
      setStep({ kind: 'review', photo: await photoResizer().resize(source, maxPixels), from });
    } catch (error) {
      const unreadable = error instanceof PhotoError && error.reason === 'unreadable';
      setProblem(t(unreadable ? 'photo.unreadable' : 'photo.failed'));
      setStep({ kind: 'pick' });
    }
  };

  const keep = async (photo: ResizedPhoto, from: Origin) => {
    setProblem('');
    setStep({ kind: 'saving', photo, from });
    const result = await savePhoto(photo);
    if (!result.ok) {
      setProblem(t('photo.saveFailed', { reason: errorText(result.error, translator) }));
      setStep({ kind: 'review', photo, from });
      return;
    }
    onChange(result.value.name);
    setSaved(true);
    setChanging(false);
    setStep({ kind: 'pick' });
  };

  const again = (from: Origin) => {
    setProblem('');
    if (from === 'file') {
      setStep({ kind: 'pick' });
      fileRef.current?.click();
    } else setStep({ kind: 'camera' });
  };

  const picking = step.kind === 'pick' && (name === null || changing);
  return (
    <section className="question photo-question">
      {heading}
      {notes}
      {step.kind === 'pick' && name !== null && !changing ? (
        <Kept
          name={name}
          onChange={() => {
            setSaved(false);
            setChanging(true);
          }}
          onRemove={() => {
            setSaved(false);
            onChange(undefined);
          }}
        />
      ) : null}
      {picking ? (
        <div className="photo-actions">
          <button type="button" className="button primary" onClick={() => again('camera')}>
            {t('photo.useCamera')}
          </button>
          <button type="button" className="button secondary" onClick={() => fileRef.current?.click()}>
            {t('photo.chooseFile')}
          </button>
          {changing ? (
            <button type="button" className="button quiet" onClick={() => setChanging(false)}>
              {t('photo.cancel')}
            </button>
          ) : null}
        </div>
      ) : null}
      {step.kind === 'camera' ? (
        <CameraView
          onShot={(frame) => void prepare({ kind: 'frame', frame }, 'camera')}
          onFailure={(failure) => {
            setProblem(t(`photo.camera.${failure}`));
            setStep({ kind: 'pick' });
          }}
          onClose={() => setStep({ kind: 'pick' })}
        />
      ) : null}
      {step.kind === 'review' || step.kind === 'saving' ? (
        <Review
          photo={step.photo}
          from={step.from}
          saving={step.kind === 'saving'}
          onKeep={() => void keep(step.photo, step.from)}
          onAgain={() => again(step.from)}
        />
      ) : null}
      <input
        ref={fileRef}
        type="file"
        accept="image/*"
        hidden
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void prepare({ kind: 'blob', blob: file }, 'file');
        }}
      />
      <p className="photo-status" role="status">
        {step.kind === 'processing'
          ? t('photo.processing')
          : step.kind === 'saving'
            ? t('photo.saving')
            : saved && name !== null
              ? t('photo.saved')
              : ''}
      </p>
      <p className="photo-problem" role="alert">
        {problem}
      </p>
    </section>
  );
}

function Kept({ name, onChange, onRemove }: { name: string; onChange(): void; onRemove(): void }) {
  const { t } = useT();
  return (
    <div className="photo-kept">
      <AttachmentThumbnail name={name} alt={t('photo.kept.alt')} />
      <div className="photo-actions">
        <button type="button" className="button secondary" onClick={onChange}>
          {t('photo.change')}
        </button>
        <button type="button" className="button quiet" onClick={onRemove}>
          {t('photo.remove')}
        </button>
      </div>
    </div>
  );
}

type ReviewProps = {
  photo: ResizedPhoto;
  from: Origin;
  saving: boolean;
  onKeep(): void;
  onAgain(): void;
};

function Review({ photo, from, saving, onKeep, onAgain }: ReviewProps) {
  const { t } = useT();
  const keepRef = useFocusOnMount<HTMLButtonElement>();
  return (
    <div className="photo-review">
      <img
        className="photo-preview"
        src={dataUrl(photo.base64)}
        alt={t('photo.review.alt')}
        width={photo.width}
        height={photo.height}
      />
      <div className="photo-actions">
        <button
          ref={keepRef}
          type="button"
          className="button primary"
          onClick={() => saving || onKeep()}
          aria-disabled={saving}
        >
          {t('photo.keep')}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => saving || onAgain()}
          aria-disabled={saving}
        >
          {t(from === 'camera' ? 'photo.retake' : 'photo.chooseAnother')}
        </button>
      </div>
    </div>
  );
}
