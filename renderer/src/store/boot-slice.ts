// What the kiosk core says this kiosk offers: settings and the forms, compiled once here.
import type { CompiledForm } from '../../../shared/forms/engine';
import { compileForm } from '../../../shared/forms/engine';
import type { FormDefinition } from '../../../shared/forms/form-definition';
import type { ChannelOutput, KioskBranding } from '../../../shared/ipc/contract';
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
  /**
   * Loads it again for the attract screen (bootstrap-refresh.ts): what arrives is dropped when the
   * attract screen has been left meanwhile (a visitor's form must not change under them) or when it
   * is what shows already; a failure keeps what shows.
   */
  refreshBootstrap(): Promise<void>;
};

type Bootstrap = ChannelOutput<'kiosk:bootstrap'>;

function readyBoot({ deviceId, settings, forms, branding = null }: Bootstrap): Boot {
  try {
    const onIdle = new Map(settings.offeredForms.map((offered) => [offered.formId, offered.onIdle]));
    const compiled = forms
      .filter((definition) => !isStaffOnly(definition, settings))
      .map((definition) => ({
        definition,
        compiled: compileForm(definition),
        onIdle: onIdle.get(definition.formId) ?? 'discard',
      }));
    return { status: 'ready', deviceId, settings, forms: compiled, branding };
  } catch (err) {
    const message = `a form does not compile: ${err instanceof Error ? err.message : String(err)}`;
    return { status: 'failed', error: { code: 'internal', message } };
  }
}

export const createBootSlice: SliceCreator<BootSlice> = (set, get, { api }) => {
  // Calls are numbered; an answer older than the one applied last is dropped, so a slow call never
  // overwrites a newer answer.
  let calls = 0;
  let applied = 0;
  // What the kiosk core last sent, as JSON: an unchanged answer is not applied again, which would
  // restart the attract loop and compile every form for nothing.
  let shown: string | null = null;
  return {
    boot: { status: 'loading' },
    async loadBootstrap() {
      const call = ++calls;
      const result = await api('kiosk:bootstrap', {});
      if (call < applied) return;
      applied = call;
      if (!result.ok) {
        shown = null;
        set({ boot: { status: 'failed', error: result.error } });
        return;
      }
      shown = JSON.stringify(result.value);
      set({ boot: readyBoot(result.value) });
    },
    async refreshBootstrap() {
      const call = ++calls;
      const result = await api('kiosk:bootstrap', {});
      if (call < applied || !result.ok || get().screen !== 'attract') return;
      const json = JSON.stringify(result.value);
      if (json === shown) return;
      const boot = readyBoot(result.value);
      if (boot.status !== 'ready') return;
      applied = call;
      shown = json;
      set({ boot });
    },
  };
};
