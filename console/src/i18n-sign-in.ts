// The sign-in page's refusals, Spanish (Mexico) first, English beside it, the same keys in both:
// each by the server's code, so the page never shows the server's English (kept for the CLI).
import type { ErrorCode } from '../../shared/sync/protocol';
import type { Locale } from './i18n';

/** Why a sign-in did not happen: the server's code (and its retry time), or no answer at all. */
export type SignInRefusal = { code: ErrorCode | 'no_answer'; retryAt?: string | undefined };

type Said = 'wrong_credentials' | 'locked_out' | 'too_many_requests' | 'forbidden' | 'invalid_input';

const es = {
  refusals: {
    wrong_credentials: 'Usuario o contraseña incorrectos.',
    locked_out: 'Demasiados intentos fallidos: la cuenta está bloqueada por un rato.',
    too_many_requests:
      'El servidor está atendiendo muchos inicios de sesión. Espere unos segundos y vuelva a intentarlo.',
    forbidden: 'La página no pudo confirmar su solicitud. Recárguela y vuelva a intentarlo.',
    invalid_input: 'Escriba su usuario y su contraseña.',
  } satisfies Record<Said, string>,
  // No period after the time: es-MX writes it "8:18 p.m." already.
  lockedUntil: (time: string) =>
    `Demasiados intentos fallidos: la cuenta está bloqueada. Vuelva a intentarlo a partir de las ${time}`,
  noAnswer: 'No hay respuesta del servidor. Revise la conexión y vuelva a intentarlo.',
  other: 'El servidor no pudo iniciar la sesión. Vuelva a intentarlo en un momento.',
};
export type SignInMessages = typeof es;

const en: SignInMessages = {
  refusals: {
    wrong_credentials: 'Wrong user name or password.',
    locked_out: 'Too many failed sign-ins: the account is locked for a while.',
    too_many_requests: 'The server is handling many sign-ins. Wait a few seconds and try again.',
    forbidden: 'The page could not confirm your request. Reload it and try again.',
    invalid_input: 'Type your user name and your password.',
  },
  lockedUntil: (time: string) => `Too many failed sign-ins: the account is locked. Try again after ${time}`,
  noAnswer: 'The server does not answer. Check the connection and try again.',
  other: 'The server could not sign you in. Try again in a moment.',
};

export const SIGN_IN: Record<Locale, SignInMessages> = { 'es-MX': es, en };

/** The refusal in the page's words; any code the table does not name is said in general words. */
export function signInRefusalText(refusal: SignInRefusal, locale: Locale): string {
  const m = SIGN_IN[locale];
  if (refusal.code === 'no_answer') return m.noAnswer;
  if (refusal.code === 'locked_out' && refusal.retryAt !== undefined) {
    const at = new Date(refusal.retryAt);
    // A lock lasts minutes: the hour says when; the date too only when that is another day.
    const sameDay = at.toDateString() === new Date().toDateString();
    const time = new Intl.DateTimeFormat(locale, {
      ...(sameDay ? {} : { dateStyle: 'medium' }),
      timeStyle: 'short',
    }).format(at);
    return m.lockedUntil(time);
  }
  return refusal.code in m.refusals ? m.refusals[refusal.code as Said] : m.other;
}
