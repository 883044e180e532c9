// What staff see after the PIN: counts, sync and enrolment, visitor or door mode (and the gate),
// which forms are offered and how, idle time, default language, PIN change, lock and leaving kiosk
// mode. On a door kiosk it is reached from the door screen, and leads back to it.
import { useCallback, useEffect, useId, useState } from 'react';
import type { Language } from '../../../shared/forms/form-definition';
import { errorText } from '../app/error-text';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { SAY_NOTHING, translator as translatorFor, type Translator, type Wording } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { KeyboardField } from '../input/KeyboardField';
import { selectSettings } from '../store/selectors';
import type { StaffStatus } from '../store/staff-slice';
import { kioskStore, useKiosk } from '../store/use-kiosk';
import { ChangePin } from './ChangePin';
import { FieldRecordsPanel } from './FieldRecordsPanel';
import { SyncPanel } from './SyncPanel';
import {
  draftFromConfig,
  draftProblem,
  editGate,
  moveForm,
  settingsFromDraft,
  stepIdleTimeout,
  updateForm,
  type FormChoice,
  type SettingsDraft,
} from './settings-draft';
import { StatusList } from '../app/StatusList';

export function StaffScreen() {
  const [view, setView] = useState<'main' | 'pin'>('main');
  const [notice, setNotice] = useState<Wording>(() => SAY_NOTHING);
  const say = useCallback((wording: Wording) => setNotice(() => wording), []);
  return (
    <main className="screen staff-screen">
      {view === 'main' ? (
        <StaffMain notice={notice} say={say} onChangePin={() => setView('pin')} />
      ) : (
        <ChangePin
          onDone={(wording) => {
            say(wording);
            setView('main');
          }}
        />
      )}
    </main>
  );
}

type MainProps = { notice: Wording; say(wording: Wording): void; onChangePin(): void };

