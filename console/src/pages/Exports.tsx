// Exports with the CLI's options, downloaded by the browser straight from the streamed export
// route (a link, so nothing is held in the page's memory), each named by a job id whose progress
// (records and bytes so far) the page shows while the user goes on working. Anonymised unless the
// role allows personal data; the server enforces it and audits every export.
import { useState } from 'react';
import { EXPORT_JOB_PARAM } from '../../../shared/console/data-api';
import { exportUrl } from '../api';
import { formTitle } from '../form-title';
import { CheckField, InputField } from '../fields';
import { formatName, useRecordsWords } from '../i18n-records';
import { useConsole, useCurrentEvent } from '../store';
import { ExportJobs } from './ExportJobs';
import { KioskPicker, OffsetPicker } from './Data';
import { useKiosks } from '../use-kiosks';

const FORMATS = ['csv', 'xlsx', 'jsonl', 'zip', 'report'] as const;

type Options = {
  format: (typeof FORMATS)[number];
  labels: '' | 'es' | 'en';
  values: 'codes' | 'labels';
  multi: 'summary' | 'columns' | 'both';
  from: string;
  to: string;
  version: string;
  revisions: 'current' | 'all';
  publishedOnly: boolean;
  personal: boolean;
  kiosk: string;
  offset: string;
  complete: boolean;
  table: string;
};

const DEFAULTS: Options = {
  format: 'csv',
  labels: '',
  values: 'codes',
  multi: 'both',
  from: '',
  to: '',
  version: '',
  revisions: 'current',
  publishedOnly: false,
  personal: false,
  kiosk: '',
  offset: '',
  complete: false,
  table: '',
};

export function Exports() {
  const { t, user, eventId, locale } = useConsole();
  const w = useRecordsWords();
  const kiosks = useKiosks(eventId);
  const event = useCurrentEvent();
  const [formId, setFormId] = useState<string | undefined>(undefined);
  const [o, setO] = useState<Options>(DEFAULTS);
  const form = event?.forms.find((f) => f.formId === formId) ?? event?.forms[0];
  const set = <K extends keyof Options>(key: K, value: Options[K]) => setO({ ...o, [key]: value });
  if (event === undefined) return <p>{t.noEvents}</p>;
  if (form === undefined) return <p>{t.noForms}</p>;
  const query: Record<string, string> = {
    event: event.id,
    format: o.format,
    values: o.values,
    multi: o.multi,
    revisions: o.revisions,
    ...(o.labels !== '' && { labels: o.labels }),
    ...(o.from !== '' && { from: o.from }),
    ...(o.to !== '' && { to: o.to }),
    ...(o.version !== '' && { version: o.version }),
    ...(o.publishedOnly && { 'published-only': 'true' }),
    ...(o.personal && { anonymised: 'false' }),
    ...(o.kiosk !== '' && { kiosk: o.kiosk }),
    ...(o.offset !== '' && { 'utc-offset': o.offset }),
    ...(o.complete && { complete: 'true' }),
    ...(o.format === 'csv' && o.table.trim() !== '' && { table: o.table.trim() }),
  };
  const start = () => {
    // The browser saves the stream itself; the job id lets the page follow it.
    const link = document.createElement('a');
    link.href = exportUrl(form.formId, { ...query, [EXPORT_JOB_PARAM]: crypto.randomUUID() });
    link.download = '';
    link.click();
  };
  return (
    <section aria-labelledby="exports-title">
      <h2 id="exports-title">{t.exportTitle}</h2>
      <div className="form-grid">
        <label>
          {t.form}
          <select value={form.formId} onChange={(e) => setFormId(e.target.value)}>
            {event.forms.map((f) => (
              <option key={f.formId} value={f.formId}>
                {formTitle(f, locale)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.format}
          <select value={o.format} onChange={(e) => set('format', e.target.value as Options['format'])}>
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {formatName(w, f)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.version}
          <select value={o.version} onChange={(e) => set('version', e.target.value)}>
            <option value="">{t.allVersions}</option>
            {form.versions.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          {t.labels}
          <select value={o.labels} onChange={(e) => set('labels', e.target.value as Options['labels'])}>
            <option value="">{t.labelsNames}</option>
            <option value="es">{t.labelsEs}</option>
            <option value="en">{t.labelsEn}</option>
          </select>
        </label>
        <label>
          {t.values}
          <select value={o.values} onChange={(e) => set('values', e.target.value as Options['values'])}>
            <option value="codes">{t.valuesCodes}</option>
            <option value="labels">{t.valuesLabels}</option>
          </select>
        </label>
        <label>
          {t.multi}
          <select value={o.multi} onChange={(e) => set('multi', e.target.value as Options['multi'])}>
            <option value="summary">{t.multiSummary}</option>
            <option value="columns">{t.multiColumns}</option>
            <option value="both">{t.multiBoth}</option>
          </select>
        </label>
        <InputField label={t.from} type="date" value={o.from} onValue={(v) => set('from', v)} />
        <InputField label={t.to} type="date" value={o.to} onValue={(v) => set('to', v)} />
        <label>
          {t.revisions}
          <select
            value={o.revisions}
            onChange={(e) => set('revisions', e.target.value as Options['revisions'])}
          >
            <option value="current">{t.revisionsCurrent}</option>
            <option value="all">{t.revisionsAll}</option>
          </select>
        </label>
        <KioskPicker kiosks={kiosks} value={o.kiosk} onChange={(v) => set('kiosk', v)} />
        <OffsetPicker value={o.offset} asStored onChange={(v) => set('offset', v)} />
        <InputField
          label={w.table}
          value={o.table}
          placeholder={w.tableMain}
          disabled={o.format !== 'csv'}
          onValue={(v) => set('table', v)}
        />
        <CheckField label={w.completeOnly} checked={o.complete} onCheck={(v) => set('complete', v)} />
        <CheckField
          label={t.publishedOnly}
          checked={o.publishedOnly}
          onCheck={(v) => set('publishedOnly', v)}
        />
        {user?.role === 'admin' ? (
          <CheckField label={t.personalData} checked={o.personal} onCheck={(v) => set('personal', v)} />
        ) : (
          <p>{t.anonymisedNote}</p>
        )}
      </div>
      <a
        className="button"
        href={exportUrl(form.formId, query)}
        download
        onClick={(e) => {
          e.preventDefault();
          start();
        }}
      >
        {t.download}
      </a>
      <ExportJobs />
    </section>
  );
}
