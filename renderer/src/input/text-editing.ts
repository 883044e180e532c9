// What an on-screen key does to a field's text: pure, so the keyboards, the numeric keypad and
// the PIN pad share it and it is tested without a browser.

export type Edit = { kind: 'insert'; text: string } | { kind: 'backspace' };

/** A field's text and selection (start === end is a caret). */
export type TextState = { value: string; start: number; end: number };

export type EditResult = { value: string; caret: number };

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Applies a key at the selection: insert replaces it; backspace removes it or the character before the caret. */
export function applyEdit(state: TextState, edit: Edit): EditResult {
  const { value } = state;
  const clamp = (n: number) => Math.max(0, Math.min(value.length, n));
  const start = clamp(Math.min(state.start, state.end));
  const end = clamp(Math.max(state.start, state.end));
  if (edit.kind === 'insert') {
    return { value: value.slice(0, start) + edit.text + value.slice(end), caret: start + edit.text.length };
  }
  if (start !== end) return { value: value.slice(0, start) + value.slice(end), caret: start };
  if (start === 0) return { value, caret: 0 };
  // Never split an emoji or other astral character in half.
  const width =
    start >= 2 && isLowSurrogate(value.charCodeAt(start - 1)) && isHighSurrogate(value.charCodeAt(start - 2))
      ? 2
      : 1;
  return { value: value.slice(0, start - width) + value.slice(end), caret: start - width };
}

export type NumberKind = 'integer' | 'decimal';

const NUMBER_DRAFT: Record<NumberKind, RegExp> = {
  // Nine digits is past every constraint in our forms and far from float precision trouble.
  integer: /^\d{0,9}$/,
  decimal: /^\d{0,9}(\.\d{0,6})?$/,
};

/** Whether text may stand in a number field while being typed ("", "12", "12." but not "1.2.3"). */
export function isNumberDraft(text: string, kind: NumberKind): boolean {
  return NUMBER_DRAFT[kind].test(text);
}

/** Text typed on a physical keyboard, tidied: a comma is read as the decimal point. */
export function normalizeNumberInput(text: string): string {
  return text.replace(',', '.');
}

/** The answer a number draft stands for; undefined while nothing is typed. */
export function draftToNumber(text: string): number | undefined {
  if (text === '' || text === '.') return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
}

export const PIN_MAX_LENGTH = 8;
export const PIN_MIN_LENGTH = 4;
/** A new staff PIN: the kiosk core refuses shorter ones ("The staff PIN must be 6 to 8 digits"). */
export const NEW_PIN_MIN_LENGTH = 6;

export function isPinDraft(text: string): boolean {
  return /^\d*$/.test(text) && text.length <= PIN_MAX_LENGTH;
}

export function isCompletePin(text: string, minLength = PIN_MIN_LENGTH): boolean {
  return isPinDraft(text) && text.length >= minLength;
}

/** Case- and accent-insensitive form of a choice label, for the filter of long lists. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('es');
}
