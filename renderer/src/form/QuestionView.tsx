// One page of a form: the question's heading, hint, inline message and the widget for its type.
// Labels and hints are filled with earlier answers (${name}); choices, read-only and required
// come from the engine's evaluation of the answers so far.
import { useEffect, useId, useRef } from 'react';
import { fillText, type CompiledForm, type FormEvaluation, type Page } from '../../../shared/forms/engine';
import type { AnswerValue, Choice } from '../../../shared/forms/form-definition';
import { ReadAloudButton } from '../app/ReadAloudButton';
import { useT } from '../i18n/use-t';
import { ChoiceQuestion } from './ChoiceQuestion';
import { NoteQuestion } from './NoteQuestion';
import { NumberQuestion } from './NumberQuestion';
import { entryField, hasAppearance, type QuestionProps } from './question-props';
import { TextQuestion } from './TextQuestion';
import { ImageQuestion } from '../photo';
import { MediaQuestion } from '../media/MediaQuestion';
import { AcknowledgeQuestion, DigitsQuestion, RangeQuestion } from './SimpleInputs';
import { DateQuestion, DateTimeQuestion, TimeQuestion } from './DateTimeQuestions';
import { RankQuestion } from './RankQuestion';
import { GeopointQuestion } from './GeopointQuestion';
import { GeotraceQuestion } from './GeotraceQuestion';
import { BarcodeQuestion } from './BarcodeQuestion';
import '../styles/form-inputs.css';

type Props = {
  page: Page;
  value: AnswerValue | undefined;
  onChange(value: AnswerValue | undefined): void;
  /** The message to show, or '' while there is none to show. */
  issue: string;
  /** The question's whole choice list; the evaluation says which of them are on offer. */
  choices: readonly Choice[];
  /** 2 when the page has no section heading above it, else 3. */
  level: 2 | 3;
  form: CompiledForm;
  evaluation: FormEvaluation;
  /** Staff filling in a field record: guidance hints are for them. */
  staff?: boolean;
  /** The id of the group's hint shown above the page, read with the question. */
  groupHintId?: string | undefined;
};

/**
 * The choices on offer: the evaluation's (choice_filter, randomize, earlier answers) when it has
 * them, else all. Choices from earlier answers are in no list: each shows its own text.
 */
export function offeredChoices(
  choices: readonly Choice[],
  offered: readonly string[] | undefined,
  languages: readonly string[] = [],
): readonly Choice[] {
  if (!offered) return choices;
  const byName = new Map(choices.map((choice) => [choice.name, choice]));
  return offered.map(
    (name) => byName.get(name) ?? { name, label: Object.fromEntries(languages.map((l) => [l, name])) },
  );
}

export function QuestionView(props: Props) {
  const {
    page,
    value,
    onChange,
    issue,
    choices,
    level,
    form,
    evaluation,
    staff = false,
    groupHintId,
  } = props;
  const { t, pick, language, formLang } = useT();
  const pageRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Focus goes to the page's entry field where it has one (its name is the question, so a screen
  // reader still reads the question, and typing goes straight in), otherwise to the heading.
  useEffect(() => {
    (entryField(pageRef.current) ?? headingRef.current)?.focus();
  }, []);
  const headingId = useId();
  const hintId = useId();
  const issueId = useId();
  const requiredId = useId();
  const { question } = page;
  const fill = (text: string) => fillText(form, evaluation, page.path, text, language);
  const privacy = question.type === 'note' && hasAppearance(question.appearance, 'privacy-notice');
  const readOnly = evaluation.readOnly.has(page.path);
  const required = evaluation.required.has(page.path);
  const text = privacy ? t('privacy.title') : fill(pick(question.label));
  const headingContent = <span lang={privacy ? undefined : formLang}>{text}</span>;
  const heading =
    level === 2 ? (
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="question-heading">
        {headingContent}
      </h2>
    ) : (
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="question-heading">
        {headingContent}
      </h3>
    );
  const hint = fill(pick(question.hint));
  const guidance = staff ? fill(pick(question.guidanceHint)) : '';
  const notes = (
    <>
      {/* Beside the heading rather than in it, so the question's name stays its label. */}
      {required ? (
        <p id={requiredId} className="required-mark">
          {t('question.required')}
        </p>
      ) : null}
      <ReadAloudButton text={[text, hint].filter(Boolean).join('. ')} lang={formLang ?? t('meta.locale')} />
      {hint ? (
        <p id={hintId} className="hint" lang={formLang}>
          {hint}
        </p>
      ) : null}
      {guidance ? (
        <p className="hint guidance" lang={formLang}>
          <strong>{t('question.guidance')}</strong> {guidance}
        </p>
      ) : null}
      {/* Always present, so screen readers hear the message when it appears. */}
      <p id={issueId} className="issue" aria-live="assertive">
        {issue}
      </p>
    </>
  );
  const widgetProps: QuestionProps = {
    page,
    value,
    onChange,
    heading,
    headingId,
    notes,
    describedBy: [groupHintId, required && requiredId, hint && hintId, issueId].filter(Boolean).join(' '),
    invalid: issue !== '',
    choices: offeredChoices(choices, evaluation.choiceOptions.get(page.path), form.definition.languages),
    form: { formId: form.definition.formId, version: form.definition.version },
  };

  return (
    <div ref={pageRef} className="question-page">
      {readOnly ? (
        // A disabled fieldset disables every control in it: the answer shows, nothing changes it.
        <fieldset className="read-only" disabled aria-describedby={issueId}>
          <p className="hint">{t('question.readOnly')}</p>
          <Widget props={widgetProps} privacy={privacy} />
        </fieldset>
      ) : (
        <Widget props={widgetProps} privacy={privacy} />
      )}
    </div>
  );
}

function Widget({ props, privacy }: { props: QuestionProps; privacy: boolean }) {
  const { type, appearance } = props.page.question;
  switch (type) {
    case 'select_one':
    case 'select_multiple':
      return <ChoiceQuestion {...props} />;
    case 'rank':
      return <RankQuestion {...props} />;
    case 'integer':
    case 'decimal':
      return <NumberQuestion {...props} />;
    case 'range':
      return <RangeQuestion {...props} />;
    case 'text':
      return hasAppearance(appearance, 'numbers') ? (
        <DigitsQuestion {...props} />
      ) : (
        <TextQuestion {...props} />
      );
    case 'note':
      return <NoteQuestion {...props} privacy={privacy} />;
    case 'acknowledge':
      return <AcknowledgeQuestion {...props} />;
    case 'date':
      return <DateQuestion {...props} />;
    case 'time':
      return <TimeQuestion {...props} />;
    case 'dateTime':
      return <DateTimeQuestion {...props} />;
    case 'geopoint':
      return <GeopointQuestion {...props} />;
    case 'geotrace':
    case 'geoshape':
      return <GeotraceQuestion {...props} />;
    case 'barcode':
      return <BarcodeQuestion {...props} />;
    case 'image':
      return <ImageQuestion {...props} />;
    // Never shown: form-view and field pages leave them out; the engine fills them in.
    case 'calculate':
    case 'hidden':
    case 'metadata':
      return null;
    case 'audio':
    case 'video':
    case 'file':
      return <MediaQuestion {...props} />;
  }
}
