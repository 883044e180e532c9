// The settings staff edit as a draft: offered forms, visitor or door mode, idle time, language,
// whether USB bundles must be encrypted.
import { useId } from 'react';
import type { Language } from '../../../shared/forms/form-definition';
import { translator as translatorFor } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { KeyboardField } from '../input/KeyboardField';
import {
  draftProblem,
  editGate,
  moveForm,
  stepIdleTimeout,
  updateForm,
  type FormChoice,
  type SettingsDraft,
} from './settings-draft';

export type DraftProps = { draft: SettingsDraft; onChange(draft: SettingsDraft): void };

export function FormsPanel({ draft, onChange }: DraftProps) {
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

export function ModePanel({ draft, onChange }: DraftProps) {
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

export function IdlePanel({ draft, onChange }: DraftProps) {
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

export function LanguagePanel({
  draft,
  languages,
  onChange,
}: DraftProps & { languages: readonly Language[] }) {
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

export function SealedBundlesPanel({ draft, onChange }: DraftProps) {
  const { t } = useT();
  const helpId = useId();
  return (
    <fieldset className="panel">
      <legend>{t('usb.sealed.title')}</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.requireSealedBundles}
          aria-describedby={helpId}
          onChange={(event) => onChange({ ...draft, requireSealedBundles: event.target.checked })}
        />
        <span>{t('usb.sealed.label')}</span>
      </label>
      <p id={helpId} className="hint">
        {t('usb.sealed.help')}
      </p>
    </fieldset>
  );
}
