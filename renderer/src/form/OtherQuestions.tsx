// Types the visitor forms do not use yet: dates get the browser's own field; calculations are
// never shown (the engine fills them in).
import { useId } from 'react';
import { useT } from '../i18n/use-t';
import type { QuestionProps } from './question-props';

export function DateQuestion({
  value,
  onChange,
  heading,
  headingId,
  notes,
  describedBy,
  invalid,
}: QuestionProps) {
  const id = useId();
  return (
    <section className="question">
      {heading}
      {notes}
      <input
        id={id}
        className="text-input"
        type="date"
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange(event.target.value)}
        aria-labelledby={headingId}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        data-entry
      />
    </section>
  );
}

export function UnsupportedQuestion({ heading, notes }: QuestionProps) {
  const { t } = useT();
  return (
    <section className="question">
      {heading}
      {notes}
      <p className="hint">{t('question.unsupported')}</p>
    </section>
  );
}
