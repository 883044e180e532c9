// An answer as staff read it in lists, summaries and the review: option labels rather than codes.
import type { AnswerValue, Choice, FormDefinition, Question } from '../../../shared/forms/form-definition';
import { isMediaQuestion } from '../../../shared/forms/media-questions';
import { formatOfName } from '../../../shared/sync/attachment-formats';
import { AttachmentNameSchema } from '../../../shared/sync/attachments';
import type { Translator } from '../i18n/i18n';

function choiceLabel(choices: readonly Choice[], name: string, pick: Translator['pick']): string {
  return pick(choices.find((choice) => choice.name === name)?.label) || name;
}

/** Text for an answer; '' for none, and for photos and repeats (shown otherwise); a recording or file by its type. */
export function answerText(
  definition: FormDefinition,
  question: Question,
  value: AnswerValue | undefined,
  { pick, locale, t }: Translator,
): string {
  if (value === undefined || question.type === 'image') return '';
  if (isMediaQuestion(question) && typeof value === 'string' && AttachmentNameSchema.safeParse(value).success)
    return t('media.kept', { type: formatOfName(value).extension.toUpperCase() });
  const choices = definition.choices[question.listName ?? ''] ?? [];
  if (typeof value === 'number') return new Intl.NumberFormat(locale).format(value);
  if (typeof value === 'string') {
    return question.type === 'select_one' ? choiceLabel(choices, value, pick) : value;
  }
  return value
    .filter((item): item is string => typeof item === 'string')
    .map((name) => choiceLabel(choices, name, pick))
    .join(', ');
}