function StaffMain({ notice, say, onChangePin }: MainProps) {
  const translator = useT();
  const { t } = translator;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const staff = useKiosk((state) => state.staff);
  const languages = useKiosk((state) => selectSettings(state)?.languages);
  const isDoor = useKiosk((state) => selectSettings(state)?.mode === 'door');
  const [edited, setEdited] = useState<SettingsDraft | null>(null);
  const [busy, setBusy] = useState(false);
  const { loadStaff, configureKiosk, lockStaff, exitKioskMode, openDoorScreen } = kioskStore.getState();
  const draft = edited ?? (staff.config ? draftFromConfig(staff.config) : null);

  // Fresh counts on arrival; "Actualizar" refreshes them later.
  useEffect(() => {
    void kioskStore
      .getState()
      .loadStaff()
      .then((error) => {
        if (error) say((tr) => errorText(error, tr));
      });
  }, [say]);

  const run = async (action: () => Promise<Wording>) => {
    setBusy(true);
    say(SAY_NOTHING);
    say(await action());
    setBusy(false);
  };

  const save = () =>
    run(async () => {
      if (!draft || !staff.config) return SAY_NOTHING;
      const problem = draftProblem(draft);
      if (problem === 'gateMissing') return (tr) => tr.t('staff.gate.missing');
      const error = await configureKiosk(settingsFromDraft(staff.config.settings, draft));
      if (error) return (tr) => errorText(error, tr);
      setEdited(null);
      return (tr) => tr.t('staff.saved');
    });

  const refresh = () =>
    run(async () => {
      const error = await loadStaff();
      return error ? (tr) => errorText(error, tr) : (tr) => tr.t('staff.refreshed');
    });

  const exit = () =>
    run(async () => {
      const error = await exitKioskMode();
      return error ? (tr) => errorText(error, tr) : SAY_NOTHING;
    });

  return (
    <div className="staff-layout">
      <header className="staff-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('staff.title')}
        </h1>
        <div className="row-buttons">
          {isDoor ? (
            <button type="button" className="button primary" onClick={openDoorScreen}>
              {t('staff.toDoor')}
            </button>
          ) : null}
          <button type="button" className="button secondary" onClick={() => void lockStaff()}>
            {t('staff.lock')}
          </button>
        </div>
      </header>
      <p className="staff-notice" role="status">
        {notice(translator)}
      </p>
      <SyncPanel status={staff.status} />
      <div className="staff-columns">
        <div className="staff-column">
          {isDoor ? null : <FieldRecordsPanel />}
          <StatusPanel
            status={staff.status}
            translator={translator}
            onRefresh={() => void refresh()}
            busy={busy}
          />
          <section className="panel" aria-labelledby="staff-pin-title">
            <h2 id="staff-pin-title">{t('staff.pin.title')}</h2>
            <button type="button" className="button secondary" onClick={onChangePin}>
              {t('staff.pin.change')}
            </button>
          </section>
          <section className="panel" aria-labelledby="staff-exit-title">
            <h2 id="staff-exit-title">{t('staff.exit.title')}</h2>
            <p>{t('staff.exit.help')}</p>
            <button type="button" className="button danger" onClick={() => void exit()} disabled={busy}>
              {t('staff.exit')}
            </button>
          </section>
        </div>
        {draft ? (
          <div className="staff-column">
            <ModePanel draft={draft} onChange={setEdited} />
            <FormsPanel draft={draft} onChange={setEdited} />
            <IdlePanel draft={draft} onChange={setEdited} />
            <LanguagePanel draft={draft} languages={languages ?? []} onChange={setEdited} />
            <button type="button" className="button primary" onClick={() => void save()} disabled={busy}>
              {t('staff.save')}
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}

type StatusProps = { status: StaffStatus | null; translator: Translator; onRefresh(): void; busy: boolean };

function StatusPanel({ status, translator, onRefresh, busy }: StatusProps) {
  const { t, locale } = translator;
  const number = new Intl.NumberFormat(locale);
  const rows: [string, string][] = status
    ? [
        [t('staff.status.savedToday'), number.format(status.savedToday)],
        [t('staff.status.savedTotal'), number.format(status.savedTotal)],
        [t('staff.status.device'), status.deviceName],
        [t('staff.status.event'), status.eventId],
        // Only while photos of field records wait for the server to confirm them.
        ...(status.photosWaiting > 0
          ? [[t('staff.status.photosWaiting'), number.format(status.photosWaiting)] as [string, string]]
          : []),
      ]
    : [];
  return (
    <section className="panel" aria-labelledby="staff-status-title">
      <h2 id="staff-status-title">{t('staff.status.title')}</h2>
      {status ? <StatusList rows={rows} /> : <p>{t('loading')}</p>}
      <button type="button" className="button secondary" onClick={onRefresh} disabled={busy}>
        {t('staff.refresh')}
      </button>
    </section>
  );
}

type DraftProps = { draft: SettingsDraft; onChange(draft: SettingsDraft): void };

function FormsPanel({ draft, onChange }: DraftProps) {
  const { t } = useT();
  return (
    <section className="panel" aria-labelledby="staff-forms-title">
      <h2 id="staff-forms-title">{t('staff.forms.title')}</h2>
      <ol className="staff-forms">
        {draft.forms.map((form, index) => (
          <FormRow
            key={form.formId}
            form={form}
            first={index === 0}
            last={index === draft.forms.length - 1}
            draft={draft}
            onChange={onChange}
          />
        ))}
      </ol>
    </section>
  );
}

function FormRow({
  form,
  first,
  last,
  draft,
  onChange,
}: DraftProps & { form: FormChoice; first: boolean; last: boolean }) {
  const { t, pick } = useT();
  const titleId = useId();
  return (
    <li className={form.offered ? 'staff-form is-offered' : 'staff-form'}>
      {/* Named by the form's title, so "Subir" and "Bajar" are told apart by the form they move. */}
      <div role="group" aria-labelledby={titleId}>
        <label className="check">
          <input
            type="checkbox"
            checked={form.offered}
            onChange={(event) => onChange(updateForm(draft, form.formId, { offered: event.target.checked }))}
          />
          <span id={titleId}>{pick(form.title)}</span>
        </label>
        <p className="hint">{t('staff.forms.version', { version: form.version })}</p>
        <fieldset className="inline-choices" disabled={!form.offered}>
          <legend>{t('staff.forms.onIdle')}</legend>
          {(['discard', 'keep'] as const).map((onIdle) => (
            <label key={onIdle} className="check">
              <input
                type="radio"
                name={`on-idle-${form.formId}`}
                checked={form.onIdle === onIdle}
                onChange={() => onChange(updateForm(draft, form.formId, { onIdle }))}
              />
              <span>{t(`staff.forms.onIdle.${onIdle}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="row-buttons">
          <button
            type="button"
            className="button secondary small"
            disabled={first}
            onClick={() => onChange(moveForm(draft, form.formId, -1))}
          >
            {t('staff.forms.up')}
          </button>
          <button
            type="button"
            className="button secondary small"
            disabled={last}
            onClick={() => onChange(moveForm(draft, form.formId, 1))}
          >
            {t('staff.forms.down')}
          </button>
        </div>
      </div>
    </li>
  );
}

function ModePanel({ draft, onChange }: DraftProps) {
  const { t } = useT();
  const ids = { gate: useId(), gateLabel: useId(), gateHint: useId() };
  return (
    <fieldset className="panel">
      <legend>{t('staff.mode.title')}</legend>
      <div className="mode-choices">
        {(['visitor', 'door'] as const).map((mode) => (
          <label key={mode} className="check">
            <input
              type="radio"
              name="kiosk-mode"
              checked={draft.mode === mode}
              onChange={() => onChange({ ...draft, mode })}
            />
            <span>{t(`staff.mode.${mode}`)}</span>
          </label>
        ))}
      </div>
      {draft.mode === 'door' ? (
        <>
          <label id={ids.gateLabel} htmlFor={ids.gate} className="field-label">
            {t('staff.gate.label')}
          </label>
          <p id={ids.gateHint} className="hint">
            {t('staff.gate.hint')}
          </p>
          <KeyboardField
            id={ids.gate}
            value={draft.gate}
            onChange={(gate) => onChange(editGate(draft, gate))}
            keyboard="on-focus"
            labelledBy={ids.gateLabel}
            describedBy={ids.gateHint}
            invalid={draftProblem(draft) === 'gateMissing'}
          />
        </>
      ) : null}
    </fieldset>
  );
}

function IdlePanel({ draft, onChange }: DraftProps) {
  const { t, tc } = useT();
  return (
    <fieldset className="panel">
      <legend>{t('staff.idle.title')}</legend>
      <div className="stepper">
        <button
          type="button"
          className="button secondary small"
          onClick={() => onChange(stepIdleTimeout(draft, -1))}
        >
          {t('staff.idle.less')}
        </button>
        <output aria-live="polite">{tc('staff.idle.seconds', draft.idleTimeoutSeconds)}</output>
        <button
          type="button"
          className="button secondary small"
          onClick={() => onChange(stepIdleTimeout(draft, 1))}
        >
          {t('staff.idle.more')}
        </button>
      </div>
    </fieldset>
  );
}

function LanguagePanel({ draft, languages, onChange }: DraftProps & { languages: readonly Language[] }) {
  const { t } = useT();
  return (
    <fieldset className="panel">
      <legend>{t('staff.language.title')}</legend>
      <div className="inline-choices">
        {languages.map((language) => {
          const own = translatorFor(language);
          return (
            <label key={language} className="check" lang={own.locale}>
              <input
                type="radio"
                name="default-language"
                checked={draft.defaultLanguage === language}
                onChange={() => onChange({ ...draft, defaultLanguage: language })}
              />
              <span>{own.t('language.name')}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
