// The forms page: upload a form (managers), each form's versions with their records, a preview of
// a version as the kiosk asks it, two versions side by side, and which kiosk runs which version.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import {
  ConsoleFormsResponseSchema,
  FormDefinitionResponseSchema,
  type ConsoleForm,
} from '../../../shared/console/setup-api';
import type { FormDefinition } from '../../../shared/forms/form-definition';
import { api } from '../api';
import { formTitle } from '../form-title';
import { ListTable, RowAction } from '../ListTable';
import { useSetupText } from '../i18n-setup';
import { useConsole } from '../store';
import { usePoll } from '../use-poll';
import { FormPreview } from './FormPreview';
import { FormUpload } from './FormUpload';
import { VersionCompare } from './VersionCompare';
import '../setup.css';

type Shown = { preview: FormDefinition } | { older: FormDefinition; newer: FormDefinition };

export function Forms() {
  const { t, eventId, user } = useConsole();
  const s = useSetupText();
  const manages = user?.role === 'admin' || user?.role === 'coordinator';
  const read = useCallback(
    async (signal: AbortSignal) =>
      (
        await api(ConsoleFormsResponseSchema, `/setup/forms?eventId=${encodeURIComponent(eventId ?? '')}`, {
          signal,
        })
      ).forms,
    [eventId],
  );
  const { data, error, refresh } = usePoll(eventId === undefined ? undefined : read, 15_000, eventId);
  return (
    <section aria-labelledby="forms-title">
      <h2 id="forms-title">{s.formsTitle}</h2>
      {error !== undefined && <p role="alert">{`${t.errorPrefix} ${error}`}</p>}
      {manages && eventId !== undefined && <FormUpload eventId={eventId} onUploaded={refresh} />}
      {data === undefined ? (
        <p>{eventId === undefined ? t.noEvents : t.loading}</p>
      ) : data.length === 0 ? (
        <p>{s.noFormsYet}</p>
      ) : (
        data.map((form) => <FormCard key={form.formId} form={form} eventId={eventId ?? ''} />)
      )}
    </section>
  );
}

function FormCard({ form, eventId }: { form: ConsoleForm; eventId: string }) {
  const { t, locale } = useConsole();
  const s = useSetupText();
  const id = useId();
  const versions = form.versions.map((v) => v.version);
  const [older, setOlder] = useState(versions.at(-2) ?? '');
  const [newer, setNewer] = useState(versions.at(-1) ?? '');
  const [shown, setShown] = useState<Shown>();
  const [failure, setFailure] = useState<string>();
  const opener = useRef<Element | null>(null);
  const shownRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (shown !== undefined) shownRef.current?.querySelector('h3')?.focus();
  }, [shown]);

  const definitionOf = async (version: string) =>
    (
      await api(
        FormDefinitionResponseSchema,
        `/setup/forms/${encodeURIComponent(form.formId)}/versions/${encodeURIComponent(version)}?eventId=${encodeURIComponent(eventId)}`,
      )
    ).definition;
  const show = async (load: () => Promise<Shown>) => {
    opener.current = document.activeElement;
    try {
      setShown(await load());
      setFailure(undefined);
    } catch (err) {
      setFailure(`${t.errorPrefix} ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  const close = () => {
    setShown(undefined);
    if (opener.current instanceof HTMLElement) opener.current.focus();
  };
  const name = formTitle({ formId: form.formId, title: form.versions.at(-1)?.title ?? {} }, locale);
  const time = (iso: string) => new Date(iso).toLocaleString(locale);

  return (
    <article className="card form-card" aria-labelledby={`${id}-title`} data-testid="form-card">
      <h3 id={`${id}-title`}>
        <bdi>{name}</bdi> <span className="mono">{form.formId}</span>
      </h3>
      <ListTable label={s.versions} columns={[s.version, s.uploadedAt, s.recordsMade, s.manage]}>
        {form.versions.map((v) => (
          <tr key={v.version}>
            <th scope="row" className="mono">
              {v.version}
            </th>
            <td>{time(v.createdAt)}</td>
            <td>{v.records}</td>
            <td>
              <RowAction
                label={s.preview}
                name={s.previewOf(form.formId, v.version)}
                onClick={() => void show(async () => ({ preview: await definitionOf(v.version) }))}
              />
            </td>
          </tr>
        ))}
      </ListTable>
      {versions.length > 1 && (
        <form
          className="form-grid compare"
          aria-label={s.compare}
          onSubmit={(e) => {
            e.preventDefault();
            void show(async () => ({ older: await definitionOf(older), newer: await definitionOf(newer) }));
          }}
        >
          <VersionSelect label={s.compareLeft} value={older} versions={versions} onChange={setOlder} />
          <VersionSelect label={s.compareRight} value={newer} versions={versions} onChange={setNewer} />
          <button type="submit">{s.compare}</button>
        </form>
      )}
      {failure !== undefined && <p role="alert">{failure}</p>}
      <div ref={shownRef}>
        {shown !== undefined &&
          ('preview' in shown ? (
            <FormPreview eventId={eventId} definition={shown.preview} onClose={close} />
          ) : (
            <>
              <VersionCompare older={shown.older} newer={shown.newer} />
              <button type="button" className="secondary" onClick={close}>
                {s.close}
              </button>
            </>
          ))}
      </div>
      <h4>{s.kiosksUsing}</h4>
      {form.kiosks.length === 0 ? (
        <p>{s.noKioskOffers}</p>
      ) : (
        <table aria-label={s.kiosksUsing}>
          <thead>
            <tr>
              <th scope="col">{t.kiosk}</th>
              <th scope="col">{s.versionInUse}</th>
              <th scope="col">{s.lastRecord}</th>
            </tr>
          </thead>
          <tbody>
            {form.kiosks.map((k) => (
              <tr key={k.deviceId} data-testid="kiosk-version">
                <th scope="row">{k.name}</th>
                <td className="mono">{k.version ?? s.noRecordYet}</td>
                <td>{k.lastRecordAt === null ? '—' : time(k.lastRecordAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

function VersionSelect(props: {
  label: string;
  value: string;
  versions: string[];
  onChange(version: string): void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.versions.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );
}
