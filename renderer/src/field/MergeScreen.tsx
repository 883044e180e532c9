// A conflict side by side: the current revisions' answers field by field, differences marked,
// one choice per differing field (a repeat's entries chosen as a whole); then the merge draft.
import { useId, useState } from 'react';
import type { Answers } from '../../../shared/forms/form-definition';
import type { RevisionView } from '../../../shared/ipc/field-contract';
import { errorText } from '../app/error-text';
import { Filled } from '../i18n/Filled';
import type { Translator } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { StaffHeader } from '../staff/StaffHeader';
import type { FieldForm } from '../store/field-slice';
import { kioskStore, useKiosk } from '../store/use-kiosk';
import { answerText } from './answer-text';
import { entrySummary } from './entry-summary';
import { differs, mergeFields, type MergeField } from './merge-fields';

function fieldText(form: FieldForm, field: MergeField, answers: Answers, translator: Translator): string {
  const value = answers[field.name];
  if (field.kind === 'question') return answerText(form.definition, field.question, value, translator);
  const node = form.compiled.byName.get(field.name);
  if (!Array.isArray(value) || node?.kind !== 'repeat') return '';
  return value
    .filter((entry): entry is Answers => typeof entry === 'object')
    .map((entry) => entrySummary(form.definition, node, entry, translator).text)
    .join(' / ');
}

export function MergeScreen() {
  const translator = useT();
  const { t, pick, locale } = translator;
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
          <button type="button" className="button secondary" onClick={closeConflict}>
            {t('field.merge.cancel')}
          </button>
        </StaffHeader>
        <p className="lead">{t('field.merge.help')}</p>
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
              texts={sides.map((answers) => fieldText(form, field, answers, translator))}
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
  texts: string[];
  sideNames: string[];
  different: boolean;
  chosen: number;
  onChoose(side: number): void;
};

function MergeRow({ label, texts, sideNames, different, chosen, onChoose }: RowProps) {
  const { t } = useT();
  const name = useId();
  if (!different) {
    return (
      <div className="merge-row">
        <p className="review-label">{label}</p>
        <p className="review-value">{texts[0] || t('field.review.none')}</p>
      </div>
    );
  }
  return (
    <fieldset className="merge-row is-different">
      <legend className="review-label">
        {label} <span className="badge badge-conflict">{t('field.merge.different')}</span>
      </legend>
      <div className="merge-choices">
        {texts.map((text, side) => (
          <label key={sideNames[side]} className={side === chosen ? 'choice is-selected' : 'choice'}>
            <input type="radio" name={name} checked={side === chosen} onChange={() => onChoose(side)} />
            <span className="choice-mark" aria-hidden="true" />
            <span>
              <span className="merge-side-name">{sideNames[side]}</span>
              {text || t('field.review.none')}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
