// A submission's answers checked by the form engine, as the kiosk core checks them before it
// saves and the console's preview checks them before it thanks: the same refusal either way.
import { CallFailure } from '../ipc/result';
import { validateSubmission, type CompiledForm } from './engine';
import type { Answers } from './form-definition';

/** The answers as stored (calculations filled in); throws answers_invalid naming each issue. */
export function checkedAnswers(
  form: CompiledForm,
  answers: Answers,
  options: { complete: boolean; today: string },
): Answers {
  const checked = validateSubmission(form, answers, options);
  if (checked.ok) return checked.answers;
  const where = checked.issues.map((i) => `${i.path} (${i.code})`).join(', ');
  throw new CallFailure(
    'answers_invalid',
    `${checked.issues.length} answer(s) do not satisfy the form: ${where}`,
    {
      issues: checked.issues,
    },
  );
}
