// Audio, video and file questions: record from the microphone (and camera) with a stop button
// and the time so far, play it back, record again or keep it; or choose a file. The bytes decide
// the type (media-choice.ts); the answer is the stored file's name, given to `onChange` only once
// attachment:save has answered.
import { useEffect, useRef, useState } from 'react';
import { formatOfName } from '../../../shared/sync/attachment-formats';
import { errorText } from '../app/error-text';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import type { QuestionProps } from '../form/question-props';
import type { Wording } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { StatusLines } from '../photo/KeptImage';
import { cameraFailure } from '../photo/camera-failure';
import { chooseMime, HEAD_BYTES, type MediaChoice, type RecordedQuestionType } from './media-choice';
import { loadMedia, saveMedia } from './media-store';
import { MediaPlayer } from './MediaPlayer';
import { RecorderView } from './RecorderView';
import './media.css';

type Origin = 'recorder' | 'file';
type Take = { blob: Blob; fileName: string; from: Origin };
type Step =
  | { kind: 'idle' }
  | { kind: 'recording' }
  | { kind: 'review'; take: Take; mime: Extract<MediaChoice, { ok: true }>['mime'] }
  | { kind: 'saving'; take: Take };

export function MediaQuestion({ page, value, onChange, heading, notes }: QuestionProps) {
  const translator = useT();
  const { t } = translator;
  const type = page.question.type as RecordedQuestionType;
  const accept = page.question.accept;
  const name = typeof value === 'string' && value !== '' ? value : null;
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [changing, setChanging] = useState(false);
  const [problem, setProblem] = useState<Wording | null>(null);
  const [saved, setSaved] = useState(false);
  const [acted, setActed] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const go = (next: Step, trouble: Wording | null = null) => {
    setActed(true);
    setProblem(() => trouble);
    setStep(next);
  };

  const consider = async (take: Take) => {
    let head: Uint8Array;
    try {
      head = new Uint8Array(await take.blob.slice(0, HEAD_BYTES).arrayBuffer());
    } catch {
      return go({ kind: 'idle' }, (tr) => tr.t('media.unreadable'));
    }
    const choice = chooseMime({ head, size: take.blob.size, fileName: take.fileName }, type, accept);
    if (choice.ok) return go({ kind: 'review', take, mime: choice.mime });
    const why: Wording =
      choice.problem === 'tooLarge'
        ? (tr) => tr.t('media.tooLarge', { max: String(choice.maxMiB) })
        : choice.problem === 'notAccepted'
          ? (tr) => tr.t('media.notAccepted', { accept: accept ?? '' })
          : (tr) => tr.t(`media.unsupported.${type}`);
    go({ kind: 'idle' }, why);
  };

  const keep = async (take: Take, mime: Extract<Step, { kind: 'review' }>['mime']) => {
    go({ kind: 'saving', take });
    const result = await saveMedia(take.blob, mime);
    if (!result.ok) {
      const { error } = result;
      go({ kind: 'review', take, mime }, (tr) => tr.t('media.saveFailed', { reason: errorText(error, tr) }));
      return;
    }
    onChange(result.value.name);
    setSaved(true);
    setChanging(false);
    go({ kind: 'idle' });
  };

  const chooseFile = () => fileRef.current?.click();
  const idle = step.kind === 'idle';
  const status =
    step.kind === 'saving'
      ? t('media.saving')
      : saved && name !== null && idle
        ? t(`media.saved.${type}`)
        : '';
  return (
    <section className="question media-question" data-media={type}>
      {heading}
      {notes}
      {idle && name !== null && !changing ? (
        <Kept
          name={name}
          type={type}
          focus={acted}
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
          type={type}
          focus={acted}
          onRecord={() => go({ kind: 'recording' })}
          onFile={chooseFile}
          onCancel={changing ? () => setChanging(false) : null}
        />
      ) : null}
      {step.kind === 'recording' ? (
        <RecorderView
          video={type === 'video'}
          onRecorded={(blob) => void consider({ blob, fileName: '', from: 'recorder' })}
          onFailure={(error) =>
            go({ kind: 'idle' }, (tr) =>
              tr.t(`media.${type === 'video' ? 'camera' : 'mic'}.${cameraFailure(error)}`),
            )
          }
          onFull={(max) =>
            setProblem((): Wording => (tr) => tr.t('media.recordingFull', { max: String(max) }))
          }
          onClose={() => go({ kind: 'idle' })}
        />
      ) : null}
      {step.kind === 'review' || step.kind === 'saving' ? (
        <Review
          take={step.take}
          type={type}
          saving={step.kind === 'saving'}
          onKeep={() => step.kind === 'review' && void keep(step.take, step.mime)}
          onAgain={() =>
            step.take.from === 'recorder' ? go({ kind: 'recording' }) : (go({ kind: 'idle' }), chooseFile())
          }
        />
      ) : null}
      <input
        ref={fileRef}
        type="file"
        accept={accept ?? (type === 'file' ? undefined : `${type}/*`)}
        hidden
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void consider({ blob: file, fileName: file.name, from: 'file' });
        }}
      />
      <StatusLines status={status} problem={problem ? problem(translator) : ''} />
    </section>
  );
}

