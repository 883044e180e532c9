// Enrolment codes and the enrolment QR's text. Free of zod so the renderer can use it without
// pulling the protocol schemas into its bundle.

/** Crockford base32: no I, L, O or U, so a code read aloud or typed is hard to get wrong. */
export const ENROL_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ENROL_CODE_LENGTH = 12;

/** Upper case, separators dropped, look-alike letters read as the digits they resemble. */
export function normalizeEnrolCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The code as people see it: three groups of four. */
export function formatEnrolCode(code: string): string {
  return normalizeEnrolCode(code).replace(/(.{4})(?=.)/g, '$1-');
}

export const ENROL_URI_PREFIX = 'quiosco://enrol?';

/**
 * What the enrolment QR code carries: the code, the server's address when known and, for an
 * https server, its certificate's SHA-256 (`fp`, hex), which the kiosk pins.
 */
export function enrolUri(code: string, server?: string, fingerprint?: string): string {
  const query = new URLSearchParams({ code: formatEnrolCode(code) });
  if (server !== undefined) query.set('server', server);
  if (fingerprint !== undefined) query.set('fp', fingerprint);
  return ENROL_URI_PREFIX + query.toString();
}

/**
 * A certificate fingerprint as kiosks keep it: 64 lower-case hex digits. Accepts the colon-
 * separated form openssl and browsers show; undefined for anything else.
 */
export function normalizeFingerprint(text: string): string | undefined {
  const hex = text.trim().replace(/:/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

/** The query of an enrolment QR's text, or undefined for anything else (e.g. a bare code). */
export function enrolUriParams(text: string): URLSearchParams | undefined {
  const trimmed = text.trim();
  return trimmed.startsWith(ENROL_URI_PREFIX)
    ? new URLSearchParams(trimmed.slice(ENROL_URI_PREFIX.length))
    : undefined;
}
