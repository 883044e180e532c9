// A repeat entry in one line, as ODK Collect lists them: its first answers, and its photo if any.
import type { CompiledGroup, CompiledNode } from '../../../shared/forms/compile-form';
import type { Answers, FormDefinition, Question } from '../../../shared/forms/form-definition';
import type { Translator } from '../i18n/i18n';
import { answerText } from './answer-text';

function questionsIn(nodes: readonly CompiledNode[]): Question[] {
  return nodes.flatMap((node) =>
    node.kind === 'question' ? [node.question] : node.kind === 'group' ? questionsIn(node.children) : [],
  );
}

export type EntrySummary = { text: string; photo: string | undefined };

export function entrySummary(
  definition: FormDefinition,
  repeat: CompiledGroup,
  entry: Answers,
  translator: Translator,
): EntrySummary {
  const questions = questionsIn(repeat.children);
  const texts = questions
    .map((question) => answerText(definition, question, entry[question.name], translator))
    .filter((text) => text !== '')
    .slice(0, 2);
  const photoQuestion = questions.find((question) => question.type === 'image');
  const photo = photoQuestion && entry[photoQuestion.name];
  return { text: texts.join(' · '), photo: typeof photo === 'string' ? photo : undefined };
}
