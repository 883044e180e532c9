// The staff screen's unsaved choices, and the settings they become.
import type { Language, Localized } from '../../../shared/forms/form-definition';
import type { KioskMode, KioskSettings, OfferedForm } from '../../../shared/kiosk/kiosk-settings';
import type { StaffConfig } from '../store/staff-slice';

export type FormChoice = {
  formId: string;
  version: string;
  title: Localized;
  offered: boolean;
  onIdle: OfferedForm['onIdle'];
};

export type SettingsDraft = {
  /** Offered forms first, in their order, then the rest. */
  forms: FormChoice[];
  idleTimeoutSeconds: number;
  defaultLanguage: Language;
  mode: KioskMode;
  /** As typed: trimmed when saved. */
  gate: string;
  /** USB bundles written encrypted or not at all (KioskSettings.requireSealedBundles). */
  requireSealedBundles: boolean;
};

export const IDLE_STEP_SECONDS = 15;
// The limits of KioskSettingsSchema.idleTimeoutSeconds.
export const IDLE_MIN_SECONDS = 15;
export const IDLE_MAX_SECONDS = 3600;
// The limit of KioskSettingsSchema.gate.
export const GATE_MAX_LENGTH = 64;

export type DraftProblem = 'gateMissing';

export function draftFromConfig({ settings, availableForms }: StaffConfig): SettingsDraft {
  const byId = new Map(availableForms.map((form) => [form.formId, form]));
  const offered = settings.offeredForms.flatMap((offer): FormChoice[] => {
    const form = byId.get(offer.formId);
    return form
      ? [
          {
            formId: form.formId,
            version: form.version,
            title: form.title,
            offered: true,
            onIdle: offer.onIdle,
          },
        ]
      : [];
  });
  const offeredIds = new Set(offered.map((form) => form.formId));
  const rest = availableForms
    .filter((form) => !offeredIds.has(form.formId))
    .map((form): FormChoice => ({
      formId: form.formId,
      version: form.version,
      title: form.title,
      offered: false,
      onIdle: 'discard',
    }));
  return {
    forms: [...offered, ...rest],
    idleTimeoutSeconds: settings.idleTimeoutSeconds,
    defaultLanguage: settings.defaultLanguage,
    mode: settings.mode,
    gate: settings.gate,
    requireSealedBundles: settings.requireSealedBundles === true,
  };
}

export function moveForm(draft: SettingsDraft, formId: string, by: -1 | 1): SettingsDraft {
  const from = draft.forms.findIndex((form) => form.formId === formId);
  const to = from + by;
  const moving = draft.forms[from];
  if (from < 0 || to < 0 || to >= draft.forms.length || !moving) return draft;
  const forms = draft.forms.filter((form) => form.formId !== formId);
  forms.splice(to, 0, moving);
  return { ...draft, forms };
}

export function updateForm(
  draft: SettingsDraft,
  formId: string,
  change: Partial<Pick<FormChoice, 'offered' | 'onIdle'>>,
): SettingsDraft {
  return {
    ...draft,
    forms: draft.forms.map((form) => (form.formId === formId ? { ...form, ...change } : form)),
  };
}

export function stepIdleTimeout(draft: SettingsDraft, steps: number): SettingsDraft {
  const seconds = draft.idleTimeoutSeconds + steps * IDLE_STEP_SECONDS;
  return { ...draft, idleTimeoutSeconds: Math.max(IDLE_MIN_SECONDS, Math.min(IDLE_MAX_SECONDS, seconds)) };
}

/** The gate name as typed, never longer than the settings allow. */
export function editGate(draft: SettingsDraft, gate: string): SettingsDraft {
  return { ...draft, gate: gate.slice(0, GATE_MAX_LENGTH) };
}

/** What keeps the draft from being saved, or null. */
export function draftProblem(draft: SettingsDraft): DraftProblem | null {
  return draft.mode === 'door' && draft.gate.trim() === '' ? 'gateMissing' : null;
}

/** A blank gate name on a visitor kiosk keeps the one it had. */
export function settingsFromDraft(settings: KioskSettings, draft: SettingsDraft): KioskSettings {
  return {
    ...settings,
    offeredForms: draft.forms
      .filter((form) => form.offered)
      .map(({ formId, onIdle }) => ({ formId, onIdle })),
    idleTimeoutSeconds: draft.idleTimeoutSeconds,
    defaultLanguage: draft.defaultLanguage,
    mode: draft.mode,
    gate: draft.gate.trim() || settings.gate,
    requireSealedBundles: draft.requireSealedBundles,
  };
}
