// integer / decimal: the field plus an on-screen keypad. The field holds the text being typed
// ("12." on the way to "12.5"); the answer is the number it stands for.
import { useId, useState } from 'react';
import { NumericKeypad } from '../input/NumericKeypad';
import { draftToNumber, isNumberDraft, normalizeNumberInput, type NumberKind } from '../input/text-editing';
import { useCaretEditing } from '../input/use-caret-editing';
import type { QuestionProps } from './question-props';

export function NumberQuestion({
  page,
  value,
  onChange,
  heading,
  headingId,
  notes,
  describedBy,
  invalid,
}: QuestionProps) {
  const id = useId();
  const kind: NumberKind = page.question.type === 'decimal' ? 'decimal' : 'integer';
  const [draft, setDraft] = useState(() => (typeof value === 'number' ? String(value) : ''));
  const accept = (next: string) => isNumberDraft(next, kind);
  const change = (next: string) => {
    setDraft(next);
    onChange(draftToNumber(next));
  };
  const { setField, edit } = useCaretEditing(draft, change, accept);

  return (
    <section className="question">
      {heading}
      {notes}
      <div className="number-entry">
        <input
          ref={setField}
          id={id}
          className="text-input number-input"
          type="text"
          inputMode={kind === 'decimal' ? 'decimal' : 'numeric'}
          autoComplete="off"
          value={draft}
          onChange={(event) => {
            const next = normalizeNumberInput(event.target.value);
            if (accept(next)) change(next);
          }}
          aria-labelledby={headingId}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          data-entry
        />
        <NumericKeypad decimal={kind === 'decimal'} onEdit={edit} />
      </div>
    </section>
  );
}
