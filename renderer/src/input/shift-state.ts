// The on-screen Shift as on a phone: one tap capitalises the next letter only, a double tap locks
// capitals until Shift is tapped again.

export type ShiftState = 'off' | 'once' | 'locked';

/** Two Shift taps closer than this are a double tap. */
export const CAPS_DOUBLE_TAP_MS = 400;

/** Shift tapped `sinceLastTapMs` after its previous tap. */
export function tapShift(state: ShiftState, sinceLastTapMs: number): ShiftState {
  if (state === 'off') return 'once';
  if (state === 'once' && sinceLastTapMs < CAPS_DOUBLE_TAP_MS) return 'locked';
  return 'off';
}

/** After a character is typed: a one-shot Shift is spent, Caps Lock stays. */
export function afterCharacter(state: ShiftState): ShiftState {
  return state === 'once' ? 'off' : state;
}
