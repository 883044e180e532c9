// The on-screen keyboard's Spanish layout: the letters of a Latin American keyboard plus the
// accented vowels, ü and the marks names and e-mail addresses need, on five rows.

export type LayoutKey =
  { kind: 'char'; char: string } | { kind: 'shift' } | { kind: 'backspace' } | { kind: 'space' };

const chars = (text: string): LayoutKey[] => [...text].map((char) => ({ kind: 'char', char }));

export const SPANISH_LAYOUT: readonly (readonly LayoutKey[])[] = [
  [...chars('1234567890'), { kind: 'backspace' }],
  chars('qwertyuiopáé'),
  chars('asdfghjklñíó'),
  [{ kind: 'shift' }, ...chars('zxcvbnmúü@')],
  [...chars(',.-_'), { kind: 'space' }],
];

export function withShift(char: string, shift: boolean): string {
  return shift ? char.toLocaleUpperCase('es') : char;
}
