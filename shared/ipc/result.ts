// The envelope every IPC/HTTP call answers with: thrown errors would reach the renderer as a
// bare message, so handlers return a code the UI can translate and a message for logs.
import { z } from 'zod';

export const ErrorCodeSchema = z.enum([
  'invalid_input',
  'payload_too_large',
  'unknown_channel',
  'form_not_found',
  'answers_invalid',
  'pin_wrong',
  'pin_locked',
  'staff_only',
  'forbidden',
  /** A draft, record or attachment this kiosk does not hold. */
  'not_found',
  /** A photo that is not a whole JPEG or PNG image, or is too large. */
  'attachment_invalid',
  /** record:merge on a record that has one current revision, or a draft whose base is no longer current. */
  'no_conflict',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const CallErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Extra machine-readable detail, e.g. the fields at fault or seconds left in a lockout. */
  details: z.unknown().optional(),
});
export type CallError = z.infer<typeof CallErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: CallError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: unknown): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Thrown inside handlers to answer with a specific error code; dispatch turns it into a Result. */
export class CallFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CallFailure';
  }
}
