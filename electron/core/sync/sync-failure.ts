// Why a sync exchange failed, as a code staff screens can word: the protocol's error codes as
// the server sent them, plus the ones only the kiosk can see.
import type { ErrorCode } from '../../../shared/sync/protocol';

export type KioskSyncErrorCode =
  /** No connection, a connection cut, or no answer in time. */
  | 'server_unreachable'
  /** An answer that is not what the protocol says (a proxy's page, a truncated body). */
  | 'invalid_response'
  /**
   * The server settled seqs this kiosk never assigned: its database is older than what it sent
   * (restored from a copy) or another kiosk runs under its identity. New records would be taken
   * for replays, so nothing more is pushed.
   */
  | 'outbox_behind_server'
  /**
   * The server lost acknowledged records (restored from an older backup) that this kiosk no longer
   * keeps (pruned after its retention time): only a newer backup or a new enrolment moves on.
   */
  | 'server_lost_records'
  /**
   * An https server presented another certificate than the one pinned at enrolment (or the kiosk
   * has none pinned): it may be an impostor at the server's address, so nothing is sent to it.
   */
  | 'server_certificate_mismatch'
  /**
   * A photo file missing, or whose bytes no longer hash to its name (the disk lost or changed
   * it): it is not sent, and staff see which. The records themselves sync as usual.
   */
  | 'attachment_corrupt';

const REVOKED: ErrorCode[] = ['device_revoked', 'token_revoked', 'unauthenticated'];

/** Codes after which the token is no good: sync stops until staff enrol the kiosk again. */
export const REVOKED_CODES: ReadonlySet<string> = new Set(REVOKED);

/** Codes after which retrying cannot help: automatic rounds stop until a restart or a new enrolment. */
export const HALTING_CODES: ReadonlySet<string> = new Set([
  ...REVOKED,
  'protocol_unsupported',
  'outbox_behind_server',
  'server_lost_records',
  'server_certificate_mismatch',
  'device_cloned',
] satisfies (ErrorCode | KioskSyncErrorCode)[]);

export class SyncFailure extends Error {
  override readonly name = 'SyncFailure';
  constructor(
    readonly code: ErrorCode | KioskSyncErrorCode,
    message: string,
    readonly detail: {
      status?: number;
      expectedSeq?: number | undefined;
      /** offset_mismatch: the bytes of the attachment the server holds. */
      received?: number | undefined;
      /** A busy server (503 with Retry-After): the seconds it asks the kiosk to wait. */
      retryAfterS?: number | undefined;
    } = {},
  ) {
    super(message);
  }
}

/** Any failure of a round as a code and message; a bug in our own code shows as "internal". */
export function describeFailure(e: unknown): { code: string; message: string } {
  if (e instanceof SyncFailure) return { code: e.code, message: e.message };
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}
