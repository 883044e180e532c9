// The kiosk's one settings document. Writes are checked against what the schema cannot see:
// the default language must be offered, and offered forms must be installed, each once.
import { z } from 'zod';
import { CallFailure } from '../../../shared/ipc/result';
import { KioskSettingsSchema, type KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import type { KioskDb } from '../db/migrate';
import type { FormStore } from '../forms/form-store';

export function readKioskSettings(db: KioskDb): KioskSettings | null {
  const row = db.prepare<[], { settings: string }>('SELECT settings FROM settings').get();
  return row === undefined ? null : KioskSettingsSchema.parse(JSON.parse(row.settings));
}

/** Validates and stores settings; throws CallFailure 'invalid_input' or 'form_not_found'. */
export function writeKioskSettings(db: KioskDb, forms: FormStore, input: unknown, now: Date): KioskSettings {
  const parsed = KioskSettingsSchema.safeParse(input);
  if (!parsed.success) throw new CallFailure('invalid_input', `settings: ${z.prettifyError(parsed.error)}`);
  const settings = parsed.data;
  if (!settings.languages.includes(settings.defaultLanguage)) {
    throw new CallFailure(
      'invalid_input',
      `settings.defaultLanguage "${settings.defaultLanguage}" is not one of settings.languages`,
    );
  }
  const seen = new Set<string>();
  for (const { formId } of settings.offeredForms) {
    if (seen.has(formId))
      throw new CallFailure('invalid_input', `settings.offeredForms lists form "${formId}" twice`);
    seen.add(formId);
    if (forms.latest(formId) === undefined) {
      throw new CallFailure(
        'form_not_found',
        `settings.offeredForms: form "${formId}" is not installed on this kiosk`,
        { formId },
      );
    }
  }
  db.prepare(
    `INSERT INTO settings (singleton, settings, updated_at) VALUES (1, ?, ?)
     ON CONFLICT (singleton) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
  ).run(JSON.stringify(settings), now.toISOString());
  return settings;
}
