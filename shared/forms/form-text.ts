// Labels and hints as the person sees them: ${name} replaced by the answer, as ODK's <output/> does.
import { isInstanceList, ownAnswer } from './answer-values';
import type { CompiledForm } from './compile-form';
import type { FormEvaluation } from './evaluation-result';
import type { AnswerValue, Answers, Language } from './form-definition';

/**
 * `text` (a label or hint of the question at `path`) with each ${name} replaced by that answer as
 * read from the question's repeat instance, then the top level: a select_one by its choice label
 * in `language`, numbers and text as they are, and nothing for an unanswered question.
 */
export function fillText(
  form: CompiledForm,
  evaluation: FormEvaluation,
  path: string,
  text: string,
  language: Language,
): string {
  const scopes = scopesOf(evaluation.values, path);
  return text.replace(/\$\{\s*([^}\s]+)\s*\}/g, (_match, name: string) => {
    const value = scopes.map((scope) => ownAnswer(scope, name)).find((v) => v !== undefined);
    return display(form, name, value, language);
  });
}

/** The answers objects a path reads from, innermost first: 'r.1.x' → [r's instance 1, top level]. */
function scopesOf(top: Answers, path: string): Answers[] {
  const parts = path.split('.');
  const scopes = [top];
  for (let i = 0; i + 2 < parts.length; i += 2) {
    const instances = ownAnswer(scopes[0] ?? top, parts[i] ?? '');
    const instance = isInstanceList(instances) ? instances[Number(parts[i + 1])] : undefined;
    if (instance === undefined) break;
    scopes.unshift(instance);
  }
  return scopes;
}

function display(
  form: CompiledForm,
  name: string,
  value: AnswerValue | undefined,
  language: Language,
): string {
  if (value === undefined || isInstanceList(value)) return '';
  if (Array.isArray(value)) return value.join(' ');
  const node = form.byName.get(name);
  if (node?.kind === 'question' && node.question.type === 'select_one' && typeof value === 'string') {
    const choice = form.definition.choices[node.question.listName ?? '']?.find((c) => c.name === value);
    const label = choice?.label[language] ?? choice?.label[form.definition.defaultLanguage];
    if (label !== undefined) return label;
  }
  return String(value);
}
