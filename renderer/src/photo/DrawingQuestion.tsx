// An image question with the signature, draw or annotate appearance: a drawing pad, kept as a PNG
// through the same attachment:save as photos (so storage, sync and export are the photos' own). The
// answer is the stored file's name, given to `onChange` only once attachment:save has answered.
import { useId, useRef, useState } from 'react';
import { errorText } from '../app/error-text';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { HiddenFileInput, StatusLines } from '../attachment/AttachmentParts';
import type { QuestionProps } from '../form/question-props';
import type { Translator, Wording } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { bytesToBase64 } from './base64';
import { CameraView } from './CameraView';
import { padSize, type DrawingKind } from './drawing-pad';
import { DrawingPad, type Background } from './DrawingPad';
import { KeptImage } from './KeptImage';
import { saveDrawing } from './photo-store';
import './photo.css';

type Props = QuestionProps & { kind: DrawingKind };

const EMPTY: Wording = (tr) => tr.t('drawing.empty');

export function DrawingQuestion({ kind, value, onChange, heading, notes }: Props) {
  const translator = useT();
  const name = typeof value === 'string' && value !== '' ? value : null;
  const [drawing, setDrawing] = useState(name === null);
  const [saved, setSaved] = useState(false);
  const [acted, setActed] = useState(false);

  return (
    <section className="question photo-question drawing-question">
      {heading}
      {notes}
      {drawing || name === null ? (
        <Sheet
          kind={kind}
          focus={acted}
          onSaved={(stored) => {
            onChange(stored);
            setSaved(true);
            setActed(true);
            setDrawing(false);
          }}
        />
      ) : (
        <KeptImage
          name={name}
          alt={translator.t('drawing.kept.alt')}
          focus={acted}
          change={{
            label: translator.t('drawing.again'),
            onClick: () => {
              setSaved(false);
              setActed(true);
              setDrawing(true);
            },
          }}
          remove={{
            label: translator.t('drawing.remove'),
            onClick: () => {
              setSaved(false);
              setActed(true);
              onChange(undefined);
            },
          }}
        />
      )}
      <p className="photo-status" role="status">
        {saved && name !== null && !drawing ? translator.t('drawing.saved') : ''}
      </p>
    </section>
  );
}

type SheetProps = { kind: DrawingKind; focus: boolean; onSaved(name: string): void };

/** The pad with its buttons; for annotate, first the image to draw over. */
function Sheet({ kind, focus, onSaved }: SheetProps) {
  const translator = useT();
  const { t } = translator;
  const noteId = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const firstRef = useFocusOnMount<HTMLButtonElement>(focus);
  const [background, setBackground] = useState<Background | null>(null);
  const [camera, setCamera] = useState(false);
  const [generation, setGeneration] = useState(0);
  const [inked, setInked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<Wording | null>(null);

  const showImage = (image: Background | null, trouble: Wording | null = null) => {
    // The image left behind is closed at once (a camera frame holds its memory until then).
    if (background && background !== image) background.image.close();
    setBackground(image);
    setInked(false);
    setCamera(false);
    setProblem(() => trouble);
  };
  const keep = async () => {
    const canvas = canvasRef.current;
    if (!canvas || !inked || saving) {
      if (!inked) setProblem(() => EMPTY);
      return;
    }
    setSaving(true);
    setProblem(null);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    const result = blob
      ? await saveDrawing(bytesToBase64(new Uint8Array(await blob.arrayBuffer())))
      : ({ ok: false, error: { code: 'internal', message: 'the canvas gave no PNG' } } as const);
    setSaving(false);
    if (result.ok) return onSaved(result.value.name);
    const { error } = result;
    setProblem(() => (tr: Translator) => tr.t('drawing.saveFailed', { reason: errorText(error, tr) }));
  };

  const needsImage = kind === 'annotate' && background === null;
  const status = saving ? t('drawing.saving') : '';
  return (
    <div className="drawing-sheet">
      {camera ? (
        <CameraView
          onShot={(frame) => {
            showImage({ image: frame, size: { width: frame.displayWidth, height: frame.displayHeight } });
          }}
          onFailure={(failure) => showImage(null, (tr) => tr.t(`photo.camera.${failure}`))}
          onClose={() => setCamera(false)}
        />
      ) : null}
      {kind === 'annotate' && !camera ? (
        <div className="photo-actions">
          <button
            ref={needsImage ? firstRef : undefined}
            type="button"
            className={needsImage ? 'button primary' : 'button secondary'}
            onClick={() => setCamera(true)}
          >
            {t('photo.useCamera')}
          </button>
          <button type="button" className="button secondary" onClick={() => fileRef.current?.click()}>
            {t(needsImage ? 'drawing.chooseImage' : 'drawing.otherImage')}
          </button>
        </div>
      ) : null}
      {needsImage || camera ? null : (
        <>
          <p id={noteId} className="drawing-note">
            {t('drawing.pointerOnly')}
          </p>
          <DrawingPad
            canvasRef={canvasRef}
            size={padSize(kind, background?.size)}
            background={background}
            generation={generation}
            label={t(`drawing.pad.${kind}`)}
            describedBy={noteId}
            onInk={() => {
              setInked(true);
              setProblem(null);
            }}
          />
          <div className="photo-actions">
            <button
              ref={kind === 'annotate' ? undefined : firstRef}
              type="button"
              className="button primary"
              onClick={() => void keep()}
              aria-disabled={saving}
            >
              {t(kind === 'signature' ? 'drawing.keep.signature' : 'drawing.keep')}
            </button>
            <button
              type="button"
              className="button secondary"
              onClick={() => {
                setInked(false);
                setGeneration((n) => n + 1);
              }}
            >
              {t('drawing.clear')}
            </button>
          </div>
        </>
      )}
      <HiddenFileInput
        inputRef={fileRef}
        accept="image/*"
        onFile={(file) =>
          createImageBitmap(file).then(
            (image) => showImage({ image, size: { width: image.width, height: image.height } }),
            () => showImage(background, (tr) => tr.t('drawing.unreadable')),
          )
        }
      />
      <StatusLines status={status} problem={problem ? problem(translator) : ''} />
    </div>
  );
}
