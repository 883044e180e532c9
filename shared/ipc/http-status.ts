// The HTTP status each error code of the IPC contract is answered with, on every transport that
// speaks HTTP (the web kiosk, and the images Electron's app:// handler serves).
import type { ErrorCode } from './result';

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  staff_only: 401,
  pin_wrong: 401,
  pin_locked: 429,
  unknown_channel: 404,
  form_not_found: 404,
  answers_invalid: 422,
  payload_too_large: 413,
  forbidden: 403,
  not_found: 404,
  attachment_invalid: 422,
  no_conflict: 409,
  internal: 500,
};
