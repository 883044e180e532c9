// Publication consent. A form marks the question that asks whether a record (and its photos) may
// be published by naming it `consiente_publicacion`: a select_one in the main table whose answer
// `si` publishes the record. `published-only` exports keep only such records; the summary report
// shows photos of those records only. A form without the question has nothing published.
import { SyncError } from '../sync-error';
import { mainTable, type ExportLayout, type ExportQuestion } from './export-layout';

export const PUBLICATION_CONSENT = 'consiente_publicacion';
/** The answer that publishes a record. */
export const PUBLISHED = 'si';

/** The form's publication-consent question, if it has one. */
export function publicationConsent(layout: ExportLayout): ExportQuestion | undefined {
  return mainTable(layout).questions.find((q) => q.name === PUBLICATION_CONSENT && q.type === 'select_one');
}

/** Its name, for `published-only`; a form without one is refused, naming the option. */
export function requirePublicationConsent(layout: ExportLayout): string {
  const question = publicationConsent(layout);
  if (question === undefined) {
    throw new SyncError(
      'invalid_input',
      `published-only: form ${layout.formId} has no publication-consent question ` +
        `(a select_one named ${PUBLICATION_CONSENT} in the main table)`,
      { field: 'published-only' },
    );
  }
  return question.name;
}
