// The kiosk's sync as the core sees it: enrolment, a round (push, then pull, then photos), the
// scheduler that runs rounds, and the status staff see. Rounds record how they went in
// sync_state; a round never throws.
import type { SyncStatus } from '../../../shared/ipc/contract';
import { CallFailure } from '../../../shared/ipc/result';
import type { KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import { parseEnrolText } from '../../../shared/sync/protocol';
import { rememberServerBundleKey } from '../bundle/server-key-store';
import type { KioskDb } from '../db/migrate';
import { currentDeviceId, takeNewIdentity } from '../device/device-identity';
import type { FormStore } from '../forms/form-store';
import { fetchFormMedia } from '../forms/form-media-sync';
import type { FormMediaPruner } from '../forms/form-media-pruner';
import { writeKioskSettings } from '../settings/kiosk-settings-store';
import { applyDoorPage } from '../door/apply-door-pull';
import { syncBranding } from '../branding/branding-sync';
import { fieldForms } from '../field/field-context';
import type { DoorStore } from '../door/door-store';
import { downloadPhotos } from './attachment-download';
import { PHOTO_BYTES_PER_ROUND, uploadPhotos } from './attachment-upload';
import { applyPulledPage } from './apply-pull';
import { pullChanges } from './pull';
import { pruneAcknowledged } from '../outbox/outbox';
import { pushOutbox } from './push';
import { pullRecords } from './records-pull';
import { createSyncClient } from './sync-client';
import { describeFailure, HALTING_CODES, REVOKED_CODES, SyncFailure } from './sync-failure';
import {
  createSyncScheduler,
  millis,
  SYNC_DEFAULTS,
  type RoundOutcome,
  type SchedulerOptions,
} from './sync-scheduler';
import {
  readEnrolment,
  readSyncStatus,
  recordAttempt,
  recordEnrolFailure,
  recordFailure,
  recordSuccess,
  saveEnrolment,
} from './sync-state';

export type KioskSyncOptions = SchedulerOptions & {
  /** Run rounds by themselves (timer, saves); false leaves only syncNow(), for tests. Default true. */
  auto?: boolean | undefined;
  /** Per exchange; default 20 s. */
  timeoutMs?: number | undefined;
  /** Outbox rows per push (at most the protocol's MAX_PUSH_CHANGES). */
  pushBatchSize?: number | undefined;
  pullLimit?: number | undefined;
  /** Photo bytes a round sends or fetches before it leaves the rest to a round right after it. */
  photoBytesPerRound?: number | undefined;
};

export type KioskSyncContext = {
  db: KioskDb;
  /** Where pulled forms' media are installed (form-media/FORM/FILE). */
  dataDir: string;
  forms: FormStore;
  now: () => Date;
  settings: () => KioskSettings;
  /** The settings changed under the core (enrolment, a pulled configuration). */
  onSettings: (settings: KioskSettings) => void;
  logError: (message: string, error: unknown) => void;
  /** Where a door kiosk keeps what the door stream brings. */
  doorStore: DoorStore;
  /** Removes old forms' images after a round, when forms arrived or a prune is owed. */
  formMedia: FormMediaPruner;
};

/** A door kiosk pushes its scans and pulls the other doors' this often, so a gate knows within seconds. */
export const DOOR_SYNC_INTERVAL_MS = 2_000;
/** And retries at least this often while the server is away: a venue has a few doors, not hundreds. */
export const DOOR_BACKOFF_CAP_MS = 10_000;

export type KioskSync = {
  status(): SyncStatus;
  /** Enrols with what staff typed or scanned; a refusal by the server shows as status.lastError. */
  enrol(input: { code: string; serverUrl?: string | undefined }): Promise<SyncStatus>;
  /** Runs a round now (or right after the one in flight) and answers the status after it. */
  syncNow(): Promise<SyncStatus>;
  /** A record was saved. */
  saved(): void;
  /** Staff changed the settings (door mode syncs sooner and more often). */
  settingsChanged(): void;
  /** Stops the scheduler and abandons any exchange in flight; the database stays open. */
  close(): void;
};

export function createKioskSync(ctx: KioskSyncContext, options: KioskSyncOptions = {}): KioskSync {
  const { db, now } = ctx;
  const closing = new AbortController();
  const clientOptions = {
    now,
    timeoutMs: options.timeoutMs,
    signal: closing.signal,
    timers: options.timers,
    random: options.random,
  };

  async function round(): Promise<RoundOutcome> {
    const outcome = await exchange();
    // After the whole round: the records it acknowledged and pulled count, and a failed round
    // does not keep forms that did arrive from being pruned.
    if (outcome !== 'stopped' && ctx.formMedia.owed()) ctx.formMedia.prune();
    return outcome;
  }

  async function exchange(): Promise<RoundOutcome> {
    const enrolment = readEnrolment(db);
    if (enrolment === undefined) return 'not_enrolled';
    if (enrolment.revoked) return 'halted';
    const { token } = enrolment;
    const deviceId = currentDeviceId(db);
    recordAttempt(db, token, now().toISOString());
    const client = createSyncClient({
      ...clientOptions,
      serverUrl: enrolment.serverUrl,
      token,
      fingerprint: enrolment.fingerprint ?? undefined,
    });
    try {
      await pushOutbox(db, client, { deviceId, now, batchSize: options.pushBatchSize });
      pruneAcknowledged(db, now(), ctx.settings().keepAcknowledgedDays);
      await ctx.formMedia.installing(() =>
        pullChanges(client, {
          db,
          stream: 'kiosk',
          limit: options.pullLimit,
          async apply(page) {
            // A form installs only with all its images: fetched first, the page not applied if one fails.
            await fetchFormMedia(client, ctx.dataDir, page.changes);
            const applied = applyPulledPage({ db, forms: ctx.forms, deviceId, token, now: now() }, page);
            if (applied.saved && page.changes.some((c) => c.kind === 'form')) ctx.formMedia.formsChanged();
            if (applied.settings !== undefined) ctx.onSettings(applied.settings);
            if (applied.conflicts.length > 0) {
              ctx.logError(
                'sync: kept the installed definition of forms the server has differently',
                applied.conflicts,
              );
            }
            return applied.saved;
          },
        }),
      );
      const branding = await syncBranding(db, client, {
        token,
        eventId: ctx.settings().eventId,
        now,
        limit: options.pullLimit,
      });
      if (door()) {
        await pullChanges(client, {
          db,
          stream: 'door',
          limit: options.pullLimit,
          apply: (page) => applyDoorPage({ db, store: ctx.doorStore, token }, page),
        });
      }
      // Records first (pushed above, pulled here), photos after them within a budget.
      const fieldRecords =
        fieldForms(ctx).length > 0 && (await pullRecords(client, { db, token, limit: options.pullLimit }));
      const photo = { now, deviceId };
      const bytesPerRound = options.photoBytesPerRound ?? PHOTO_BYTES_PER_ROUND;
      const up = await uploadPhotos(db, client, { ...photo, budget: { bytesLeft: bytesPerRound } });
      const down = fieldRecords
        ? await downloadPhotos(db, client, { ...photo, budget: { bytesLeft: bytesPerRound } })
        : undefined;
      const problem = up.problems[0] ?? down?.problems[0] ?? branding;
      recordSuccess(db, token, now().toISOString(), client.clockOffsetMs, problem);
      // A photo refused each time must not turn into a loop of immediate rounds.
      return (up.more || down?.more === true) && problem === undefined ? 'more' : 'ok';
    } catch (e) {
      if (closing.signal.aborted) return 'stopped';
      const failure = describeFailure(e);
      if (!(e instanceof SyncFailure)) ctx.logError('sync: round failed', e);
      if (failure.code === 'device_cloned') {
        // Another kiosk runs under this id: this one becomes a new kiosk and waits for enrolment.
        takeNewIdentity(
          db,
          now(),
          `${failure.message} — this kiosk is a copy of another: it took a new identity; enrol it again (nothing is lost)`,
        );
        return 'halted';
      }
      const revoked = REVOKED_CODES.has(failure.code);
      recordFailure(db, token, { ...failure, revoked, clockOffsetMs: client.clockOffsetMs });
      return HALTING_CODES.has(failure.code) ? 'halted' : 'failed';
    }
  }

  const door = () => ctx.settings().mode === 'door';
  const { intervalMs = SYNC_DEFAULTS.intervalMs, backoffCapMs = SYNC_DEFAULTS.backoffCapMs } = options;
  const scheduler = createSyncScheduler(round, {
    ...options,
    intervalMs: () => (door() ? DOOR_SYNC_INTERVAL_MS : millis(intervalMs)),
    backoffCapMs: () => (door() ? Math.min(DOOR_BACKOFF_CAP_MS, millis(backoffCapMs)) : millis(backoffCapMs)),
  });
  const auto = options.auto ?? true;
  const enrolled = readEnrolment(db);
  if (auto && enrolled !== undefined && !enrolled.revoked) scheduler.start();

  return {
    status: () => readSyncStatus(db),
    async enrol(input) {
      const parsed = parseEnrolText(input.code);
      if (parsed === undefined) {
        throw new CallFailure(
          'invalid_input',
          'code: not an enrolment code (12 letters and digits, or the enrolment QR code)',
          { field: 'code' },
        );
      }
      const serverUrl = parsed.server ?? input.serverUrl;
      if (serverUrl === undefined) {
        throw new CallFailure(
          'invalid_input',
          "serverUrl: give the sync server's address; this code does not carry it",
          { field: 'serverUrl' },
        );
      }
      if (!/^https?:\/\/[^/]/.test(serverUrl) || !URL.canParse(serverUrl)) {
        throw new CallFailure(
          'invalid_input',
          `serverUrl: ${JSON.stringify(serverUrl.slice(0, 80))} is not an http(s) address`,
          { field: 'serverUrl' },
        );
      }
      // An https server is trusted only by the fingerprint the code carries; HTTP has none to pin.
      const https = serverUrl.startsWith('https:');
      if (https && parsed.fingerprint === undefined) {
        throw new CallFailure(
          'invalid_input',
          "code: this server speaks https: enrol with the enrolment QR code (or its quiosco://enrol text), which carries the server's certificate fingerprint",
          { field: 'code' },
        );
      }
      const fingerprint = https ? parsed.fingerprint : undefined;
      const client = createSyncClient({ ...clientOptions, serverUrl, fingerprint });
      const at = now().toISOString();
      const deviceId = currentDeviceId(db);
      try {
        const answer = await client.enrol({
          code: parsed.code,
          deviceId,
          deviceName: ctx.settings().deviceName,
          // A door says so: the server gives the door stream and takes scans only from doors.
          mode: ctx.settings().mode,
        });
        if (answer.deviceId !== deviceId) {
          throw new SyncFailure(
            'invalid_response',
            `the server enrolled device ${answer.deviceId}, not this kiosk`,
          );
        }
        const settings = db
          .transaction(() => {
            saveEnrolment(db, {
              serverUrl,
              token: answer.deviceToken,
              eventId: answer.eventId,
              at,
              clockOffsetMs: client.clockOffsetMs,
              fingerprint,
            });
            // Records saved from now on belong to the event the kiosk joined.
            return writeKioskSettings(db, ctx.forms, { ...ctx.settings(), eventId: answer.eventId }, now());
          })
          .immediate();
        rememberServerBundleKey(db, answer.bundleKey);
        ctx.onSettings(settings);
      } catch (e) {
        if (closing.signal.aborted) throw e;
        recordEnrolFailure(db, at, describeFailure(e), client.clockOffsetMs);
        if (!(e instanceof SyncFailure)) ctx.logError('sync: enrolment failed', e);
        return readSyncStatus(db);
      }
      if (auto) scheduler.start();
      return readSyncStatus(db);
    },
    async syncNow() {
      await scheduler.runNow();
      return readSyncStatus(db);
    },
    saved: () => scheduler.saved(),
    settingsChanged() {
      if (door()) scheduler.saved();
    },
    close() {
      scheduler.stop();
      closing.abort();
    },
  };
}
