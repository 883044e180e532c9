// select_one / select_multiple as big toggle buttons: native radios and checkboxes inside their
// labels, so they keep their roles, arrow keys and screen-reader names.
import { useId, useState } from 'react';
import { useT } from '../i18n/use-t';
import { searchKey } from '../input/text-editing';
import { KeyboardField } from '../input/KeyboardField';
import { hasAppearance, type QuestionProps } from './question-props';

/** Past this many options a list gets a filter field (states, municipalities). */
export const LONG_LIST = 12;

export function ChoiceQuestion({
  page,
  value,
  onChange,
  heading,
  notes,
  describedBy,
  choices,
}: QuestionProps) {
  const { t, pick } = useT();
  const filterId = useId();
  const [filter, setFilter] = useState('');
  const { question } = page;
  const multiple = question.type === 'select_multiple';
  const likert = hasAppearance(question.appearance, 'likert');
  const selected = new Set(
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.filter((v) => typeof v === 'string')
        : [],
  );
  const long = choices.length > LONG_LIST;
  const wanted = searchKey(filter.trim());
  const shown =
    long && wanted ? choices.filter((choice) => searchKey(pick(choice.label)).includes(wanted)) : choices;

  const toggle = (name: string, checked: boolean) => {
    if (!multiple) {
      onChange(name);
      return;
    }
    const next = new Set(selected);
    if (checked) next.add(name);
    else next.delete(name);
    // Keep the sheet's order, whatever order they were tapped in.
    onChange(choices.filter((choice) => next.has(choice.name)).map((choice) => choice.name));
  };

  return (
    <fieldset className="question" aria-describedby={describedBy}>
      <legend>{heading}</legend>
      {notes}
      {long ? (
        <div className="choice-filter">
          <label htmlFor={filterId}>{t('choices.filter')}</label>
          <KeyboardField
            id={filterId}
            value={filter}
            onChange={setFilter}
            keyboard="on-focus"
            type="search"
          />
        </div>
      ) : null}
      <div className={likert ? 'likert' : long ? 'choices choices-long' : 'choices'}>
        {shown.map((choice) => {
          const checked = selected.has(choice.name);
          return (
            <label key={choice.name} className={checked ? 'choice is-selected' : 'choice'}>
              <input
                type={multiple ? 'checkbox' : 'radio'}
                name={page.path}
                value={choice.name}
                checked={checked}
                onChange={(event) => toggle(choice.name, event.target.checked)}
              />
              <span className="choice-mark" aria-hidden="true" />
              <span className="choice-label">{pick(choice.label)}</span>
            </label>
          );
        })}
      </div>
      {shown.length === 0 ? <p className="hint">{t('choices.noMatch', { filter: filter.trim() })}</p> : null}
    </fieldset>
  );
}
