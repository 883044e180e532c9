// The consent gate of a field record. The heritage forms ask it first (consiente_registro); a
// bearer who says "no" leaves a minimal record, which the form allows and we store as not complete.
import type { Answers } from '../../../shared/forms/form-definition';

export const CONSENT_QUESTION = 'consiente_registro';

/** The bearer refused to be recorded: the record holds only the refusal. */
export const isRefusal = (answers: Answers): boolean => answers[CONSENT_QUESTION] === 'no';
