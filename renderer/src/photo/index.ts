// Photos in field records: the question widget for `image` questions and the thumbnail of a
// stored photo (docs/field-records.md, "Photos").
export { ImageQuestion } from './ImageQuestion';
export { AttachmentThumbnail } from './AttachmentThumbnail';
