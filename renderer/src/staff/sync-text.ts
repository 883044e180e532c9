// The sync panel's words: failures from the kiosk core and the sync server in plain language,
// times in the kiosk's locale, how far the kiosk's clock is from the server's, and refused records.
import type { DeadLetter } from '../../../shared/ipc/contract';
import { errorText, type FailedCall } from '../app/error-text';
import { isMessageKey, type Translator } from '../i18n/i18n';

/** A clock this close to the server's is not worth mentioning. */
export const CLOCK_OFFSET_WARNING_MS = 60_000;

/** The last sync failure as staff read it; `code` is one of the sync engine's or the server's. */
export function syncErrorText(code: string, { t }: Translator): string {
  const key = `sync.error.${code}`;
  return isMessageKey(key) ? t(key) : t('sync.error.unknown', { code });
}

/** Why enrolment failed: the field at fault, else the code in plain words, else the core's message. */
export function enrolErrorText(error: FailedCall, translator: Translator): string {
  const { t } = translator;
  const { code } = error;
  if (code === 'invalid_input') {
    const fields = invalidFields(error.details);
    if (fields.has('serverUrl')) return t('staff.enrol.serverInvalid');
    if (fields.has('code')) return t('staff.enrol.codeInvalid');
  }
  const ownKey = `staff.enrol.error.${code}`;
  if (isMessageKey(ownKey)) return t(ownKey);
  const syncKey = `sync.error.${code}`;
  if (isMessageKey(syncKey)) return t(syncKey);
  if (isMessageKey(`error.${code}`)) return errorText(error, translator);
  return t('staff.enrol.failed', { message: error.message });
}

/** The input fields named in an invalid_input error's details (`issues[].path` or `field`). */
function invalidFields(details: unknown): Set<string> {
  const fields = new Set<string>();
  if (typeof details !== 'object' || details === null) return fields;
  if ('field' in details && typeof details.field === 'string') fields.add(details.field);
  if ('issues' in details && Array.isArray(details.issues)) {
    for (const issue of details.issues as unknown[]) {
      if (typeof issue === 'object' && issue !== null && 'path' in issue && typeof issue.path === 'string') {
        fields.add(issue.path);
      }
    }
  }
  return fields;
}

/** Date and time in the locale, or "Nunca". */
export function syncTimeText(iso: string | null, { t, locale }: Translator): string {
  if (iso === null) return t('staff.sync.never');
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/** The clock warning, or null when the offset is unknown or within a minute. */
export function clockOffsetText(offsetMs: number | null, { t, locale }: Translator): string | null {
  if (offsetMs === null || Math.abs(offsetMs) <= CLOCK_OFFSET_WARNING_MS) return null;
  const minutes = Math.abs(offsetMs) / 60_000;
  // "2 días" reads better than "2880 minutos" for a kiosk whose date is wrong.
  const [unit, amount] =
    minutes < 120
      ? (['minute', minutes] as const)
      : minutes < 48 * 60
        ? (['hour', minutes / 60] as const)
        : (['day', minutes / (24 * 60)] as const);
  const format = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: 0,
  });
  return t('staff.sync.clockOffset', { amount: format.format(Math.round(amount)) });
}

/** Characters of a record id staff see: a UUIDv7 starts with its time, alike for records saved together. */
const SHOWN_ID_CHARS = 8;

/** A refused record as staff name it: its kind and the end of its id. */
export function deadLetterName({ kind, id }: Pick<DeadLetter, 'kind' | 'id'>, { t }: Translator): string {
  const shown = id.length > SHOWN_ID_CHARS + 1 ? `…${id.slice(-SHOWN_ID_CHARS)}` : id;
  return t('staff.deadLetters.record', { kind: t(`staff.deadLetters.kind.${kind}`), id: shown });
}
