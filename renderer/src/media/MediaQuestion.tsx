// Audio, video and file questions: record from the microphone (and camera) with a stop button
// and the time so far, play it back, record again or keep it; or choose a file. The bytes decide
// the type (media-choice.ts); the answer is the stored file's name, given to `onChange` only once
// attachment:save has answered.
import { useEffect, useState } from 'react';
import { formatOfName } from '../../../shared/sync/attachment-formats';
import {
  HiddenFileInput,
  KeptButtons,
  PickButtons,
  ReviewButtons,
  StatusLines,
} from '../attachment/AttachmentParts';
import { useAttachmentAnswer } from '../attachment/use-attachment-answer';
import type { QuestionProps } from '../form/question-props';
import type { Wording } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { cameraFailure } from '../photo/camera-failure';
import { chooseMime, HEAD_BYTES, type MediaChoice, type RecordedQuestionType } from './media-choice';
import { loadMedia, saveMedia } from './media-store';
import { MediaPlayer } from './MediaPlayer';
import { RecorderView } from './RecorderView';
import './media.css';

type Origin = 'recorder' | 'file';
type Take = { blob: Blob; fileName: string; from: Origin };
type Step =
  | { kind: 'recording' }
  | { kind: 'review'; take: Take; mime: Extract<MediaChoice, { ok: true }>['mime'] }
  | { kind: 'saving'; take: Take };

export function MediaQuestion({ page, value, onChange, heading, notes }: QuestionProps) {
  const { t } = useT();
  const type = page.question.type as RecordedQuestionType;
  const accept = page.question.accept;
  const answer = useAttachmentAnswer<Step>({ value, onChange });
  const { step, go } = answer;

  const consider = async (take: Take) => {
    let head: Uint8Array;
    try {
      head = new Uint8Array(await take.blob.slice(0, HEAD_BYTES).arrayBuffer());
    } catch {
      return answer.goIdle((tr) => tr.t('media.unreadable'));
    }
    const choice = chooseMime({ head, size: take.blob.size, fileName: take.fileName }, type, accept);
    if (choice.ok) return go({ kind: 'review', take, mime: choice.mime });
    const why: Wording =
      choice.problem === 'tooLarge'
        ? (tr) => tr.t('media.tooLarge', { max: String(choice.maxMiB) })
        : choice.problem === 'notAccepted'
          ? (tr) => tr.t('media.notAccepted', { accept: accept ?? '' })
          : (tr) => tr.t(`media.unsupported.${type}`);
    answer.goIdle(why);
  };

  const keep = (take: Take, mime: Extract<Step, { kind: 'review' }>['mime']) =>
    answer.save({
      saving: { kind: 'saving', take },
      review: { kind: 'review', take, mime },
      store: () => saveMedia(take.blob, mime),
      failed: 'media.saveFailed',
    });

  const status =
    step.kind === 'saving' ? t('media.saving') : answer.showsSaved ? t(`media.saved.${type}`) : '';
  return (
    <section className="question media-question" data-media={type}>
      {heading}
      {notes}
      {answer.keptName !== null ? (
        <Kept
          name={answer.keptName}
          type={type}
          focus={answer.acted}
          onChange={answer.change}
          onRemove={answer.remove}
        />
      ) : null}
      {answer.picking ? (
        <PickButtons
          focus={answer.acted}
          capture={
            type === 'file'
              ? null
              : { label: t(`media.record.${type}`), onClick: () => go({ kind: 'recording' }) }
          }
          chooseFile={{ label: t(`media.chooseFile.${type}`), onClick: answer.chooseFile }}
          cancel={answer.cancelChange && { label: t('media.cancel'), onClick: answer.cancelChange }}
        />
      ) : null}
      {step.kind === 'recording' ? (
        <RecorderView
          video={type === 'video'}
          onRecorded={(blob) => void consider({ blob, fileName: '', from: 'recorder' })}
          onFailure={(error) =>
            answer.goIdle((tr) =>
              tr.t(`media.${type === 'video' ? 'camera' : 'mic'}.${cameraFailure(error)}`),
            )
          }
          onFull={(max) => answer.warn((tr) => tr.t('media.recordingFull', { max: String(max) }))}
          onClose={() => answer.goIdle()}
        />
      ) : null}
      {step.kind === 'review' || step.kind === 'saving' ? (
        <div className="media-review">
          {type === 'file' ? (
            <p className="media-file-name">{step.take.fileName}</p>
          ) : (
            <MediaPlayer blob={step.take.blob} video={type === 'video'} label={t(`media.player.${type}`)} />
          )}
          <ReviewButtons
            saving={step.kind === 'saving'}
            keep={{
              label: t(`media.keep.${type}`),
              onClick: () => step.kind === 'review' && void keep(step.take, step.mime),
            }}
            again={{
              label: t(step.take.from === 'recorder' ? 'media.again' : 'media.chooseAnother'),
              onClick: () =>
                step.take.from === 'recorder'
                  ? go({ kind: 'recording' })
                  : (answer.goIdle(), answer.chooseFile()),
            }}
          />
        </div>
      ) : null}
      <HiddenFileInput
        inputRef={answer.fileRef}
        accept={accept ?? (type === 'file' ? undefined : `${type}/*`)}
        onFile={(file) => void consider({ blob: file, fileName: file.name, from: 'file' })}
      />
      <StatusLines status={status} problem={answer.problemText} />
    </section>
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
      <KeptButtons
        focus={focus}
        change={{ label: t('media.change'), onClick: onChange }}
        remove={{ label: t('media.remove'), onClick: onRemove }}
      />
    </div>
  );
}
