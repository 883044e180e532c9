// select_one / select_multiple as big toggle buttons: native radios and checkboxes inside their
// labels, so they keep their roles, arrow keys and screen-reader names. A choice's image shows
// beside its label; "minimal" folds the list, "search" filters it, "columns"/"likert" lay it out.
import { useEffect, useId, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { Choice } from '../../../shared/forms/form-definition';
import { useT } from '../i18n/use-t';
import { searchKey } from '../input/text-editing';
import { KeyboardField } from '../input/KeyboardField';
import { choiceLayout, LONG_LIST } from './choice-layout';
import { keepAboveDock } from './keep-above-dock';
import { formMediaUrl, type FormVersionShown } from '../../../shared/forms/form-media-url';
import type { QuestionProps } from './question-props';

export function ChoiceQuestion({
  page,
  value,
  onChange,
  heading,
  notes,
  describedBy,
  choices,
  form,
}: QuestionProps) {
  const { t, pick } = useT();
  const filterId = useId();
  const [filter, setFilter] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (filter !== '') keepAboveDock(listRef.current);
  }, [filter]);
  const { question } = page;
  const multiple = question.type === 'select_multiple';
  const layout = choiceLayout(question.appearance, choices.length);
  const selected = new Set(
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.filter((v) => typeof v === 'string')
        : [],
  );
  const wanted = searchKey(filter.trim());
  const shown =
    layout.filter && wanted
      ? choices.filter((choice) => searchKey(pick(choice.label)).includes(wanted))
      : choices;

  const toggle = (name: string, checked: boolean) => {
    if (!multiple) {
      onChange(name);
      return;
    }
    const next = new Set(selected);
    if (checked) next.add(name);
    else next.delete(name);
    // Keep the list's order, whatever order they were tapped in.
    onChange(choices.filter((choice) => next.has(choice.name)).map((choice) => choice.name));
  };

  const listClass = layout.likert
    ? 'likert'
    : layout.columns !== undefined
      ? 'choices choices-columns'
      : choices.length > LONG_LIST
        ? 'choices choices-long'
        : 'choices';
  const listStyle =
    typeof layout.columns === 'number'
      ? ({ '--choice-columns': layout.columns } as CSSProperties)
      : undefined;
  const list = (
    <div ref={listRef} className={listClass} style={listStyle}>
      {shown.map((choice) => (
        <ChoiceButton
          key={choice.name}
          choice={choice}
          form={form}
          name={page.path}
          multiple={multiple}
          checked={selected.has(choice.name)}
          onToggle={toggle}
        />
      ))}
    </div>
  );
  const chosen = choices.filter((choice) => selected.has(choice.name)).map((choice) => pick(choice.label));

  return (
    <fieldset className="question" aria-describedby={describedBy}>
      <legend>{heading}</legend>
      {notes}
      {layout.filter ? (
        // The keyboard opens on focus: once it shows, the heading, field and matches are set above it.
        <div
          className="choice-filter"
          onFocus={() => requestAnimationFrame(() => keepAboveDock(listRef.current))}
        >
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
      {layout.minimal ? <Folded summary={chosen.join(', ') || t('choices.open')}>{list}</Folded> : list}
      {shown.length === 0 ? <p className="hint">{t('choices.noMatch', { filter: filter.trim() })}</p> : null}
    </fieldset>
  );
}

function Folded({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="choices-minimal">
      <summary className="button secondary">{summary}</summary>
      {children}
    </details>
  );
}

type ButtonProps = {
  choice: Choice;
  form: FormVersionShown | undefined;
  name: string;
  multiple: boolean;
  checked: boolean;
  onToggle(name: string, checked: boolean): void;
};

function ChoiceButton({ choice, form, name, multiple, checked, onToggle }: ButtonProps) {
  const { pick, formLang } = useT();
  const image = pick(choice.image);
  // A form installed without its media shows the label alone.
  const [imageFailed, setImageFailed] = useState(false);
  return (
    <label className={checked ? 'choice is-selected' : 'choice'}>
      <input
        type={multiple ? 'checkbox' : 'radio'}
        name={name}
        value={choice.name}
        checked={checked}
        onChange={(event) => onToggle(choice.name, event.target.checked)}
      />
      <span className="choice-mark" aria-hidden="true" />
      {image && form && !imageFailed ? (
        <img
          className="choice-image"
          src={formMediaUrl(form, image)}
          alt=""
          onError={() => setImageFailed(true)}
        />
      ) : null}
      <span className="choice-label" lang={formLang}>
        {pick(choice.label)}
      </span>
    </label>
  );
}
