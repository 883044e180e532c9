// The sync panel: whether and where this kiosk is enrolled, how the last sync went, what waits,
// what needs attention (and the records the server refused), "Sincronizar ahora", and the
// enrolment form.
import { useId, useRef, useState, type FormEvent } from 'react';
import { errorText } from '../app/error-text';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { SAY_NOTHING, type Wording } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { KeyboardField } from '../input/KeyboardField';
import { ADDRESS_LAYOUT } from '../input/keyboard-layout';
import type { StaffStatus } from '../store/staff-slice';
import { kioskStore } from '../store/use-kiosk';
import { DeadLetters } from './DeadLetters';
import { enrolRequest, type EnrolDraft, type EnrolProblem } from './enrol-draft';
import { clockOffsetText, enrolErrorText, syncErrorText, syncTimeText } from './sync-text';
import { StatusList } from '../app/StatusList';

export function SyncPanel({ status }: { status: StaffStatus | null }) {
  const translator = useT();
  const { t, tc, locale } = translator;
  const [reEnrolling, setReEnrolling] = useState(false);
  const [showingLetters, setShowingLetters] = useState(false);
  const [message, setMessage] = useState<Wording>(() => SAY_NOTHING);
  const say = (wording: Wording) => setMessage(() => wording);
  const [busy, setBusy] = useState(false);
  const reEnrolRef = useRef<HTMLButtonElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formId = useId();
  const lettersId = useId();

  const syncNow = async () => {
    if (busy) return;
    setBusy(true);
    say((tr) => tr.t('staff.sync.running'));
    const result = await kioskStore.getState().syncNow();
    setBusy(false);
    if (!result.ok) {
      const { error } = result;
      say((tr) => errorText(error, tr));
      return;
    }
    const { lastError } = result.value;
    say((tr) =>
      lastError
        ? tr.t('staff.sync.failed', { error: syncErrorText(lastError.code, tr) })
        : tr.t('staff.sync.done'),
    );
  };

  const closeReEnrol = () => {
    setReEnrolling(false);
    reEnrolRef.current?.focus();
  };

  const heading = (
    <h2 id="staff-sync-title" ref={headingRef} tabIndex={-1}>
      {t('staff.sync.title')}
    </h2>
  );
  if (!status) {
    return (
      <section className="panel sync-panel" aria-labelledby="staff-sync-title">
        {heading}
        <p>{t('loading')}</p>
      </section>
    );
  }
  const { sync } = status;
  const active = sync.enrolled && !sync.revoked;
  const clockWarning = clockOffsetText(sync.clockOffsetMs, translator);
  const rows: [string, string][] = [
    [
      t('staff.sync.state'),
      sync.revoked
        ? t('staff.sync.state.revoked')
        : sync.enrolled
          ? t('staff.sync.state.enrolled')
          : t('staff.sync.state.notEnrolled'),
    ],
    ...(sync.serverUrl === null ? [] : [[t('staff.sync.server'), sync.serverUrl] as [string, string]]),
    [t('staff.sync.lastSuccess'), syncTimeText(sync.lastSuccessAt, translator)],
    [t('staff.sync.pending'), new Intl.NumberFormat(locale).format(status.pendingSync)],
    [t('staff.sync.lastAttempt'), syncTimeText(sync.lastAttemptAt, translator)],
  ];

  return (
    <section className="panel sync-panel" aria-labelledby="staff-sync-title">
      {heading}
      <StatusList rows={rows} />
      {sync.revoked ? <p className="attention danger">{t('staff.sync.revoked')}</p> : null}
      {sync.enrolled ? null : <p className="hint">{t('staff.sync.notEnrolled')}</p>}
      {/* Trust (issue 12): a copy of another kiosk, and a server reached without TLS. */}
      {sync.lastError?.code === 'device_cloned' ? (
        <p className="attention danger">{t('sync.error.device_cloned')}</p>
      ) : null}
      {sync.insecure ? <p className="attention">{t('staff.sync.insecure')}</p> : null}
      {/* Not enrolled, the last error is the enrolment's, which the form shows; revoked, see above. */}
      {sync.lastError && active ? (
        <p className="attention">
          {t('staff.sync.lastError', { error: syncErrorText(sync.lastError.code, translator) })}
        </p>
      ) : null}
      {sync.deadLetters > 0 ? (
        <p className="attention danger">{tc('staff.sync.deadLetters', sync.deadLetters)}</p>
      ) : null}
      {/* Still there once all were sent again, to close the list with. */}
      {sync.deadLetters > 0 || showingLetters ? (
        <div className="row-buttons dead-letters-toggle">
          <button
            type="button"
            className="button secondary"
            aria-controls={lettersId}
            aria-expanded={showingLetters}
            onClick={() => setShowingLetters(!showingLetters)}
          >
            {t('staff.deadLetters.show')}
          </button>
        </div>
      ) : null}
      {showingLetters ? <DeadLetters id={lettersId} /> : null}
      {clockWarning === null ? null : <p className="attention">{clockWarning}</p>}
      <p className="panel-message" role="status">
        {message(translator)}
      </p>
      {active ? (
        <div className="row-buttons">
          {/* aria-disabled, not disabled: a disabled button drops the focus staff just put on it. */}
          <button
            type="button"
            className="button primary"
            onClick={() => void syncNow()}
            aria-disabled={busy}
          >
            {t('staff.sync.now')}
          </button>
          <button
            ref={reEnrolRef}
            type="button"
            className="button secondary"
            aria-controls={formId}
            aria-expanded={reEnrolling}
            onClick={() => setReEnrolling(!reEnrolling)}
          >
            {t('staff.sync.reEnrol')}
          </button>
        </div>
      ) : null}
      {!active || reEnrolling ? (
        <EnrolForm
          id={formId}
          focusHeading={reEnrolling}
          serverUrl={sync.serverUrl}
          onCancel={reEnrolling ? closeReEnrol : undefined}
          onEnrolled={() => {
            setReEnrolling(false);
            say((tr) => tr.t('staff.enrol.done'));
            // The form, and the button that had the focus, are gone.
            headingRef.current?.focus();
          }}
        />
      ) : null}
    </section>
  );
}

