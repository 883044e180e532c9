// The kiosk's sync bookkeeping in the sync_state row: enrolment, pull cursor and how the last
// exchange went. Every write a sync round makes names the token it ran with, so a round that
// finishes after staff enrolled the kiosk again cannot overwrite the new enrolment.
import type { SyncStatus } from '../../../shared/ipc/contract';
import type { PullStream } from '../../../shared/sync/protocol';
import type { KioskDb } from '../db/migrate';

/** `fingerprint`: the certificate an https server must present (null for plain HTTP). */
export type Enrolment = { serverUrl: string; token: string; revoked: boolean; fingerprint: string | null };

type StateRow = {
  server_url: string | null;
  device_token: string | null;
  event_id: string | null;
  pull_cursor: number;
  door_cursor: number;
  records_cursor: number;
  branding_cursor: number;
  revoked: 0 | 1;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  clock_offset_ms: number | null;
  server_fingerprint: string | null;
  seq_base: number;
};

export type SyncError = { code: string; message: string };

const readRow = (db: KioskDb): StateRow => {
  const row = db.prepare<[], StateRow>('SELECT * FROM sync_state').get();
  if (row === undefined) throw new Error('sync_state row missing (migration 2 inserts it)');
  return row;
};

export function readEnrolment(db: KioskDb): Enrolment | undefined {
  const row = readRow(db);
  if (row.server_url === null || row.device_token === null) return undefined;
  return {
    serverUrl: row.server_url,
    token: row.device_token,
    revoked: row.revoked === 1,
    fingerprint: row.server_fingerprint,
  };
}

/**
 * Each pull stream keeps its own cursor (the door stream is pulled only by door kiosks, the
 * records stream only by kiosks that run a field form).
 */
const CURSOR_COLUMN: Record<
  PullStream,
  'pull_cursor' | 'door_cursor' | 'records_cursor' | 'branding_cursor'
> = {
  kiosk: 'pull_cursor',
  door: 'door_cursor',
  records: 'records_cursor',
  branding: 'branding_cursor',
};

export function readPullCursor(db: KioskDb, stream: PullStream): number {
  return readRow(db)[CURSOR_COLUMN[stream]];
}

/** Server clock minus kiosk clock at the last exchange (null before any): a scan's corrected time. */
export function readClockOffset(db: KioskDb): number | null {
  return readRow(db).clock_offset_ms;
}

export function readSyncStatus(db: KioskDb): SyncStatus {
  const row = readRow(db);
  const deadLetters = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM dead_letters').get()?.n ?? 0;
  return {
    enrolled: row.device_token !== null,
    serverUrl: row.server_url,
    revoked: row.revoked === 1,
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastError:
      row.last_error_code === null
        ? null
        : { code: row.last_error_code, message: row.last_error_message ?? '' },
    deadLetters,
    clockOffsetMs: row.clock_offset_ms,
    insecure: row.server_url?.startsWith('http:') === true,
  };
}

/**
 * A new enrolment: new server, token and pinned certificate, cursors back to 0 (pulling again is
 * harmless), errors cleared.
 */
export function saveEnrolment(
  db: KioskDb,
  e: {
    serverUrl: string;
    token: string;
    eventId: string;
    at: string;
    clockOffsetMs: number | null;
    fingerprint?: string | undefined;
  },
): void {
  db.prepare(
    `UPDATE sync_state SET server_url = ?, device_token = ?, event_id = ?, enrolled_at = ?, pull_cursor = 0,
       door_cursor = 0, records_cursor = 0, branding_cursor = 0, revoked = 0, last_attempt_at = ?, last_error_code = NULL, last_error_message = NULL,
       clock_offset_ms = coalesce(?, clock_offset_ms), server_fingerprint = ?`,
  ).run(e.serverUrl, e.token, e.eventId, e.at, e.at, e.clockOffsetMs, e.fingerprint ?? null);
}

/** An enrolment attempt that failed: the current enrolment (if any) stays as it is. */
export function recordEnrolFailure(
  db: KioskDb,
  at: string,
  error: SyncError,
  clockOffsetMs: number | null,
): void {
  db.prepare(
    `UPDATE sync_state SET last_attempt_at = ?, last_error_code = ?, last_error_message = ?,
       clock_offset_ms = coalesce(?, clock_offset_ms)`,
  ).run(at, error.code, error.message, clockOffsetMs);
}

export function recordAttempt(db: KioskDb, token: string, at: string): void {
  db.prepare('UPDATE sync_state SET last_attempt_at = ? WHERE device_token = ?').run(at, token);
}

/**
 * A round that got through. `problem`: something staff should still see though the round went
 * well (a photo that cannot be sent as it is); otherwise the last error is cleared.
 */
export function recordSuccess(
  db: KioskDb,
  token: string,
  at: string,
  clockOffsetMs: number | null,
  problem?: SyncError | undefined,
): void {
  db.prepare(
    `UPDATE sync_state SET last_success_at = ?, last_error_code = ?, last_error_message = ?,
       clock_offset_ms = coalesce(?, clock_offset_ms) WHERE device_token = ?`,
  ).run(at, problem?.code ?? null, problem?.message ?? null, clockOffsetMs, token);
}

export function recordFailure(
  db: KioskDb,
  token: string,
  failure: SyncError & { revoked: boolean; clockOffsetMs: number | null },
): void {
  db.prepare(
    `UPDATE sync_state SET last_error_code = ?, last_error_message = ?, revoked = max(revoked, ?),
       clock_offset_ms = coalesce(?, clock_offset_ms) WHERE device_token = ?`,
  ).run(failure.code, failure.message, failure.revoked ? 1 : 0, failure.clockOffsetMs, token);
}

/** Saves the cursor; false when the kiosk was enrolled again meanwhile (then nothing is saved). */
export function savePullCursor(db: KioskDb, token: string, stream: PullStream, cursor: number): boolean {
  const column = CURSOR_COLUMN[stream];
  return (
    db.prepare(`UPDATE sync_state SET ${column} = ? WHERE device_token = ?`).run(cursor, token).changes === 1
  );
}

/**
 * Starts a stream again from 0 (a kiosk moved to another event: that event's rows may lie behind
 * the cursor). Applying is an upsert, so what comes again does no harm.
 */
export function resetPullCursor(db: KioskDb, stream: PullStream): void {
  db.prepare(`UPDATE sync_state SET ${CURSOR_COLUMN[stream]} = 0`).run();
}
