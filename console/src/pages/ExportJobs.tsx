// The user's downloads of the last half hour with their progress (records and bytes so far, how
// each ended), read from the server every second.
import { useCallback } from 'react';
import { ExportJobsResponseSchema, type ExportJob } from '../../../shared/console/data-api';
import { api } from '../api';
import { formTitleOf } from '../form-title';
import { formatName, useRecordsWords, type RecordsMessages } from '../i18n-records';
import { useConsole, useCurrentEvent } from '../store';
import { usePoll } from '../use-poll';
import '../records.css';

const STATE_WORD: Record<ExportJob['state'], keyof RecordsMessages> = {
  running: 'jobRunning',
  done: 'jobDone',
  failed: 'jobFailed',
  aborted: 'jobAborted',
};

export function ExportJobs() {
  const { locale } = useConsole();
  // A job names its form only by id: the title is the one the current event gives it.
  const forms = useCurrentEvent()?.forms;
  const w = useRecordsWords();
  const read = useCallback(async () => (await api(ExportJobsResponseSchema, '/export-jobs')).jobs, []);
  const { data } = usePoll(read, 1000);
  const number = (n: number) => n.toLocaleString(locale);
  const size = (bytes: number) =>
    bytes < 1024 * 1024
      ? `${number(Math.ceil(bytes / 1024))} KB`
      : `${number(Math.round(bytes / 1024 / 1024))} MB`;
  return (
    <section aria-labelledby="jobs-title" className="panel">
      <h3 id="jobs-title">{w.exportsInProgress}</h3>
      {data === undefined || data.length === 0 ? (
        <p>{w.noJobs}</p>
      ) : (
        <ul className="jobs" aria-live="polite" data-testid="export-jobs">
          {data.map((job) => (
            <li key={job.id} data-state={job.state}>
              <strong>{`${formTitleOf(forms, job.formId, locale)} · ${formatName(w, job.format)}`}</strong>{' '}
              <span>{`${String(w[STATE_WORD[job.state]])}: ${w.jobProgress(number(job.records), size(job.bytes))}`}</span>
              {job.error !== null && <span className="error">{` — ${job.error}`}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