type EnrolFormProps = {
  id: string;
  /** Opened by "Inscribir de nuevo": start reading there. */
  focusHeading: boolean;
  /** The server this kiosk was enrolled with, if any: enrolling again mostly needs a new code only. */
  serverUrl: string | null;
  onCancel: (() => void) | undefined;
  onEnrolled(): void;
};

type Field = 'server' | 'code';
type Issue = { wording: Wording; field: Field | null } | null;

const PROBLEM_FIELD: Record<EnrolProblem, Field> = {
  codeMissing: 'code',
  serverMissing: 'server',
  serverInvalid: 'server',
};

function EnrolForm({ id, focusHeading, serverUrl, onCancel, onEnrolled }: EnrolFormProps) {
  const translator = useT();
  const { t } = translator;
  const headingRef = useFocusOnMount<HTMLHeadingElement>(focusHeading);
  const [draft, setDraft] = useState<EnrolDraft>({ server: serverUrl ?? '', code: '' });
  const [issue, setIssue] = useState<Issue>(null);
  const [busy, setBusy] = useState(false);
  // One on-screen keyboard at a time, under the field being typed in.
  const [typing, setTyping] = useState<Field | null>(null);
  const keyboardFor = (field: Field) => ({
    keyboardOpen: typing === field,
    onKeyboardOpen: (open: boolean) => setTyping(open ? field : null),
  });
  const ids = {
    heading: useId(),
    server: useId(),
    serverLabel: useId(),
    serverHint: useId(),
    code: useId(),
    codeLabel: useId(),
    codeHint: useId(),
    issue: useId(),
  };

  const edit = (change: Partial<EnrolDraft>) => {
    setDraft({ ...draft, ...change });
    setIssue(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const check = enrolRequest(draft);
    if (!check.ok) {
      const { problem } = check;
      setIssue({ wording: (tr) => tr.t(`staff.enrol.${problem}`), field: PROBLEM_FIELD[problem] });
      return;
    }
    setBusy(true);
    setIssue(null);
    const result = await kioskStore.getState().enrolKiosk(check.request);
    setBusy(false);
    // A refusal by the server arrives as the status's last error.
    const refusal = result.ok ? result.value.lastError : result.error;
    if (refusal) setIssue({ wording: (tr) => enrolErrorText(refusal, tr), field: null });
    else onEnrolled();
  };

  return (
    <form id={id} className="enrol-form" aria-labelledby={ids.heading} noValidate onSubmit={submit}>
      <h3 id={ids.heading} ref={headingRef} tabIndex={-1}>
        {t('staff.enrol.title')}
      </h3>
      <p className="hint">{t('staff.enrol.help')}</p>
      <label id={ids.serverLabel} htmlFor={ids.server} className="field-label">
        {t('staff.enrol.server')}
      </label>
      <p id={ids.serverHint} className="hint">
        {t('staff.enrol.serverHint')}
      </p>
      <KeyboardField
        id={ids.server}
        value={draft.server}
        onChange={(server) => edit({ server })}
        keyboard="on-focus"
        layout={ADDRESS_LAYOUT}
        labelledBy={ids.serverLabel}
        describedBy={`${ids.serverHint} ${ids.issue}`}
        invalid={issue?.field === 'server'}
        {...keyboardFor('server')}
      />
      <label id={ids.codeLabel} htmlFor={ids.code} className="field-label">
        {t('staff.enrol.code')}
      </label>
      <p id={ids.codeHint} className="hint">
        {t('staff.enrol.codeHint')}
      </p>
      <KeyboardField
        id={ids.code}
        value={draft.code}
        onChange={(code) => edit({ code })}
        keyboard="on-focus"
        layout={ADDRESS_LAYOUT}
        labelledBy={ids.codeLabel}
        describedBy={`${ids.codeHint} ${ids.issue}`}
        invalid={issue?.field === 'code'}
        {...keyboardFor('code')}
      />
      <p id={ids.issue} className="issue" aria-live="assertive">
        {issue?.wording(translator)}
      </p>
      <p className="panel-message" role="status">
        {busy ? t('staff.enrol.sending') : ''}
      </p>
      <div className="row-buttons">
        <button type="submit" className="button primary" aria-disabled={busy}>
          {t('staff.enrol.submit')}
        </button>
        {onCancel ? (
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('staff.enrol.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
