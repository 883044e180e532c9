// Sets up (or updates) a kiosk data directory: database, forms, settings, PIN, all in one
// transaction. Safe to run again: installed forms are left alone, settings are kept.
import { hostname } from 'node:os';
import { CallFailure } from '../../shared/ipc/result';
import {
  NEW_PIN_RULE,
  NewPinSchema,
  KEEP_ACKNOWLEDGED_DAYS,
  PinSchema,
  type KioskMode,
  type KioskSettings,
  type OfferedForm,
} from '../../shared/kiosk/kiosk-settings';
import { kioskDatabasePath, openKioskDatabase } from './db/kiosk-database';
import { ensurePrivateDir } from './db/private-files';
import { ensureDeviceId } from './device/device-identity';
import { loadFormsWithWorkbooks } from './forms/form-files';
import { installFormMedia } from '../../shared/forms/node/form-media';
import { createFormStore, importForms, type ImportedForm, type InstalledForm } from './forms/form-store';
import { readKioskSettings, writeKioskSettings } from './settings/kiosk-settings-store';
import { hashPin } from './staff/pin-hash';
import { checkStaffPin, hasStaffPin, writeStaffPinHash } from './staff/staff-pin';

export type InitKioskOptions = {
  dataDir: string;
  deviceName?: string | undefined;
  eventId?: string | undefined;
  /** visitor (forms) or door (ticket check-in). */
  mode?: KioskMode | undefined;
  gate?: string | undefined;
  /** Sets (or replaces) the staff PIN: 6 to 8 digits. */
  pin?: string | undefined;
  /** Sets this PIN only if the kiosk has none yet: the demo's well-known one, so 4 digits pass. */
  defaultPin?: string | undefined;
  /** Directory of XLSForms (CSV trios or .xlsx workbooks) to install. */
  formsDir?: string | undefined;
  nativeBinding?: string | undefined;
  now?: Date | undefined;
};

export type InitKioskReport = {
  databasePath: string;
  deviceId: string;
  imported: ImportedForm[];
  settings: KioskSettings;
  settingsCreated: boolean;
  pinSet: boolean;
  hasPin: boolean;
  /** The staff PIN now is `defaultPin` (set by this call or an earlier one): the demo says so. */
  defaultPinInEffect: boolean;
};

/** Where new kiosks point visitors for the full privacy notice until staff change it. */
export const DEFAULT_PRIVACY_NOTICE = {
  version: '2026-11',
  url: 'https://cultura.hidalgo.gob.mx/aviso-de-privacidad',
};

export async function initKiosk(opts: InitKioskOptions): Promise<InitKioskReport> {
  const now = opts.now ?? new Date();
  if (opts.pin !== undefined && !NewPinSchema.safeParse(opts.pin).success)
    throw new CallFailure('invalid_input', NEW_PIN_RULE);
  if (opts.defaultPin !== undefined && !PinSchema.safeParse(opts.defaultPin).success)
    throw new CallFailure('invalid_input', 'PIN must be 4 to 8 digits');
  ensurePrivateDir(opts.dataDir);
  const db = openKioskDatabase(opts.dataDir, { nativeBinding: opts.nativeBinding });
  try {
    const pin = opts.pin ?? (hasStaffPin(db) ? undefined : opts.defaultPin);
    // Hashing is slow and asynchronous, so it happens before the one transaction below.
    const pinHash = pin === undefined ? undefined : await hashPin(pin);
    // Workbooks are read asynchronously too: every form is loaded and checked before the transaction.
    const loaded = opts.formsDir === undefined ? [] : await loadFormsWithWorkbooks(opts.formsDir);
    const { deviceId, imported, existing, settings } = db.transaction(() => {
      const deviceId = ensureDeviceId(db, now);
      const imported = importForms(
        db,
        loaded.map((form) => form.definition),
        now,
      );
      const forms = createFormStore(db);
      const existing = readKioskSettings(db);
      const wanted: KioskSettings = {
        ...(existing ?? defaultSettings(forms.listInstalled())),
        ...(opts.deviceName === undefined ? {} : { deviceName: opts.deviceName }),
        ...(opts.eventId === undefined ? {} : { eventId: opts.eventId }),
        ...(opts.mode === undefined ? {} : { mode: opts.mode }),
        ...(opts.gate === undefined ? {} : { gate: opts.gate }),
      };
      const settings = writeKioskSettings(db, forms, wanted, now);
      if (pinHash !== undefined) writeStaffPinHash(db, pinHash, now);
      return { deviceId, imported, existing, settings };
    })();
    // After the forms commit (a refused form installs no media); a form without its images shows
    // their labels, and running init again puts them in place.
    for (const { definition, media } of loaded)
      installFormMedia(opts.dataDir, definition.formId, definition.version, media.files);
    const defaultPinInEffect =
      opts.defaultPin !== undefined &&
      (pin === opts.defaultPin || (await checkStaffPin(db, opts.defaultPin)) === true);
    return {
      databasePath: kioskDatabasePath(opts.dataDir),
      deviceId,
      imported,
      settings,
      settingsCreated: existing === null,
      pinSet: pinHash !== undefined,
      hasPin: hasStaffPin(db),
      defaultPinInEffect,
    };
  } finally {
    db.close();
  }
}

const ON_IDLE: Partial<Record<InstalledForm['kind'], OfferedForm['onIdle']>> = {
  registration: 'discard',
  survey: 'keep',
};

function defaultSettings(installed: InstalledForm[]): KioskSettings {
  return {
    deviceName: hostname().slice(0, 80) || 'quiosco',
    eventId: 'demo',
    // Registrations first: a visitor registers on arrival, the survey comes later.
    offeredForms: [...installed]
      .sort((a, b) => Number(b.kind === 'registration') - Number(a.kind === 'registration'))
      .flatMap(({ formId, kind }) => {
        const onIdle = ON_IDLE[kind];
        return onIdle === undefined ? [] : [{ formId, onIdle }];
      }),
    languages: ['es', 'en'],
    defaultLanguage: 'es',
    idleTimeoutSeconds: 90,
    idleWarningSeconds: 20,
    privacyNotice: DEFAULT_PRIVACY_NOTICE,
    mode: 'visitor',
    gate: 'Puerta 1',
    keepAcknowledgedDays: KEEP_ACKNOWLEDGED_DAYS,
  };
}
