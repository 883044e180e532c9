import { describe, expect, it } from 'vitest';
import { WEDGE_PAUSE_MS, WedgeBuffer } from './wedge-buffer';

/** Types `keys` one every 8 ms from `start`, as a scanner does; the steps, in order. */
function type(buffer: WedgeBuffer, keys: string[], start = 0) {
  return keys.map((key, i) => buffer.key(key, start + i * 8));
}

const chars = (text: string) => [...text];

describe('keyboard wedge buffer', () => {
  it('collects printable keys and hands them over on Enter', () => {
    const buffer = new WedgeBuffer();
    const steps = type(buffer, [...chars('QT1:AB 12'), 'Enter']);
    expect(steps.slice(0, -1).every((step) => step.kind === 'collected')).toBe(true);
    expect(steps.at(-1)).toEqual({ kind: 'submit', text: 'QT1:AB 12' });
  });

  it('starts afresh after each code', () => {
    const buffer = new WedgeBuffer();
    type(buffer, [...chars('FIRST'), 'Enter']);
    expect(type(buffer, [...chars('SECOND'), 'Enter'], 100).at(-1)).toEqual({
      kind: 'submit',
      text: 'SECOND',
    });
  });

  it('ignores Enter with nothing typed', () => {
    const buffer = new WedgeBuffer();
    expect(buffer.key('Enter', 0)).toEqual({ kind: 'ignored' });
    type(buffer, [...chars('AB'), 'Enter']);
    expect(buffer.key('Enter', 40)).toEqual({ kind: 'ignored' });
  });

  it('ignores keys that type nothing, without losing what was typed', () => {
    const buffer = new WedgeBuffer();
    const steps = type(buffer, ['Shift', 'A', 'Shift', 'b', 'ArrowLeft', 'Tab', 'Dead', 'c', 'Enter']);
    expect(steps.map((step) => step.kind)).toEqual([
      'ignored',
      'collected',
      'ignored',
      'collected',
      'ignored',
      'ignored',
      'ignored',
      'collected',
      'submit',
    ]);
    expect(steps.at(-1)).toEqual({ kind: 'submit', text: 'Abc' });
  });

  it('leaves a leading space to the button it presses', () => {
    const buffer = new WedgeBuffer();
    expect(buffer.key(' ', 0)).toEqual({ kind: 'ignored' });
    expect(type(buffer, [...chars('A B'), 'Enter'], 10).at(-1)).toEqual({ kind: 'submit', text: 'A B' });
  });

  it('drops what was typed before a pause of more than two seconds', () => {
    const buffer = new WedgeBuffer();
    buffer.key('X', 0);
    buffer.key('Y', 10);
    expect(buffer.key('Z', 10 + WEDGE_PAUSE_MS)).toEqual({ kind: 'collected' });
    expect(buffer.key('Enter', 20 + WEDGE_PAUSE_MS)).toEqual({ kind: 'submit', text: 'XYZ' });
    buffer.key('A', 5_000);
    expect(buffer.key('B', 5_001 + WEDGE_PAUSE_MS)).toEqual({ kind: 'collected' });
    expect(buffer.key('Enter', 5_002 + WEDGE_PAUSE_MS)).toEqual({ kind: 'submit', text: 'B' });
    buffer.key('C', 9_000);
    expect(buffer.key('Enter', 9_001 + WEDGE_PAUSE_MS)).toEqual({ kind: 'ignored' });
  });

  it('cuts a runaway input at the most a scan call carries, still swallowing the rest', () => {
    const buffer = new WedgeBuffer(5);
    const steps = type(buffer, [...chars('ABCDEFGH'), 'Enter']);
    expect(steps.slice(0, -1).every((step) => step.kind === 'collected')).toBe(true);
    expect(steps.at(-1)).toEqual({ kind: 'submit', text: 'ABCDE' });
  });
});
