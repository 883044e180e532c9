// What the field-record handlers need from the core, and which forms are field forms.
import type { FormDefinition } from '../../../shared/forms/form-definition';
import type { KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import type { KioskDb } from '../db/migrate';
import type { FormStore } from '../forms/form-store';

export type FieldContext = {
  db: KioskDb;
  forms: FormStore;
  deviceId: string;
  settings: () => KioskSettings;
  now: () => Date;
};

/** Heritage forms, and forms the settings offer as staff-only: never on the attract screen. */
export function isStaffOnlyForm(
  settings: KioskSettings,
  definition: Pick<FormDefinition, 'formId' | 'kind'>,
): boolean {
  return (
    definition.kind === 'heritage' ||
    settings.offeredForms.some(
      (offered) => offered.formId === definition.formId && offered.staffOnly === true,
    )
  );
}

/** The field forms installed on this kiosk, newest version of each. */
export function fieldForms({ forms, settings }: Pick<FieldContext, 'forms' | 'settings'>): FormDefinition[] {
  return forms
    .listInstalled()
    .filter((form) => isStaffOnlyForm(settings(), form))
    .flatMap((form) => forms.latest(form.formId)?.definition ?? []);
}
