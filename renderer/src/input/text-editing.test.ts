import { describe, expect, it } from 'vitest';
import {
  applyEdit,
  draftToNumber,
  isCompletePin,
  NEW_PIN_MIN_LENGTH,
  isNumberDraft,
  isPinDraft,
  normalizeNumberInput,
  searchKey,
} from './text-editing';

describe('applyEdit', () => {
  it('inserts at the caret', () => {
    expect(applyEdit({ value: 'Jun', start: 2, end: 2 }, { kind: 'insert', text: 'a' })).toEqual({
      value: 'Juan',
      caret: 3,
    });
  });

  it('replaces the selection', () => {
    expect(applyEdit({ value: 'Peña Nieto', start: 4, end: 10 }, { kind: 'insert', text: 'ñ' })).toEqual({
      value: 'Peñañ',
      caret: 5,
    });
  });

  it('treats a backwards selection like a forwards one', () => {
    expect(applyEdit({ value: 'abcdef', start: 4, end: 1 }, { kind: 'backspace' })).toEqual({
      value: 'aef',
      caret: 1,
    });
  });

  it('deletes the character before the caret', () => {
    expect(applyEdit({ value: 'Pachuca', start: 7, end: 7 }, { kind: 'backspace' })).toEqual({
      value: 'Pachuc',
      caret: 6,
    });
  });

  it('does nothing on backspace at the start', () => {
    expect(applyEdit({ value: 'abc', start: 0, end: 0 }, { kind: 'backspace' })).toEqual({
      value: 'abc',
      caret: 0,
    });
  });

  it('deletes a whole emoji, not half of it', () => {
    const value = 'hola 🌮';
    expect(applyEdit({ value, start: value.length, end: value.length }, { kind: 'backspace' })).toEqual({
      value: 'hola ',
      caret: 5,
    });
  });

  it('clamps a stale selection to the text', () => {
    expect(applyEdit({ value: 'ab', start: 9, end: 9 }, { kind: 'insert', text: 'c' })).toEqual({
      value: 'abc',
      caret: 3,
    });
  });
});

describe('number drafts', () => {
  it('accepts digits only for integers', () => {
    expect(isNumberDraft('', 'integer')).toBe(true);
    expect(isNumberDraft('60', 'integer')).toBe(true);
    expect(isNumberDraft('6.5', 'integer')).toBe(false);
    expect(isNumberDraft('-1', 'integer')).toBe(false);
    expect(isNumberDraft('1e5', 'integer')).toBe(false);
    expect(isNumberDraft('1234567890', 'integer')).toBe(false);
  });

  it('accepts one decimal point for decimals, even while typing', () => {
    expect(isNumberDraft('250.', 'decimal')).toBe(true);
    expect(isNumberDraft('.5', 'decimal')).toBe(true);
    expect(isNumberDraft('250.50', 'decimal')).toBe(true);
    expect(isNumberDraft('250.5.0', 'decimal')).toBe(false);
    expect(isNumberDraft('12a', 'decimal')).toBe(false);
  });

  it('reads a comma as the decimal point', () => {
    expect(normalizeNumberInput('12,5')).toBe('12.5');
  });

  it('turns drafts into answers', () => {
    expect(draftToNumber('')).toBeUndefined();
    expect(draftToNumber('.')).toBeUndefined();
    expect(draftToNumber('007')).toBe(7);
    expect(draftToNumber('12.')).toBe(12);
    expect(draftToNumber('0.25')).toBe(0.25);
  });
});

describe('PIN drafts', () => {
  it('allows up to 8 digits and needs at least 4', () => {
    expect(isPinDraft('12345678')).toBe(true);
    expect(isPinDraft('123456789')).toBe(false);
    expect(isPinDraft('12a')).toBe(false);
    expect(isCompletePin('123')).toBe(false);
    expect(isCompletePin('1234')).toBe(true);
    expect(isCompletePin('12345', NEW_PIN_MIN_LENGTH)).toBe(false);
    expect(isCompletePin('123456', NEW_PIN_MIN_LENGTH)).toBe(true);
  });
});

describe('searchKey', () => {
  it('ignores case and accents', () => {
    expect(searchKey('Zimapán')).toBe('zimapan');
    expect(searchKey('ZIMAPAN')).toBe(searchKey('zimapán'));
    expect(searchKey('Peña')).toBe('pena');
  });
});
