// date (with the month-year and year appearances), time and dateTime in the browser's own fields,
// which are keyboard- and screen-reader-friendly and show the kiosk's locale.
import { useId, useState } from 'react';
import { entryAttributes, type QuestionProps } from './question-props';
import { dateInputValue, dateMode, storedDate } from './date-values';

type InputType = 'date' | 'month' | 'time' | 'datetime-local' | 'text';

function DateLikeField({
  props,
  type,
  shown,
  toStored,
}: {
  props: QuestionProps;
  type: InputType;
  shown: string;
  toStored(input: string): string | undefined;
}) {
  const id = useId();
  const [draft, setDraft] = useState(shown);
  const { onChange, heading, notes } = props;
  return (
    <section className="question">
      {heading}
      {notes}
      <input
        id={id}
        className="text-input date-input"
        type={type}
        {...(type === 'text' && { inputMode: 'numeric', maxLength: 4, autoComplete: 'off' })}
        value={draft}
        onChange={(event) => {
          setDraft(event.target.value);
          onChange(toStored(event.target.value));
        }}
        {...entryAttributes(props)}
      />
    </section>
  );
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function DateQuestion(props: QuestionProps) {
  const mode = dateMode(props.page.question.appearance);
  return (
    <DateLikeField
      props={props}
      type={mode === 'year' ? 'text' : mode === 'month-year' ? 'month' : 'date'}
      shown={dateInputValue(text(props.value), mode)}
      toStored={(input) => storedDate(input, mode)}
    />
  );
}

export function TimeQuestion(props: QuestionProps) {
  return (
    <DateLikeField
      props={props}
      type="time"
      shown={text(props.value).slice(0, 5)}
      toStored={(input) => input || undefined}
    />
  );
}

export function DateTimeQuestion(props: QuestionProps) {
  return (
    <DateLikeField
      props={props}
      type="datetime-local"
      shown={text(props.value).slice(0, 16)}
      toStored={(input) => input || undefined}
    />
  );
}
