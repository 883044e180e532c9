// integer / decimal: the field plus an on-screen keypad. The field holds the text being typed
// ("12." on the way to "12.5"); the answer is the number it stands for.
import { useId, useState } from 'react';
import { NumericKeypad } from '../input/NumericKeypad';
import { draftToNumber, isNumberDraft, normalizeNumberInput, type NumberKind } from '../input/text-editing';
import { useCaretEditing } from '../input/use-caret-editing';
import { entryAttributes, type EntryLabels, type QuestionProps } from './question-props';

export function NumberQuestion({ page, value, onChange, ...entry }: QuestionProps) {
  const kind: NumberKind = page.question.type === 'decimal' ? 'decimal' : 'integer';
  return (
    <NumberEntry
      {...entry}
      initial={typeof value === 'number' ? String(value) : ''}
      accept={(next) => isNumberDraft(next, kind)}
      onDraft={(next) => onChange(draftToNumber(next))}
      normalize={normalizeNumberInput}
      inputMode={kind === 'decimal' ? 'decimal' : 'numeric'}
      keypadDecimal={kind === 'decimal'}
    />
  );
}

type NumberEntryProps = Pick<QuestionProps, 'heading' | 'notes'> &
  EntryLabels & {
    initial: string;
    /** Whether a draft may stand in the field (typed, pasted or keyed). */
    accept(next: string): boolean;
    /** Each accepted draft, for the question to turn into its answer. */
    onDraft(next: string): void;
    normalize?: ((typed: string) => string) | undefined;
    inputMode: 'decimal' | 'numeric';
    keypadDecimal: boolean;
  };

/** A text field that takes a number being typed, with the on-screen keypad beside it. */
export function NumberEntry({
  heading,
  notes,
  initial,
  accept,
  onDraft,
  normalize = (typed) => typed,
  inputMode,
  keypadDecimal,
  ...field
}: NumberEntryProps) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const change = (next: string) => {
    setDraft(next);
    onDraft(next);
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
          inputMode={inputMode}
          autoComplete="off"
          value={draft}
          onChange={(event) => {
            const next = normalize(event.target.value);
            if (accept(next)) change(next);
          }}
          {...entryAttributes(field)}
        />
        <NumericKeypad decimal={keypadDecimal} onEdit={edit} />
      </div>
    </section>
  );
}
