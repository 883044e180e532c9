// What the kiosk core says this kiosk offers: settings and the forms, compiled once here.
import type { CompiledForm } from '../../../shared/forms/engine';
import { compileForm } from '../../../shared/forms/engine';
import type { FormDefinition } from '../../../shared/forms/form-definition';
import type { KioskBranding } from '../../../shared/ipc/contract';
import type { CallError } from '../../../shared/ipc/result';
import type { KioskSettings, OfferedForm } from '../../../shared/kiosk/kiosk-settings';
import type { SliceCreator } from './kiosk-store';

export type KioskForm = {
  definition: FormDefinition;
  compiled: CompiledForm;
  onIdle: OfferedForm['onIdle'];
};

/** Field records (heritage, or marked staff-only) are reached after the PIN, never from the attract screen. */
export function isStaffOnly(definition: FormDefinition, settings: KioskSettings): boolean {
  return (
    definition.kind === 'heritage' ||
    settings.offeredForms.some(
      (offered) => offered.formId === definition.formId && offered.staffOnly === true,
    )
  );
}

export type Boot =
  | { status: 'loading' }
  | { status: 'failed'; error: CallError }
  | {
      status: 'ready';
      deviceId: string;
      settings: KioskSettings;
      forms: KioskForm[];
      /** The event's branding; absent or null: the kiosk's own look. */
      branding?: KioskBranding | null;
    };

export type BootSlice = {
  boot: Boot;
  /** Fetches settings and the visitors' forms; on a reload the current ones stay on screen until the new arrive. */
  loadBootstrap(): Promise<void>;
};

export const createBootSlice: SliceCreator<BootSlice> = (set, _get, { api }) => ({
  boot: { status: 'loading' },
  async loadBootstrap() {
    const result = await api('kiosk:bootstrap', {});
    if (!result.ok) {
      set({ boot: { status: 'failed', error: result.error } });
      return;
    }
    const { deviceId, settings, forms, branding = null } = result.value;
    try {
      const onIdle = new Map(settings.offeredForms.map((offered) => [offered.formId, offered.onIdle]));
      const compiled = forms
        .filter((definition) => !isStaffOnly(definition, settings))
        .map((definition) => ({
          definition,
          compiled: compileForm(definition),
          onIdle: onIdle.get(definition.formId) ?? 'discard',
        }));
      set({ boot: { status: 'ready', deviceId, settings, forms: compiled, branding } });
    } catch (err) {
      const message = `a form does not compile: ${err instanceof Error ? err.message : String(err)}`;
      set({ boot: { status: 'failed', error: { code: 'internal', message } } });
    }
  },
});
