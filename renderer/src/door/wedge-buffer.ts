// A USB barcode scanner is a keyboard ("keyboard wedge"): it types the code's characters, then
// Enter. This collects them from key presses; what to do with the keys is up to the caller.
import { MAX_DOOR_SCAN_INPUT } from '../../../shared/ipc/door-limits';

/** Longer than any gap between a scanner's keys: after this, what was typed is dropped. */
export const WEDGE_PAUSE_MS = 2_000;

export type WedgeStep =
  /** Not part of a code: the key does what it normally does. */
  | { kind: 'ignored' }
  /** Part of a code: keep it from doing anything else (pressing the focused button…). */
  | { kind: 'collected' }
  | { kind: 'submit'; text: string };

const IGNORED: WedgeStep = { kind: 'ignored' };
const COLLECTED: WedgeStep = { kind: 'collected' };

export class WedgeBuffer {
  private text = '';
  private lastKeyAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly maxLength = MAX_DOOR_SCAN_INPUT,
    private readonly pauseMs = WEDGE_PAUSE_MS,
  ) {}

  /** One key press: `key` as KeyboardEvent.key has it, `at` in milliseconds. */
  key(key: string, at: number): WedgeStep {
    if (at - this.lastKeyAt > this.pauseMs) this.text = '';
    if (key === 'Enter') {
      const text = this.text;
      this.text = '';
      return text === '' ? IGNORED : { kind: 'submit', text };
    }
    // Shift, arrows, Tab, F-keys, Dead…: names longer than one character.
    if (key.length !== 1) return IGNORED;
    // No code starts with a space; a space on its own presses the focused button.
    if (key === ' ' && this.text === '') return IGNORED;
    this.lastKeyAt = at;
    if (this.text.length < this.maxLength) this.text += key;
    return COLLECTED;
  }
}
