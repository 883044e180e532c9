// The on-screen keyboard's layouts. The Spanish one has the letters of a Latin American keyboard
// plus the accented vowels, ü and the marks names and e-mail addresses need, on five rows.

export type LayoutKey =
  { kind: 'char'; char: string } | { kind: 'shift' } | { kind: 'backspace' } | { kind: 'space' };

const chars = (text: string): LayoutKey[] => [...text].map((char) => ({ kind: 'char', char }));

export type KeyboardLayout = readonly (readonly LayoutKey[])[];

export const SPANISH_LAYOUT: KeyboardLayout = [
  [...chars('1234567890'), { kind: 'backspace' }],
  chars('qwertyuiopáé'),
  chars('asdfghjklñíó'),
  [{ kind: 'shift' }, ...chars('zxcvbnmúü@')],
  [...chars(',.-_'), { kind: 'space' }],
];

/** Server addresses and enrolment codes: no capitals or spaces, but the marks a URL needs. */
export const ADDRESS_LAYOUT: KeyboardLayout = [
  [...chars('1234567890'), { kind: 'backspace' }],
  chars('qwertyuiop'),
  chars('asdfghjkl:'),
  chars('zxcvbnm/'),
  chars('.-_?=&'),
];

export function withShift(char: string, shift: boolean): string {
  return shift ? char.toLocaleUpperCase('es') : char;
}
