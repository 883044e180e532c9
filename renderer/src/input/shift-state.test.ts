import { describe, expect, it } from 'vitest';
import { afterCharacter, CAPS_DOUBLE_TAP_MS, tapShift } from './shift-state';

describe('on-screen Shift', () => {
  it('capitalises one letter only', () => {
    const shifted = tapShift('off', 5_000);
    expect(shifted).toBe('once');
    expect(afterCharacter(shifted)).toBe('off');
  });

  it('locks capitals on a double tap, until tapped again', () => {
    const locked = tapShift(tapShift('off', 5_000), CAPS_DOUBLE_TAP_MS - 1);
    expect(locked).toBe('locked');
    expect(afterCharacter(afterCharacter(locked))).toBe('locked');
    expect(tapShift(locked, 5_000)).toBe('off');
    expect(tapShift(locked, 10)).toBe('off');
  });

  it('a second tap after a pause takes Shift off again', () => {
    expect(tapShift('once', CAPS_DOUBLE_TAP_MS)).toBe('off');
  });
});
