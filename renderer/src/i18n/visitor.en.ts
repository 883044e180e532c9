// The visitor's review of answers and group hints in English, spread into en.ts.
import type { esVisitor } from './visitor.es';

export const enVisitor: Record<keyof typeof esVisitor, string> = {
  'visitor.review.title': 'Check your answers',
  'visitor.review.help': 'Tap “Change” to correct an answer. If everything is right, tap Submit.',
  'visitor.review.return': 'Back to review',
  'visitor.issue.groupHint': '{message}. Remember: {hint}',
};