type PickerProps = {
  type: RecordedQuestionType;
  focus: boolean;
  onRecord(): void;
  onFile(): void;
  onCancel: (() => void) | null;
};

function Picker({ type, focus, onRecord, onFile, onCancel }: PickerProps) {
  const { t } = useT();
  const firstRef = useFocusOnMount<HTMLButtonElement>(focus);
  return (
    <div className="photo-actions">
      {type === 'file' ? null : (
        <button ref={firstRef} type="button" className="button primary" onClick={onRecord}>
          {t(`media.record.${type}`)}
        </button>
      )}
      <button
        ref={type === 'file' ? firstRef : undefined}
        type="button"
        className={type === 'file' ? 'button primary' : 'button secondary'}
        onClick={onFile}
      >
        {t(`media.chooseFile.${type}`)}
      </button>
      {onCancel ? (
        <button type="button" className="button quiet" onClick={onCancel}>
          {t('media.cancel')}
        </button>
      ) : null}
    </div>
  );
}

type ReviewProps = {
  take: Take;
  type: RecordedQuestionType;
  saving: boolean;
  onKeep(): void;
  onAgain(): void;
};

function Review({ take, type, saving, onKeep, onAgain }: ReviewProps) {
  const { t } = useT();
  const keepRef = useFocusOnMount<HTMLButtonElement>();
  return (
    <div className="media-review">
      {type === 'file' ? (
        <p className="media-file-name">{take.fileName}</p>
      ) : (
        <MediaPlayer blob={take.blob} video={type === 'video'} label={t(`media.player.${type}`)} />
      )}
      <div className="photo-actions">
        <button
          ref={keepRef}
          type="button"
          className="button primary"
          onClick={() => saving || onKeep()}
          aria-disabled={saving}
        >
          {t(`media.keep.${type}`)}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => saving || onAgain()}
          aria-disabled={saving}
        >
          {t(take.from === 'recorder' ? 'media.again' : 'media.chooseAnother')}
        </button>
      </div>
    </div>
  );
}

type KeptProps = {
  name: string;
  type: RecordedQuestionType;
  focus: boolean;
  onChange(): void;
  onRemove(): void;
};

/** The kept answer: a player for a recording (loaded from the kiosk), the file's type for a document. */
function Kept({ name, type, focus, onChange, onRemove }: KeptProps) {
  const { t } = useT();
  const changeRef = useFocusOnMount<HTMLButtonElement>(focus);
  const [blob, setBlob] = useState<Blob | null | 'missing'>(null);
  const playable = formatOfName(name).kind === 'audio' || formatOfName(name).kind === 'video';
  useEffect(() => {
    if (!playable) return;
    let current = true;
    loadMedia(name).then(
      (loaded) => current && setBlob(loaded),
      () => current && setBlob('missing'),
    );
    return () => {
      current = false;
    };
  }, [name, playable]);
  return (
    <div className="media-kept" data-attachment={name}>
      {blob instanceof Blob ? (
        <MediaPlayer
          blob={blob}
          video={formatOfName(name).kind === 'video'}
          label={t(`media.player.${type}`)}
        />
      ) : (
        <p className="media-file-name">
          {blob === 'missing'
            ? t('media.missing')
            : t('media.kept', { type: formatOfName(name).extension.toUpperCase() })}
        </p>
      )}
      <div className="photo-actions">
        <button ref={changeRef} type="button" className="button secondary" onClick={onChange}>
          {t('media.change')}
        </button>
        <button type="button" className="button quiet" onClick={onRemove}>
          {t('media.remove')}
        </button>
      </div>
    </div>
  );
}
