// Uploading a form from the console: a workbook or the CSV trio with the images it names, sent as
// the CLI and the API take it; a refusal shows the server's located message (survey!D3, column
// "relevant": …), and a form that names images not sent says where it names each one. The form's
// id and version, the images' file names and the choices' names come from whoever wrote the form:
// each sits in a <bdi> (said), so a U+202E in one cannot turn the console's words after it around.
import { useId, useRef, useState, type FormEvent, type ReactElement } from 'react';
import type { MediaUse } from '../../../shared/forms/media-uses';
import { FormUploadResponseSchema, type FormUploadStatus } from '../../../shared/sync/admin-api';
import { api } from '../api';
import { uploadRequestOf } from '../form-files';
import { useSetupText, type SetupMessages } from '../i18n-setup';
import { said } from '../said';

type Outcome = { ok: true; text: ReactElement; missing: MediaUse[] } | { ok: false; text: string };

const SAID: Readonly<Record<FormUploadStatus, 'uploaded' | 'unchanged' | 'mediaReplaced'>> = {
  added: 'uploaded',
  unchanged: 'unchanged',
  media_replaced: 'mediaReplaced',
};

const whereNamed = (s: SetupMessages, { image, at }: MediaUse): ReactElement =>
  at.kind === 'question'
    ? said(s.missingQuestionImage, image, at.name)
    : said(s.missingChoiceImage, image, at.list, at.name);

export function FormUpload({ eventId, onUploaded }: { eventId: string; onUploaded(): void }) {
  const s = useSetupText();
  const id = useId();
  const files = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<Outcome>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const request = await uploadRequestOf([...(files.current?.files ?? [])]);
    if (request === undefined) {
      setOutcome({ ok: false, text: s.uploadNeedsFiles });
      return;
    }
    try {
      const { form, status, missingMedia } = await api(
        FormUploadResponseSchema,
        `/setup/forms?eventId=${encodeURIComponent(eventId)}`,
        { method: 'POST', body: request },
      );
      setOutcome({
        ok: true,
        text: said(s[SAID[status]], form.formId, form.version),
        missing: missingMedia ?? [],
      });
      if (files.current !== null) files.current.value = '';
      onUploaded();
    } catch (err) {
      setOutcome({
        ok: false,
        text: `${s.uploadRefused} ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  };

  return (
    <form className="card" aria-labelledby={`${id}-title`} onSubmit={(e) => void submit(e)}>
      <h3 id={`${id}-title`}>{s.uploadTitle}</h3>
      <p id={`${id}-help`}>{s.uploadHelp}</p>
      <label>
        {s.formFiles}
        <input
          ref={files}
          type="file"
          multiple
          accept=".xlsx,.csv,.png,.jpg,.jpeg"
          required
          aria-describedby={`${id}-help`}
          onChange={() => setOutcome(undefined)}
        />
      </label>
      <div className="actions">
        <button type="submit">{s.upload}</button>
      </div>
      {outcome !== undefined &&
        (outcome.ok ? (
          <div role="status" className="wrap">
            <p>{outcome.text}</p>
            {outcome.missing.length > 0 && (
              <>
                <p id={`${id}-missing`}>{s.missingMediaTitle}</p>
                <ul aria-labelledby={`${id}-missing`} data-testid="missing-media">
                  {outcome.missing.map((use) => (
                    <li key={JSON.stringify(use)}>{whereNamed(s, use)}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ) : (
          <p role="alert" className="wrap">
            {outcome.text}
          </p>
        ))}
    </form>
  );
}
