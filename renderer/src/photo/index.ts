// Photos in field records: the question widget for `image` questions and the thumbnail of a
// stored photo (docs/field-records.md, "Photos").
export { ImageQuestion, type ImageQuestionProps } from './ImageQuestion';
export { AttachmentThumbnail } from './AttachmentThumbnail';
export { DEFAULT_MAX_PIXELS } from './target-size';
