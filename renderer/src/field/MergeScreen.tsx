// A conflict side by side: the current revisions' answers field by field, differences marked,
// one choice per differing field (a repeat's entries chosen as a whole); then the merge draft.
import { useId, useState } from 'react';
import type { Answers } from '../../../shared/forms/form-definition';
import type { RevisionView } from '../../../shared/ipc/field-contract';
import { errorText } from '../app/error-text';
import { Filled } from '../i18n/Filled';
import type { Translator } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { AttachmentThumbnail } from '../photo';
import { StaffHeader } from '../staff/StaffHeader';
import type { FieldForm } from '../store/field-slice';
import { kioskStore, useKiosk } from '../store/use-kiosk';
import { answerText } from './answer-text';
import { differs, mergeFields, type MergeField } from './merge-fields';

/**
 * A repeat entry as the merge shows it: its first answers and its photo, if any (a caption alone
 * cannot tell a retaken photo from the first).
 */
type ShownEntry = { texts: string[]; photo: string | undefined };
/** A side's answer to a field: a question's text, or a repeat's entries. */
type Shown = { kind: 'text'; text: string } | { kind: 'entries'; entries: ShownEntry[] };

function shownAnswer(form: FieldForm, field: MergeField, answers: Answers, translator: Translator): Shown {
  const value = answers[field.name];
  if (field.kind === 'question')
    return { kind: 'text', text: answerText(form.definition, field.question, value, translator) };
  const photoQuestion = field.children.find((question) => question.type === 'image');
  const entries = (Array.isArray(value) ? value : [])
    .filter((entry): entry is Answers => typeof entry === 'object')
    .map((entry) => {
      const photo = photoQuestion && entry[photoQuestion.name];
      return {
        // Each answer apart, so each is isolated on screen (see ShownValue).
        texts: field.children
          .map((question) => answerText(form.definition, question, entry[question.name], translator))
          .filter((text) => text !== '')
          .slice(0, 2),
        photo: typeof photo === 'string' ? photo : undefined,
      };
    });
  return { kind: 'entries', entries };
}

export function MergeScreen() {
  const translator = useT();
  const { t, tc, pick, locale } = translator;
  const merge = useKiosk((state) => state.field.merge);
  const form = useKiosk((state) =>
    state.field.forms?.find(
      (candidate) => candidate.definition.formId === state.field.merge?.sides[0]?.formId,
    ),
  );
  const [error, setError] = useState('');
  const { chooseMergeSide, mergeRecord, closeConflict } = kioskStore.getState();
  if (!merge || !form) return null;
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const sideName = (side: RevisionView) =>
    t('field.merge.side', {
      revision: side.revision,
      device: side.deviceId,
      date: dates.format(new Date(side.createdAt)),
    });
  const sides = merge.sides.map((side) => side.answers);
  const fields = mergeFields(form.compiled).filter((field) =>
    sides.some((answers) => answers[field.name] !== undefined),
  );

  const confirm = async () => {
    const refused = await mergeRecord();
    if (refused) setError(errorText(refused, translator));
  };

  return (
    <main className="screen staff-screen merge-screen">
      <div className="staff-layout">
        <StaffHeader title={t('field.merge.title')}>
          <button type="button" className="button secondary" onClick={() => void closeConflict()}>
            {t('field.merge.cancel')}
          </button>
        </StaffHeader>
        <p className="lead">{t('field.merge.help')}</p>
        {merge.waiting > 0 ? <p className="hint">{tc('field.merge.waiting', merge.waiting)}</p> : null}
        <ul className="merge-sides">
          {merge.sides.map((side) => (
            <li key={side.id} className="panel">
              <p className="review-label">{sideName(side)}</p>
              {side.editedBy ? (
                <p className="hint">
                  <Filled message={t('field.merge.by')} vars={{ name: side.editedBy }} />
                </p>
              ) : null}
            </li>
          ))}
        </ul>
        <div className="merge-fields">
          {fields.map((field) => (
            <MergeRow
              key={field.name}
              label={pick(field.kind === 'question' ? field.question.label : field.group.label)}
              shown={sides.map((answers) => shownAnswer(form, field, answers, translator))}
              sideNames={merge.sides.map(sideName)}
              different={differs(field, sides)}
              chosen={merge.choices[field.name] ?? 0}
              onChoose={(side) => chooseMergeSide(field.name, side)}
            />
          ))}
        </div>
        <p className="issue" role="alert">
          {error}
        </p>
        <button type="button" className="button primary" onClick={() => void confirm()}>
          {t('field.merge.confirm')}
        </button>
      </div>
    </main>
  );
}

type RowProps = {
  label: string;
  shown: Shown[];
  sideNames: string[];
  different: boolean;
  chosen: number;
  onChoose(side: number): void;
};

function MergeRow({ label, shown, sideNames, different, chosen, onChoose }: RowProps) {
  const { t } = useT();
  const name = useId();
  if (!different) {
    return (
      <div className="merge-row">
        <p className="review-label">{label}</p>
        <p className="review-value">{shown[0] && <ShownValue shown={shown[0]} />}</p>
      </div>
    );
  }
  return (
    <fieldset className="merge-row is-different">
      <legend className="review-label">
        {label} <span className="badge badge-conflict">{t('field.merge.different')}</span>
      </legend>
      <div className="merge-choices">
        {shown.map((value, side) => (
          <label key={sideNames[side]} className={side === chosen ? 'choice is-selected' : 'choice'}>
            <input type="radio" name={name} checked={side === chosen} onChange={() => onChoose(side)} />
            <span className="choice-mark" aria-hidden="true" />
            {/* Shrinks and wraps anywhere: one long word must not push the screen sideways. */}
            <span className="review-text review-value">
              <span className="merge-side-name">{sideNames[side]}</span>
              <ShownValue shown={value} />
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * Every answer in its own <bdi>: one holding a U+202E (right-to-left override) turns itself
 * around, never the options or entries after it.
 */
function ShownValue({ shown }: { shown: Shown }) {
  const { t } = useT();
  if (shown.kind === 'text') return shown.text ? <bdi>{shown.text}</bdi> : <>{t('field.review.none')}</>;
  if (shown.entries.length === 0) return <>{t('field.review.none')}</>;
  return shown.entries.map((entry, index) => (
    <span key={index}>
      {index > 0 ? ' / ' : null}
      {entry.photo ? (
        <AttachmentThumbnail name={entry.photo} alt={t('field.photo.alt', { number: index + 1 })} />
      ) : null}
      {entry.texts.map((text, at) => (
        <span key={at}>
          {at > 0 ? ' · ' : null}
          <bdi>{text}</bdi>
        </span>
      ))}
    </span>
  ));
}
