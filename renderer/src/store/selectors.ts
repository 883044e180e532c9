import type { Language } from '../../../shared/forms/form-definition';
import type { KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import { LANGUAGE_ORDER } from '../i18n/i18n';
import type { KioskState } from './kiosk-store';

/** The language the screen speaks: the visitor's once chosen, otherwise the kiosk's default. */
export function selectLanguage(state: KioskState): Language {
  return (
    state.session?.language ??
    state.thanks?.language ??
    (state.boot.status === 'ready' ? state.boot.settings.defaultLanguage : undefined) ??
    LANGUAGE_ORDER[0] ??
    'es'
  );
}

export function selectSettings(state: KioskState): KioskSettings | null {
  return state.boot.status === 'ready' ? state.boot.settings : null;
}
