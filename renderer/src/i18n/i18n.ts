// Message lookup for the kiosk's own words; the forms bring their own text per language.
import type { Language, Localized } from '../../../shared/forms/form-definition';
import { en } from './en';
import { es, type MessageKey, type Messages } from './es';

const CATALOGS = { es, en } satisfies Record<Language, Messages>;

/** The languages the kiosk speaks, in the order they are offered: Spanish first. */
export const LANGUAGE_ORDER = Object.keys(CATALOGS) as Language[];

/** For keys built from a code the core or the server sent, which may be one we have no words for. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(es, key);
}

export type Vars = Readonly<Record<string, string | number>>;

/** Keys that come as a `.one` / `.other` pair, named without the suffix. */
export type CountKey = MessageKey extends infer K ? (K extends `${infer Base}.one` ? Base : never) : never;

export type Translator = {
  language: Language;
  /** BCP 47 tag for `<html lang>` and number/date formatting. */
  locale: string;
  t(key: MessageKey, vars?: Vars): string;
  /** The `.one` or `.other` message for a count; `{count}` in it is filled in. */
  tc(key: CountKey, count: number, vars?: Vars): string;
  /** A form's text in this language, else in the first language that has it. */
  pick(text: Localized | undefined): string;
};

function fill(text: string, vars: Vars | undefined): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

/** Words picked now and worded when shown, so a notice follows a change of language. */
export type Wording = (translator: Translator) => string;

export const SAY_NOTHING: Wording = () => '';

export function translator(language: Language): Translator {
  const messages = CATALOGS[language];
  const locale = messages['meta.locale'];
  const plural = new Intl.PluralRules(locale);
  return {
    language,
    locale,
    t: (key, vars) => fill(messages[key], vars),
    tc: (key, count, vars) => {
      const form = plural.select(count) === 'one' ? 'one' : 'other';
      return fill(messages[`${key}.${form}`], { count, ...vars });
    },
    pick: (text) => {
      if (!text) return '';
      const own = text[language];
      if (own) return own;
      for (const other of LANGUAGE_ORDER) {
        const found = text[other];
        if (found) return found;
      }
      return '';
    },
  };
}
