// Applies one page of pulled changes and saves the cursor after it, in one transaction: a kiosk
// cut off half-way keeps either the whole page and its cursor or neither, and pulls on from there.
// Applying is an upsert by kind and id, so a change that arrives twice does no harm.
import { KioskSettingsSchema, type KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import type { DeviceConfigPayload, PullChange, PullStream } from '../../../shared/sync/protocol';
import type { KioskDb } from '../db/migrate';
import { FormVersionConflictError, importForms, type FormStore } from '../forms/form-store';
import { readKioskSettings, writeKioskSettings } from '../settings/kiosk-settings-store';
import { resetPullCursor, savePullCursor } from './sync-state';

export type PulledPage = { changes: PullChange[]; cursor: number };

export type ApplyContext = {
  db: KioskDb;
  forms: FormStore;
  deviceId: string;
  /** The token the pull ran with: if the kiosk was enrolled again meanwhile, nothing is applied. */
  token: string;
  now: Date;
};

export type Applied = {
  /** False when the kiosk was enrolled again while the page was on its way. */
  saved: boolean;
  /** The settings after a configuration change, when the page carried one. */
  settings?: KioskSettings | undefined;
  /** Forms whose version is installed here with another definition: the installed one stays. */
  conflicts: string[];
};

export function applyPulledPage(ctx: ApplyContext, page: PulledPage): Applied {
  const { db, now } = ctx;
  const at = now.toISOString();
  const upsertEvent = db.prepare(
    `INSERT INTO events (id, name, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
  );
  const apply = (): Applied => {
    const conflicts: string[] = [];
    let config: DeviceConfigPayload | undefined;
    for (const change of page.changes) {
      switch (change.kind) {
        case 'event':
          upsertEvent.run(change.payload.id, change.payload.name, at);
          break;
        case 'form':
          try {
            importForms(db, [change.payload.definition], now);
          } catch (e) {
            if (!(e instanceof FormVersionConflictError)) throw e;
            conflicts.push(change.id);
          }
          break;
        case 'device_config':
          if (change.payload.deviceId === ctx.deviceId) config = change.payload;
          break;
        default:
          // The door stream's kinds (tickets, scans…): this pull asks for the kiosk stream only.
          break;
      }
    }
    // Forms come before the configuration that offers them, so the configuration is applied last.
    const settings = config === undefined ? undefined : applyDeviceConfig(ctx, config);
    return { saved: true, settings, conflicts };
  };
  return applyWithCursor(db, ctx.token, 'kiosk', page.cursor, apply) ?? { saved: false, conflicts: [] };
}

/**
 * Runs `apply` and saves the stream's cursor in one transaction. Undefined (and nothing saved)
 * when the kiosk was enrolled again while the page was on its way.
 */
export function applyWithCursor<T>(
  db: KioskDb,
  token: string,
  stream: PullStream,
  cursor: number,
  apply: () => T,
): T | undefined {
  const run = db.transaction(() => {
    const result = apply();
    if (!savePullCursor(db, token, stream, cursor)) throw new EnrolmentChanged();
    return result;
  });
  try {
    return run.immediate();
  } catch (e) {
    if (e instanceof EnrolmentChanged) return undefined;
    throw e;
  }
}

/** Thrown inside the transaction to roll the page back. */
class EnrolmentChanged extends Error {}

/**
 * The coordinator's choices (name, event, offered forms) over what staff set here (languages,
 * timeouts, privacy notice). A form the kiosk does not have is left out rather than refused.
 */
function applyDeviceConfig(ctx: ApplyContext, config: DeviceConfigPayload): KioskSettings {
  const current = readKioskSettings(ctx.db);
  if (current === null) throw new Error('kiosk settings missing');
  const offered = new Map(config.offeredForms.map((f) => [f.formId, f]));
  const merged = KioskSettingsSchema.parse({
    ...current,
    deviceName: config.deviceName,
    eventId: config.eventId,
    offeredForms: [...offered.values()].filter((f) => ctx.forms.latest(f.formId) !== undefined),
  });
  // The new event's field records and branding may lie behind the cursors: pull them from the start.
  if (merged.eventId !== current.eventId) {
    resetPullCursor(ctx.db, 'records');
    resetPullCursor(ctx.db, 'branding');
  }
  return writeKioskSettings(ctx.db, ctx.forms, merged, ctx.now);
}
