// The one error the server's code throws on purpose: a code from the protocol, a message for
// people, and the HTTP status it answers with. The admin CLI shows the message alone.
import type { ErrorBody, ErrorCode } from '../shared/sync/protocol';

export type ErrorExtra = Partial<
  Pick<
    ErrorBody['error'],
    'field' | 'expectedSeq' | 'supported' | 'rows' | 'received' | 'retryAt' | 'retryAfter'
  >
>;

export const ERROR_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  enrol_code_invalid: 400,
  unauthenticated: 401,
  wrong_credentials: 401,
  locked_out: 401,
  token_revoked: 401,
  device_revoked: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  sequence_gap: 409,
  enrol_code_used: 409,
  enrol_code_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  offset_mismatch: 409,
  device_cloned: 409,
  hash_mismatch: 422,
  not_an_image: 422,
  protocol_unsupported: 426,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
};

export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: ErrorExtra = {},
    readonly status: number = ERROR_STATUS[code],
  ) {
    super(message);
  }
}
