// The metadata columns of an export: what each is called and labelled, and which tables and
// exports have them (the visitor's pass id is personal data: only in exports not anonymised).
import type { Localized } from '../../shared/forms/form-definition';
import type { ExportRecord } from './record-pages';

export type MetaField =
  | 'submission_id'
  | 'event_id'
  | 'device_id'
  | 'device_name'
  | 'form_version'
  | 'created_at'
  | 'received_at'
  | 'language'
  | 'complete'
  | 'duration_seconds'
  | 'privacy_notice_version'
  | 'pass_id'
  | 'record_id'
  | 'revision'
  | 'parents'
  | 'edited_by'
  | 'current'
  | 'conflict'
  | 'parent_key'
  | 'key'
  | 'instance';

export const META_LABELS: Record<MetaField, Localized> = {
  submission_id: { es: 'ID de la respuesta', en: 'Response ID' },
  event_id: { es: 'Evento', en: 'Event' },
  device_id: { es: 'ID del quiosco', en: 'Kiosk ID' },
  device_name: { es: 'Quiosco', en: 'Kiosk' },
  form_version: { es: 'Versión del formulario', en: 'Form version' },
  created_at: { es: 'Creada (reloj del quiosco)', en: 'Created (kiosk clock)' },
  received_at: { es: 'Recibida por el servidor', en: 'Received by the server' },
  language: { es: 'Idioma', en: 'Language' },
  complete: { es: 'Completa (1) o guardada incompleta (0)', en: 'Complete (1) or kept incomplete (0)' },
  duration_seconds: {
    es: 'Duración en segundos (del inicio al guardado)',
    en: 'Duration in seconds (from start to save)',
  },
  privacy_notice_version: { es: 'Versión del aviso de privacidad', en: 'Privacy notice version' },
  pass_id: { es: 'ID del pase del visitante (dato personal)', en: 'Visitor pass ID (personal data)' },
  record_id: { es: 'ID de la ficha (su primera revisión)', en: 'Record ID (its first revision)' },
  revision: { es: 'Número de revisión', en: 'Revision number' },
  parents: { es: 'Revisiones de las que parte', en: 'Revisions it was made from' },
  edited_by: { es: 'Editada por', en: 'Edited by' },
  current: { es: 'Revisión vigente (1) o reemplazada (0)', en: 'Current (1) or superseded (0) revision' },
  conflict: {
    es: 'En conflicto (1): otra revisión de la ficha también está vigente',
    en: 'In conflict (1): another revision of the record is current too',
  },
  parent_key: { es: 'Clave de la fila madre', en: 'Parent row key' },
  key: { es: 'Clave de la fila', en: 'Row key' },
  instance: { es: 'Número de repetición', en: 'Repeat number' },
};

export const MAIN_META: readonly MetaField[] = [
  'submission_id',
  'event_id',
  'device_id',
  'device_name',
  'form_version',
  'created_at',
  'received_at',
  'language',
  'complete',
  'duration_seconds',
  'privacy_notice_version',
];
/** The visitor's pass names a person: only in exports that are not anonymised. */
export const PERSONAL_META: readonly MetaField[] = ['pass_id'];
/** A field record's revision: after the main metadata of forms of kind heritage. */
export const REVISION_META: readonly MetaField[] = [
  'record_id',
  'revision',
  'parents',
  'edited_by',
  'current',
  'conflict',
];
export const REPEAT_META: readonly MetaField[] = ['submission_id', 'parent_key', 'key', 'instance'];
/** Metadata that are whole numbers (the rest is text). */
export const INTEGER_META: ReadonlySet<MetaField> = new Set([
  'complete',
  'duration_seconds',
  'instance',
  'revision',
  'current',
  'conflict',
]);

/** The interview's length, kiosk clock start to save; blank when a time is unreadable. */
export function durationSeconds(record: ExportRecord): number | null {
  const { createdAt, startedAt } = record;
  if (startedAt === createdAt) return 0;
  // Most interviews start and end on the same day: the difference of the times of day, without
  // making either time (two Date.UTC calls a record).
  const sameDay = isoDay(createdAt) && isoDay(startedAt) && sameDate(createdAt, startedAt);
  let ms = sameDay ? timeOfDayMs(createdAt) - timeOfDayMs(startedAt) : NaN;
  if (Number.isNaN(ms)) ms = isoMs(createdAt) - isoMs(startedAt);
  return Number.isNaN(ms) ? null : Math.round(ms / 1000);
}

/** Whether two isoShaped texts have the same date (compared in place: no substrings made). */
function sameDate(a: string, b: string): boolean {
  for (let i = 0; i < 10; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** Digits of `text` from `at` to `to` as a number, or NaN at any other character. */
function digits(text: string, at: number, to: number): number {
  let n = 0;
  for (let i = at; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Epoch ms of an ISO time. Kiosks write YYYY-MM-DDTHH:MM:SS.sssZ (toISOString), read here from
 * its digits (the separators checked by position), several times faster than Date.parse (a
 * million records have two each); any other form goes to Date.parse.
 */
export function isoMs(text: string): number {
  if (!isoDay(text)) return Date.parse(text);
  const time = timeOfDayMs(text);
  if (Number.isNaN(time)) return Date.parse(text);
  return Date.UTC(digits(text, 0, 4), digits(text, 5, 7) - 1, digits(text, 8, 10)) + time;
}

/**
 * Whether the text has toISOString's shape and a date isoMs reads: out of range (a month 13) is
 * Date.parse's to judge, rather than Date.UTC's to carry over; so is a digit that is not one
 * (NaN fails every test).
 */
function isoDay(text: string): boolean {
  if (!isoShaped(text)) return false;
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && !Number.isNaN(digits(text, 0, 4));
}

/** The ms since midnight of an isoShaped text, NaN when out of range (for Date.parse to judge). */
function timeOfDayMs(text: string): number {
  const hours = digits(text, 11, 13);
  const minutes = digits(text, 14, 16);
  const seconds = digits(text, 17, 19);
  const ms = digits(text, 20, 23);
  if (!(hours <= 23 && minutes <= 59 && seconds <= 59) || Number.isNaN(ms)) return NaN;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + ms;
}

/** Whether the text has toISOString's length and separators (its digits are checked as read). */
function isoShaped(text: string): boolean {
  return (
    text.length === 24 &&
    text.charCodeAt(4) === 45 &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 &&
    text.charCodeAt(13) === 58 &&
    text.charCodeAt(16) === 58 &&
    text.charCodeAt(19) === 46 &&
    text.charCodeAt(23) === 90
  );
}
