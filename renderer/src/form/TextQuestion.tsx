import { KeyboardField } from '../input/KeyboardField';
import { textRules } from '../input/text-rules';
import { hasAppearance, type QuestionProps } from './question-props';
import { useId } from 'react';

export function TextQuestion({ page, value, onChange, heading, notes, ...labels }: QuestionProps) {
  const id = useId();
  return (
    <section className="question">
      {heading}
      {notes}
      <KeyboardField
        id={id}
        value={typeof value === 'string' ? value : ''}
        onChange={onChange}
        keyboard="always"
        multiline={hasAppearance(page.question.appearance, 'multiline')}
        {...textRules(page.question)}
        labelledBy={labels.headingId}
        describedBy={labels.describedBy}
        invalid={labels.invalid}
        entry
      />
    </section>
  );
}
