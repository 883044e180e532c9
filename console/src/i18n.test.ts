import { describe, expect, it } from 'vitest';
import { CATALOGUES, type Locale } from './i18n';
import { AUDIT } from './i18n-audit';
import { BRANDING } from './i18n-branding';
import { PREVIEW } from './i18n-preview';
import { CATALOGUES as RECORDS } from './i18n-records';
import { SETUP } from './i18n-setup';
import { SIGN_IN } from './i18n-sign-in';
import { USB } from './i18n-usb';
import { VENUES } from './i18n-venues';

// Every catalogue of the console, both languages of each.
const ALL: [string, Record<Locale, object>][] = [
  ['i18n', CATALOGUES],
  ['i18n-audit', AUDIT],
  ['i18n-branding', BRANDING],
  ['i18n-preview', PREVIEW],
  ['i18n-records', RECORDS],
  ['i18n-setup', SETUP],
  ['i18n-sign-in', SIGN_IN],
  ['i18n-usb', USB],
  ['i18n-venues', VENUES],
];

/** Each word of a catalogue by its path ("detailKeys.eventId"), nested tables walked. */
function leaves(table: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(table)) {
    const path = `${prefix}${key}`;
    if (typeof value === 'object' && value !== null) {
      for (const [p, v] of leaves(value, `${path}.`)) out.set(p, v);
    } else out.set(path, value);
  }
  return out;
}

/**
 * Argument i of a call: "⟨i⟩" as text, and "⟨i.name⟩" for any field of it, so the text a
 * function makes shows which of its arguments it says.
 */
const argument = (i: number): unknown =>
  new Proxy(
    {},
    { get: (_, field) => (field === Symbol.toPrimitive ? () => `⟨${i}⟩` : `⟨${i}.${String(field)}⟩`) },
  );

const call = (word: unknown): string => {
  const f = word as (...args: unknown[]) => unknown;
  const text = f(...Array.from({ length: f.length }, (_, i) => argument(i)));
  expect(typeof text).toBe('string');
  return String(text);
};

const argumentsSaid = (text: string): string[] => [...new Set(text.match(/⟨[^⟩]*⟩/g) ?? [])].sort();

describe.each(ALL)('the %s catalogue', (_, catalogue) => {
  const es = leaves(catalogue['es-MX']);
  const en = leaves(catalogue.en);

  it('has the same words in es-MX and en, nested ones included', () => {
    expect([...en.keys()].sort()).toEqual([...es.keys()].sort());
  });

  it('has no empty word and none with spaces around it', () => {
    for (const words of [es, en]) {
      for (const [path, word] of words) {
        expect(['string', 'function'], path).toContain(typeof word);
        if (typeof word !== 'string') continue;
        expect(word, path).not.toBe('');
        expect(word.trim(), path).toBe(word);
      }
    }
  });

  it('says the same arguments in both languages, each text non-empty', () => {
    for (const [path, word] of es) {
      if (typeof word !== 'function') continue;
      const other = en.get(path);
      expect(typeof other, path).toBe('function');
      const [esText, enText] = [call(word), call(other)];
      expect(esText, path).not.toBe('');
      expect(enText, path).not.toBe('');
      expect(argumentsSaid(enText), path).toEqual(argumentsSaid(esText));
    }
  });
});
