// One page of a form: the question's heading, hint, inline message and the widget for its type.
import { useEffect, useId, useRef } from 'react';
import type { Page } from '../../../shared/forms/engine';
import type { AnswerValue, Choice } from '../../../shared/forms/form-definition';
import { useT } from '../i18n/use-t';
import { ChoiceQuestion } from './ChoiceQuestion';
import { NoteQuestion } from './NoteQuestion';
import { NumberQuestion } from './NumberQuestion';
import { entryField, hasAppearance, type QuestionProps } from './question-props';
import { TextQuestion } from './TextQuestion';
import { DateQuestion, UnsupportedQuestion } from './OtherQuestions';
import { ImageQuestion } from '../photo';

type Props = {
  page: Page;
  value: AnswerValue | undefined;
  onChange(value: AnswerValue | undefined): void;
  /** The message to show, or '' while there is none to show. */
  issue: string;
  choices: readonly Choice[];
  /** 2 when the page has no section heading above it, else 3. */
  level: 2 | 3;
};

export function QuestionView({ page, value, onChange, issue, choices, level }: Props) {
  const { t, pick } = useT();
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
  const { question } = page;
  const privacy = question.type === 'note' && hasAppearance(question.appearance, 'privacy-notice');
  const text = privacy ? t('privacy.title') : pick(question.label);
  const heading =
    level === 2 ? (
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="question-heading">
        {text}
      </h2>
    ) : (
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="question-heading">
        {text}
      </h3>
    );
  const hint = pick(question.hint);
  const notes = (
    <>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      {/* Always present, so screen readers hear the message when it appears. */}
      <p id={issueId} className="issue" aria-live="assertive">
        {issue}
      </p>
    </>
  );
  const props: QuestionProps = {
    page,
    value,
    onChange,
    heading,
    headingId,
    notes,
    describedBy: hint ? `${hintId} ${issueId}` : issueId,
    invalid: issue !== '',
    choices,
  };

  return (
    <div ref={pageRef} className="question-page">
      <Widget props={props} privacy={privacy} />
    </div>
  );
}

function Widget({ props, privacy }: { props: QuestionProps; privacy: boolean }) {
  switch (props.page.question.type) {
    case 'select_one':
    case 'select_multiple':
      return <ChoiceQuestion {...props} />;
    case 'integer':
    case 'decimal':
      return <NumberQuestion {...props} />;
    case 'text':
      return <TextQuestion {...props} />;
    case 'note':
      return <NoteQuestion {...props} privacy={privacy} />;
    case 'date':
      return <DateQuestion {...props} />;
    case 'image':
      return <ImageQuestion {...props} />;
    case 'calculate':
      return <UnsupportedQuestion {...props} />;
  }
}
