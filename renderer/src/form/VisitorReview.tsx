// The visitor's answers before Enviar: one list per section, question → answer in the visitor's
// language, each with "Cambiar", which opens its page; Siguiente there comes back here.
import { fillText, type FormEvaluation, type Page } from '../../../shared/forms/engine';
import { AnswerReviewRow } from '../app/AnswerReviewRow';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { answerAt } from '../field/answer-paths';
import { answerText } from '../field/answer-text';
import { useT } from '../i18n/use-t';
import type { Translator } from '../i18n/i18n';
import type { KioskForm } from '../store/boot-slice';
import { kioskStore } from '../store/use-kiosk';
import type { Answers } from '../../../shared/forms/form-definition';

type Props = { form: KioskForm; pages: readonly Page[]; evaluation: FormEvaluation; answers: Answers };

/** Notes say something; they ask nothing. */
const ASKS_NOTHING = new Set(['note']);

/** The innermost labelled group's label: the section a page sits in ('' for none). */
export function sectionOf(page: Page, pick: Translator['pick']): string {
  return (
    [...page.groups]
      .reverse()
      .map((group) => pick(group.label))
      .find(Boolean) ?? ''
  );
}

/** Consecutive pages of one section together, in form order. */
function sections(pages: readonly Page[], pick: Translator['pick']): { title: string; pages: Page[] }[] {
  const out: { title: string; pages: Page[] }[] = [];
  for (const page of pages) {
    if (ASKS_NOTHING.has(page.question.type)) continue;
    const title = sectionOf(page, pick);
    const last = out.at(-1);
    if (last && last.title === title) last.pages.push(page);
    else out.push({ title, pages: [page] });
  }
  return out;
}

export function VisitorReview({ form, pages, evaluation, answers }: Props) {
  const translator = useT();
  const { t, pick, language, formLang } = translator;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const { reviewPage } = kioskStore.getState();

  return (
    <section className="visitor-review" aria-labelledby="visitor-review-title">
      <h2 id="visitor-review-title" ref={headingRef} tabIndex={-1} className="question-heading">
        {t('visitor.review.title')}
      </h2>
      <p className="hint">{t('visitor.review.help')}</p>
      {sections(pages, pick).map((section, i) => (
        <div key={`${i}-${section.title}`} className="review-section">
          {section.title ? (
            <h3 className="section-heading" lang={formLang}>
              {section.title}
            </h3>
          ) : null}
          <ul className="review-list">
            {section.pages.map((page) => {
              const value = answerAt(answers, page.path);
              const text =
                page.question.type === 'image' && value !== undefined
                  ? t('field.review.photo')
                  : answerText(form.definition, page.question, value, translator);
              return (
                <AnswerReviewRow
                  key={page.path}
                  label={fillText(form.compiled, evaluation, page.path, pick(page.question.label), language)}
                  labelLang={formLang}
                  changeText={t('field.review.change')}
                  onChange={() => reviewPage(page.path)}
                >
                  <p className="review-value" lang={text ? formLang : undefined}>
                    {text || t('field.review.none')}
                  </p>
                </AnswerReviewRow>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
