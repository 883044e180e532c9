// Sync statuses the kiosk core's and the renderer's tests both start from.
import type { SyncStatus } from '../contract';

/** A kiosk never enrolled: nothing attempted, nothing failed. */
export const NEVER_SYNCED: SyncStatus = {
  enrolled: false,
  serverUrl: null,
  revoked: false,
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastError: null,
  deadLetters: 0,
  clockOffsetMs: null,
  insecure: false,
};
