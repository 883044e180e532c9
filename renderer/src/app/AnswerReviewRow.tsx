// One answer in a review list (the visitor's before Enviar, staff's before saving a field record):
// the question, the answer, and a ≥ 48 px "Cambiar" button named by the question it changes.
import { useId, type ReactNode } from 'react';

type Props = {
  label: ReactNode;
  /** The `lang` of a form's own text, where it is not the page's. */
  labelLang?: string | undefined;
  /** The answer: text, or a thumbnail for a photo. */
  children: ReactNode;
  changeText: string;
  onChange(): void;
  className?: string;
  depth?: number;
};

export function AnswerReviewRow(props: Props) {
  const { label, labelLang, children, changeText, onChange, className = 'review-row', depth } = props;
  const labelId = useId();
  return (
    <li className={className} data-depth={depth}>
      <div className="review-text">
        <p id={labelId} className="review-label" lang={labelLang}>
          {label}
        </p>
        {children}
      </div>
      <button type="button" className="button secondary small" aria-describedby={labelId} onClick={onChange}>
        {changeText}
      </button>
    </li>
  );
}
