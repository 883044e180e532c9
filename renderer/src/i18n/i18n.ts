// Message lookup for the kiosk's own words; the forms bring their own text per language.
import {
  uiLanguage,
  type Language,
  type Localized,
  type UiLanguage,
} from '../../../shared/forms/form-definition';
import { en } from './en';
import { es, type MessageKey, type Messages } from './es';

const CATALOGS = { es, en } satisfies Record<UiLanguage, Messages>;

/** The languages the kiosk speaks, in the order they are offered: Spanish first. */
export const LANGUAGE_ORDER = Object.keys(CATALOGS) as UiLanguage[];

/** Whether the kiosk has its own words in this language (otherwise they are in Spanish). */
export function hasCatalog(language: Language): boolean {
  return LANGUAGE_ORDER.some((ui) => ui === language);
}

/** For keys built from a code the core or the server sent, which may be one we have no words for. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(es, key);
}

/**
 * A language by its own name: as the form's header gives it ("Hñähñu"), else from our catalogue
 * ("Español"), else as the browser knows it in that language, else its code.
 */
export function languageName(language: Language, formNames?: Readonly<Record<string, string>>): string {
  const named = formNames?.[language];
  if (named) return named;
  if (hasCatalog(language)) return CATALOGS[uiLanguage(language)]['language.name'];
  try {
    const own = new Intl.DisplayNames([language], { type: 'language' }).of(language);
    if (own && own !== language) return own.charAt(0).toLocaleUpperCase(language) + own.slice(1);
  } catch {
    // Private-use codes (x-…) are not languages Intl knows.
  }
  return language;
}

export type Vars = Readonly<Record<string, string | number>>;

/** Keys that come as a `.one` / `.other` pair, named without the suffix. */
export type CountKey = MessageKey extends infer K ? (K extends `${infer Base}.one` ? Base : never) : never;

export type Translator = {
  /** The visitor's language: a form's own may have no catalogue (the kiosk's words are in Spanish). */
  language: Language;
  /** BCP 47 tag of the kiosk's words, for `<html lang>` and number/date formatting. */
  locale: string;
  /** The `lang` of text a form brings in `language`; undefined where it is the page's own. */
  formLang: string | undefined;
  t(key: MessageKey, vars?: Vars): string;
  /** The `.one` or `.other` message for a count; `{count}` in it is filled in. */
  tc(key: CountKey, count: number, vars?: Vars): string;
  /** A form's text in this language, else in the first language that has it. */
  pick(text: Localized | undefined): string;
};

/** A message's place for a value, `{name}`: filled here by text, by Filled.tsx with elements. */
export const PLACE = /\{(\w+)\}/g;

function fill(text: string, vars: Vars | undefined): string {
  if (!vars) return text;
  return text.replace(PLACE, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

/** Words picked now and worded when shown, so a notice follows a change of language. */
export type Wording = (translator: Translator) => string;

export const SAY_NOTHING: Wording = () => '';

export function translator(language: Language): Translator {
  const messages = CATALOGS[uiLanguage(language)];
  const locale = messages['meta.locale'];
  const plural = new Intl.PluralRules(locale);
  return {
    language,
    locale,
    formLang: hasCatalog(language) ? undefined : language,
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
      return Object.values(text).find(Boolean) ?? '';
    },
  };
}
