import { describe, expect, it } from 'vitest';
import { characterCount, maxLengthOf, textRules } from './text-rules';

describe('textRules', () => {
  it('capitalises the first letter of names and free text', () => {
    const nombre = { name: 'nombre', constraint: 'string-length(.) >= 2 and string-length(.) <= 80' };
    expect(textRules(nombre)).toEqual({ capitals: 'first', maxLength: 80 });
  });

  it('types the school code (CCT) in capitals, from its constraint', () => {
    const cct = { name: 'cct', constraint: "regex(., '^[0-9]{2}[A-Z]{3}[0-9]{4}[A-Z]$')" };
    expect(textRules(cct)).toEqual({ capitals: 'all', maxLength: null });
  });

  it('leaves e-mail addresses in small letters', () => {
    const correo = { name: 'correo', constraint: "regex(., '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')" };
    expect(textRules(correo).capitals).toBe('none');
  });

  it('follows the appearance over the guess', () => {
    expect(textRules({ name: 'clave', appearance: 'uppercase' }).capitals).toBe('all');
    expect(textRules({ name: 'nombre', appearance: 'lowercase' }).capitals).toBe('none');
  });
});

describe('maxLengthOf', () => {
  it('reads <= N and < N, and nothing else', () => {
    expect(maxLengthOf('string-length(.) <= 1000')).toBe(1000);
    expect(maxLengthOf('string-length( . ) < 10')).toBe(9);
    expect(maxLengthOf('string-length(.) >= 2')).toBeNull();
    expect(maxLengthOf(undefined)).toBeNull();
  });
});

describe('characterCount', () => {
  it('counts an emoji as one character, as the form engine does', () => {
    expect(characterCount('Ana 🌮')).toBe(5);
  });
});
