// A type the form check refuses reaches no kiosk; if one does, it says so instead of a blank page.
import { useT } from '../i18n/use-t';
import type { QuestionProps } from './question-props';

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
