// The kiosk core: everything the kiosk does, behind one dispatch(channel, input) that both
// transports (Electron IPC and the web kiosk's HTTP API) call. Plain Node: no 'electron' import.
import { dirname } from 'node:path';
import type { z } from 'zod';
import { parseChannelInput } from '../../shared/ipc/channel-input';
import {
  isChannel,
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  type Contract,
  type SyncStatus,
} from '../../shared/ipc/contract';
import { CallFailure, fail, ok, type Result } from '../../shared/ipc/result';
import type { KioskSettings } from '../../shared/kiosk/kiosk-settings';
import { readKioskBranding } from './branding/branding-store';
import { loadBundle } from './bundle/load-bundle';
import { writeBundle } from './bundle/write-bundle';
import { openKioskDatabase } from './db/kiosk-database';
import type { KioskDb } from './db/migrate';
import { ensureDeviceId } from './device/device-identity';
import { createDoor } from './door/door';
import { createFieldHandlers, type FieldHandlers } from './field/field-handlers';
import { isStaffOnlyForm } from './field/field-context';
import { photosWaitingCount } from './field/field-list';
import { moveOldFormMedia } from './forms/form-media-layout';
import { createFormMediaPruner } from './forms/form-media-pruner';
import { createFormStore } from './forms/form-store';
import { pendingCount } from './outbox/outbox';
import { readEventName } from './settings/event-name';
import { readKioskSettings, writeKioskSettings } from './settings/kiosk-settings-store';
import { checkStaffPin, setStaffPin } from './staff/staff-pin';
import { createPinLockout } from './staff/pin-lockout';
import { createStaffSessions } from './staff/staff-sessions';
import { countSubmissions, saveSubmission } from './submissions/submission-store';
import { listDeadLetters, resendDeadLetters } from './sync/dead-letters';
import { createKioskSync, type KioskSyncOptions } from './sync/kiosk-sync';

export type KioskCore = {
  deviceId: string;
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  /** dispatch for in-process callers (the CLI's demo set-up), typed by the contract. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  /** Runs a sync round now (or right after the one in flight); answers the sync status after it. */
  syncNow(): Promise<SyncStatus>;
  /** Stops sync and closes the database; dispatch must not be called afterwards. */
  close(): void;
};

export type KioskCoreOptions = {
  /** Called (on the next tick, after the answer is sent) when staff leave kiosk mode. */
  onExit?: (() => void) | undefined;
  now?: (() => Date) | undefined;
  /** Where unexpected handler failures are reported; they reach the caller only as 'internal'. */
  logError?: ((message: string, error: unknown) => void) | undefined;
  /** Sync timing, timers and limits; tests inject timers or turn automatic rounds off. */
  sync?: KioskSyncOptions | undefined;
};

export type OpenKioskCoreOptions = KioskCoreOptions & {
  dataDir: string;
  /** better-sqlite3 addon built for Electron's ABI. */
  nativeBinding?: string | undefined;
};

type Handlers = { [C in Channel]: (input: z.output<Contract[C]['input']>) => Promise<ChannelOutput<C>> };

export class KioskNotInitializedError extends Error {
  override readonly name = 'KioskNotInitializedError';
  constructor(readonly file: string) {
    super(
      `${file} holds no kiosk settings: set the kiosk up first with "quiosco kiosk init --data ${dirname(file)}".`,
    );
  }
}

export function openKioskCore({ dataDir, nativeBinding, ...options }: OpenKioskCoreOptions): KioskCore {
  const db = openKioskDatabase(dataDir, { nativeBinding });
  try {
    return createKioskCore(db, options);
  } catch (e) {
    db.close();
    throw e;
  }
}

