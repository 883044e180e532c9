// Uploading a form from the console: a workbook or the CSV trio, sent as the CLI and the API take
// it; a refusal shows the server's located message (survey!D3, column "relevant": …).
import { useId, useRef, useState, type FormEvent } from 'react';
import { FormUploadResponseSchema } from '../../../shared/sync/admin-api';
import { api } from '../api';
import { uploadRequestOf } from '../form-files';
import { useSetupText } from '../i18n-setup';

export function FormUpload({ eventId, onUploaded }: { eventId: string; onUploaded(): void }) {
  const s = useSetupText();
  const id = useId();
  const files = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const request = await uploadRequestOf([...(files.current?.files ?? [])]);
    if (request === undefined) {
      setOutcome({ ok: false, text: s.uploadNeedsFiles });
      return;
    }
    try {
      const { form, status } = await api(
        FormUploadResponseSchema,
        `/setup/forms?eventId=${encodeURIComponent(eventId)}`,
        { method: 'POST', body: request },
      );
      const say = status === 'added' ? s.uploaded : s.unchanged;
      setOutcome({ ok: true, text: say(form.formId, form.version) });
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
          accept=".xlsx,.csv"
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
          <p role="status">{outcome.text}</p>
        ) : (
          <p role="alert" className="wrap">
            {outcome.text}
          </p>
        ))}
    </form>
  );
}
