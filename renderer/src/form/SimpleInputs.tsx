// Small widgets: range (a slider with − / + buttons and the value in words), text with the
// "numbers" appearance (digits on the keypad, kept as text) and acknowledge (one OK button).

import { useT } from '../i18n/use-t';
import { NumberEntry } from './NumberQuestion';
import type { QuestionProps } from './question-props';
import { rangeScale, stepRange } from './range-steps';

export function RangeQuestion({ page, value, onChange, heading, notes, ...labels }: QuestionProps) {
  const { t } = useT();
  const scale = rangeScale(page.question);
  const current = typeof value === 'number' ? value : undefined;
  return (
    <section className="question">
      {heading}
      {notes}
      <div className="range-entry">
        <button
          type="button"
          className="button secondary range-step"
          aria-label={t('range.less')}
          onClick={() => onChange(stepRange(scale, current, -1))}
        >
          −
        </button>
        <input
          type="range"
          className="range-input"
          min={scale.min}
          max={scale.max}
          step={scale.step}
          value={current ?? scale.min}
          aria-labelledby={labels.headingId}
          aria-describedby={labels.describedBy}
          aria-valuetext={current === undefined ? t('range.none') : String(current)}
          onChange={(event) => onChange(Number(event.target.value))}
          data-entry
        />
        <button
          type="button"
          className="button secondary range-step"
          aria-label={t('range.more')}
          onClick={() => onChange(stepRange(scale, current, 1))}
        >
          +
        </button>
      </div>
      <p className="range-value" aria-hidden="true">
        {current === undefined ? t('range.none') : current}
      </p>
      <p className="hint">{t('range.scale', { min: scale.min, max: scale.max })}</p>
    </section>
  );
}

const DIGITS_DRAFT = /^[-+]?[0-9]*\.?[0-9]*$/;

export function DigitsQuestion({ value, onChange, ...entry }: QuestionProps) {
  return (
    <NumberEntry
      {...entry}
      initial={typeof value === 'string' ? value : ''}
      accept={(next) => DIGITS_DRAFT.test(next)}
      onDraft={onChange}
      inputMode="numeric"
      keypadDecimal
    />
  );
}

/** ODK stores "OK" once the person acknowledges; pressing again takes it back. */
export function AcknowledgeQuestion({ value, onChange, heading, notes, describedBy }: QuestionProps) {
  const { t } = useT();
  const done = value === 'OK';
  return (
    <section className="question">
      {heading}
      {notes}
      <button
        type="button"
        className={done ? 'button primary huge' : 'button secondary huge'}
        aria-pressed={done}
        aria-describedby={describedBy}
        onClick={() => onChange(done ? undefined : 'OK')}
        data-entry
      >
        {done ? t('acknowledge.done') : t('acknowledge.ok')}
      </button>
    </section>
  );
}