/** A core over an already opened and migrated database (the benchmark uses this to vary pragmas). */
export function createKioskCore(
  db: KioskDb,
  { onExit, now = () => new Date(), logError = defaultLogError, sync: syncOptions }: KioskCoreOptions = {},
): KioskCore {
  const stored = readKioskSettings(db);
  if (stored === null) throw new KioskNotInitializedError(db.name);
  let settings: KioskSettings = stored;
  const deviceId = ensureDeviceId(db, now());
  const forms = createFormStore(db);
  const dataDir = dirname(db.name);
  try {
    moveOldFormMedia(dataDir, db, forms);
  } catch (e) {
    // The old files stay where they were (nothing prunes them) for the next start to move.
    logError("forms: could not move images into their versions' folders", e);
  }
  const formMedia = createFormMediaPruner({ db, dataDir, forms, settings: () => settings, now, logError });
  // At start no screen shows a form yet: old forms' images that waited on one go now.
  formMedia.prune();
  const sessions = createStaffSessions({
    now,
    checkPin: (pin) => checkStaffPin(db, pin),
    lockout: createPinLockout(db),
  });
  const door = createDoor({ db, deviceId, now, settings: () => settings, sync: () => sync.status() });
  const sync = createKioskSync(
    {
      db,
      dataDir,
      forms,
      now,
      settings: () => settings,
      onSettings: (changed) => (settings = changed),
      logError,
      doorStore: door.store,
      formMedia,
    },
    syncOptions,
  );

  const staffOnly =
    <I extends { token: string }, O>(handler: (input: I) => O | Promise<O>) =>
    async (input: I): Promise<O> => {
      sessions.touch(input.token);
      return handler(input);
    };
  const field = createFieldHandlers({ db, forms, deviceId, settings: () => settings, now });
  const fieldChannel = <C extends keyof FieldHandlers>(channel: C) => staffOnly(field[channel]);
  const config = (): ChannelOutput<'staff:config'> => ({ settings, availableForms: forms.listInstalled() });

  const handlers: Handlers = {
    'kiosk:bootstrap': async () => {
      // The attract screen never shows field forms: staff reach them after the PIN.
      const shown = settings.offeredForms.flatMap(({ formId }) => {
        const definition = forms.latest(formId)?.definition;
        return definition === undefined || isStaffOnlyForm(settings, definition) ? [] : [definition];
      });
      formMedia.shown(shown);
      return { deviceId, settings, forms: shown, branding: readKioskBranding(db, settings.eventId) };
    },
    'submission:save': async (input) => {
      const saved = saveSubmission(db, forms, { deviceId, settings, now: now() }, input);
      sync.saved();
      return saved;
    },
    'staff:unlock': (input) => sessions.unlock(input.pin),
    'staff:lock': async (input) => {
      sessions.lock(input.token);
      return { locked: true };
    },
    'staff:status': staffOnly(() => {
      const counts = countSubmissions(db, now());
      return {
        deviceId,
        deviceName: settings.deviceName,
        eventId: settings.eventId,
        eventName: readEventName(db, settings.eventId),
        savedToday: counts.today,
        savedTotal: counts.total,
        pendingSync: pendingCount(db),
        photosWaiting: photosWaitingCount(db),
        sync: sync.status(),
      };
    }),
    'staff:config': staffOnly(config),
    'staff:configure': staffOnly((input) => {
      settings = writeKioskSettings(db, forms, input.settings, now());
      sync.settingsChanged();
      return config();
    }),
    'staff:change-pin': staffOnly(async (input) => {
      await setStaffPin(db, input.newPin, now());
      return { changed: true as const };
    }),
    'staff:exit': staffOnly(() => {
      if (onExit) setImmediate(onExit);
      return { exited: true as const };
    }),
    'staff:enrol': staffOnly((input) => sync.enrol(input)),
    'staff:sync-now': staffOnly(() => sync.syncNow()),
    'staff:dead-letters': staffOnly(() => listDeadLetters(db)),
    'staff:resend-dead-letters': staffOnly((input) => {
      resendDeadLetters(db, input.seqs, now().toISOString());
      sync.saved();
      return sync.status();
    }),
    'staff:write-bundle': staffOnly((input) =>
      writeBundle(db, input.directory, now(), settings.requireSealedBundles === true),
    ),
    'staff:load-bundle': staffOnly(async (input) => {
      const loaded = await formMedia.installing(() =>
        loadBundle(
          { db, forms, doorStore: door.store, now, onSettings: (changed) => (settings = changed) },
          input.path,
        ),
      );
      formMedia.prune();
      sync.settingsChanged();
      return loaded;
    }),
    'door:scan': staffOnly(async (input) => {
      const verdict = await door.scan(input.text, input.direction);
      sync.saved();
      return verdict;
    }),
    'door:status': staffOnly(() => door.status()),
    'field:forms': staffOnly((input) => {
      const listed = field['field:forms'](input);
      formMedia.shown(listed.forms);
      return listed;
    }),
    'field:list': fieldChannel('field:list'),
    'draft:save': fieldChannel('draft:save'),
    'draft:get': fieldChannel('draft:get'),
    'draft:discard': fieldChannel('draft:discard'),
    'draft:finish': async (input) => {
      const finished = await staffOnly(field['draft:finish'])(input);
      sync.saved();
      return finished;
    },
    'record:edit': fieldChannel('record:edit'),
    'record:revisions': fieldChannel('record:revisions'),
    'record:merge': fieldChannel('record:merge'),
    'attachment:save': fieldChannel('attachment:save'),
    'attachment:get': fieldChannel('attachment:get'),
  };

  async function run<C extends Channel>(channel: C, input: unknown): Promise<Result<ChannelOutput<C>>> {
    const parsed = parseChannelInput(channel, input);
    if (!parsed.ok) return parsed;
    // TypeScript cannot see that contract[channel] and handlers[channel] belong to the same C;
    // they do, so what that schema accepted is what this handler takes.
    const handler = handlers[channel] as (input: unknown) => Promise<ChannelOutput<C>>;
    try {
      return ok(await handler(parsed.value));
    } catch (e) {
      if (e instanceof CallFailure) return fail(e.code, e.message, e.details);
      logError(`kiosk core: ${channel} failed`, e);
      return fail('internal', `${channel} failed unexpectedly; the error is in the kiosk log`);
    }
  }

  return {
    deviceId,
    dispatch: (channel, input) =>
      isChannel(channel)
        ? run(channel, input)
        : Promise.resolve(
            fail('unknown_channel', `No channel named ${JSON.stringify(channel.slice(0, 80))}`),
          ),
    call: run,
    syncNow: () => sync.syncNow(),
    close: () => {
      sync.close();
      db.close();
    },
  };
}

const defaultLogError = (message: string, error: unknown) => console.error(message, error);
