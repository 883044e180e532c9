// An image question: a drawing pad for the signature, draw and annotate appearances; otherwise a
// photo question: taken with the webcam (preview, shutter, then retake or keep) or chosen from a
// file. The photo is resized in the photo worker and saved through the kiosk core; the answer is
// the stored file's name, given to `onChange` only once attachment:save has answered.
import { drawingAppearance } from '../../../shared/forms/appearances';
import { HiddenFileInput, PickButtons, ReviewButtons, StatusLines } from '../attachment/AttachmentParts';
import { useAttachmentAnswer } from '../attachment/use-attachment-answer';
import type { QuestionProps } from '../form/question-props';
import { useT } from '../i18n/use-t';
import { dataUrl } from './base64';
import { CameraView } from './CameraView';
import { DrawingQuestion } from './DrawingQuestion';
import { KeptImage } from './KeptImage';
import { PhotoError, photoResizer } from './photo-resizer';
import { savePhoto } from './photo-store';
import type { PhotoSource, ResizedPhoto } from './resize-protocol';
import { maxPixelsOf } from './target-size';
import './photo.css';

type Origin = 'camera' | 'file';
type Step =
  | { kind: 'camera' }
  | { kind: 'processing' }
  | { kind: 'review'; photo: ResizedPhoto; from: Origin }
  | { kind: 'saving'; photo: ResizedPhoto; from: Origin };

export function ImageQuestion(props: QuestionProps) {
  const drawing = drawingAppearance(props.page.question.appearance);
  return drawing ? <DrawingQuestion {...props} kind={drawing} /> : <PhotoQuestion {...props} />;
}

function PhotoQuestion({ page, value, onChange, heading, notes }: QuestionProps) {
  const { t } = useT();
  const answer = useAttachmentAnswer<Step>({ value, onChange });
  const { step, go } = answer;

  const prepare = async (source: PhotoSource, from: Origin) => {
    go({ kind: 'processing' });
    try {
      go({ kind: 'review', photo: await photoResizer().resize(source, maxPixelsOf(page.question)), from });
    } catch (error) {
      const unreadable = error instanceof PhotoError && error.reason === 'unreadable';
      answer.goIdle((tr) => tr.t(unreadable ? 'photo.unreadable' : 'photo.failed'));
    }
  };

  const keep = (photo: ResizedPhoto, from: Origin) =>
    answer.save({
      saving: { kind: 'saving', photo, from },
      review: { kind: 'review', photo, from },
      store: () => savePhoto(photo),
      failed: 'photo.saveFailed',
    });

  const again = (from: Origin) => {
    if (from === 'camera') return go({ kind: 'camera' });
    answer.goIdle();
    answer.chooseFile();
  };

  const status =
    step.kind === 'processing'
      ? t('photo.processing')
      : step.kind === 'saving'
        ? t('photo.saving')
        : answer.showsSaved
          ? t('photo.saved')
          : '';
  return (
    <section className="question photo-question">
      {heading}
      {notes}
      {answer.keptName !== null ? (
        <KeptImage
          name={answer.keptName}
          alt={t('photo.kept.alt')}
          focus={answer.acted}
          change={{ label: t('photo.change'), onClick: answer.change }}
          remove={{ label: t('photo.remove'), onClick: answer.remove }}
        />
      ) : null}
      {answer.picking ? (
        <PickButtons
          focus={answer.acted}
          capture={{ label: t('photo.useCamera'), onClick: () => go({ kind: 'camera' }) }}
          chooseFile={{ label: t('photo.chooseFile'), onClick: answer.chooseFile }}
          cancel={answer.cancelChange && { label: t('photo.cancel'), onClick: answer.cancelChange }}
        />
      ) : null}
      {step.kind === 'camera' ? (
        <CameraView
          onShot={(frame) => void prepare({ kind: 'frame', frame }, 'camera')}
          onFailure={(failure) => answer.goIdle((tr) => tr.t(`photo.camera.${failure}`))}
          onClose={() => answer.goIdle()}
        />
      ) : null}
      {step.kind === 'review' || step.kind === 'saving' ? (
        <div className="photo-review">
          <img
            className="photo-preview"
            src={dataUrl(step.photo.base64)}
            alt={t('photo.review.alt')}
            width={step.photo.width}
            height={step.photo.height}
          />
          <ReviewButtons
            saving={step.kind === 'saving'}
            keep={{ label: t('photo.keep'), onClick: () => void keep(step.photo, step.from) }}
            again={{
              label: t(step.from === 'camera' ? 'photo.retake' : 'photo.chooseAnother'),
              onClick: () => again(step.from),
            }}
          />
        </div>
      ) : null}
      <HiddenFileInput
        inputRef={answer.fileRef}
        accept="image/*"
        onFile={(file) => void prepare({ kind: 'blob', blob: file }, 'file')}
      />
      <StatusLines status={status} problem={answer.problemText} />
    </section>
  );
}
