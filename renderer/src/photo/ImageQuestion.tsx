// An image question: a drawing pad for the signature, draw and annotate appearances; otherwise a
// photo question: taken with the webcam (preview, shutter, then retake or keep) or chosen from a
// file. The photo is resized in the photo worker and saved through the kiosk core; the answer is
// the stored file's name, given to `onChange` only once attachment:save has answered.
import { useRef, useState } from 'react';
import { drawingAppearance } from '../../../shared/forms/appearances';
import { errorText } from '../app/error-text';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import type { QuestionProps } from '../form/question-props';
import type { Wording } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { dataUrl } from './base64';
import { CameraView } from './CameraView';
import { DrawingQuestion } from './DrawingQuestion';
import { ImageFileInput, KeptImage, StatusLines } from './KeptImage';
import { PhotoError, photoResizer } from './photo-resizer';
import { savePhoto } from './photo-store';
import type { PhotoSource, ResizedPhoto } from './resize-protocol';
import { maxPixelsOf } from './target-size';
import './photo.css';

type Origin = 'camera' | 'file';
type Step =
  | { kind: 'idle' }
  | { kind: 'camera' }
  | { kind: 'processing' }
  | { kind: 'review'; photo: ResizedPhoto; from: Origin }
  | { kind: 'saving'; photo: ResizedPhoto; from: Origin };

export function ImageQuestion(props: QuestionProps) {
  const drawing = drawingAppearance(props.page.question.appearance);
  return drawing ? <DrawingQuestion {...props} kind={drawing} /> : <PhotoQuestion {...props} />;
}

function PhotoQuestion({ page, value, onChange, heading, notes }: QuestionProps) {
  const translator = useT();
  const { t } = translator;
  const name = typeof value === 'string' && value !== '' ? value : null;
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [changing, setChanging] = useState(false);
  const [problem, setProblem] = useState<Wording | null>(null);
  const [saved, setSaved] = useState(false);
  // Focus follows staff's actions; on arrival it stays on the question's heading.
  const [acted, setActed] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const go = (next: Step, trouble: Wording | null = null) => {
    setActed(true);
    setProblem(() => trouble);
    setStep(next);
  };

  const prepare = async (source: PhotoSource, from: Origin) => {
    go({ kind: 'processing' });
    try {
      go({ kind: 'review', photo: await photoResizer().resize(source, maxPixelsOf(page.question)), from });
    } catch (error) {
      const unreadable = error instanceof PhotoError && error.reason === 'unreadable';
      go({ kind: 'idle' }, (tr) => tr.t(unreadable ? 'photo.unreadable' : 'photo.failed'));
    }
  };

  const keep = async (photo: ResizedPhoto, from: Origin) => {
    go({ kind: 'saving', photo, from });
    const result = await savePhoto(photo);
    if (!result.ok) {
      const { error } = result;
      go({ kind: 'review', photo, from }, (tr) => tr.t('photo.saveFailed', { reason: errorText(error, tr) }));
      return;
    }
    onChange(result.value.name);
    setSaved(true);
    setChanging(false);
    go({ kind: 'idle' });
  };

  const chooseFile = () => fileRef.current?.click();
  const again = (from: Origin) => {
    if (from === 'camera') return go({ kind: 'camera' });
    go({ kind: 'idle' });
    chooseFile();
  };

  const idle = step.kind === 'idle';
  const status =
    step.kind === 'processing'
      ? t('photo.processing')
      : step.kind === 'saving'
        ? t('photo.saving')
        : saved && name !== null && idle
          ? t('photo.saved')
          : '';
  return (
    <section className="question photo-question">
      {heading}
      {notes}
      {idle && name !== null && !changing ? (
        <KeptImage
          name={name}
          alt={t('photo.kept.alt')}
          focus={acted}
          changeLabel={t('photo.change')}
          removeLabel={t('photo.remove')}
          onChange={() => {
            setSaved(false);
            setChanging(true);
            go({ kind: 'idle' });
          }}
          onRemove={() => {
            setSaved(false);
            onChange(undefined);
            go({ kind: 'idle' });
          }}
        />
      ) : null}
      {idle && (name === null || changing) ? (
        <Picker
          focus={acted}
          onCamera={() => go({ kind: 'camera' })}
          onFile={chooseFile}
          onCancel={changing ? () => setChanging(false) : null}
        />
      ) : null}
      {step.kind === 'camera' ? (
        <CameraView
          onShot={(frame) => void prepare({ kind: 'frame', frame }, 'camera')}
          onFailure={(failure) => go({ kind: 'idle' }, (tr) => tr.t(`photo.camera.${failure}`))}
          onClose={() => go({ kind: 'idle' })}
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
      <ImageFileInput
        inputRef={fileRef}
        onFile={(file) => void prepare({ kind: 'blob', blob: file }, 'file')}
      />
      <StatusLines status={status} problem={problem ? problem(translator) : ''} />
    </section>
  );
}

type PickerProps = { focus: boolean; onCamera(): void; onFile(): void; onCancel: (() => void) | null };

function Picker({ focus, onCamera, onFile, onCancel }: PickerProps) {
  const { t } = useT();
  const cameraRef = useFocusOnMount<HTMLButtonElement>(focus);
  return (
    <div className="photo-actions">
      <button ref={cameraRef} type="button" className="button primary" onClick={onCamera}>
        {t('photo.useCamera')}
      </button>
      <button type="button" className="button secondary" onClick={onFile}>
        {t('photo.chooseFile')}
      </button>
      {onCancel ? (
        <button type="button" className="button quiet" onClick={onCancel}>
          {t('photo.cancel')}
        </button>
      ) : null}
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
