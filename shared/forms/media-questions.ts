// Questions whose answer is the name of a stored file (photo, drawing, recording, document):
// the sync, the exports and the console treat them alike, whatever the file's type.
import type { QuestionType } from './form-definition';
import type { MediaQuestionType } from '../sync/attachment-formats';

const MEDIA_TYPES: ReadonlySet<QuestionType> = new Set<MediaQuestionType>([
  'image',
  'audio',
  'video',
  'file',
]);

export const isMediaQuestion = (question: { type: QuestionType }): boolean => MEDIA_TYPES.has(question.type);
