// A form as a person reads it: its title in the page's language, else in Spanish, else in English,
// else in whatever language it has one; its id only when it has no title. Ids stay where they are
// the data (URLs, CSV columns, what an export is asked for).
import type { ConsoleForm } from '../../shared/console/console-api';
import type { Localized } from '../../shared/forms/form-definition';
import type { Locale } from './i18n';

const PRIMARY: Record<Locale, string> = { 'es-MX': 'es', en: 'en' };

export function formTitle(form: { formId: string; title: Localized }, locale: Locale): string {
  // Keys are language codes (es, es-mx, en): their first subtag is what the console's locales name.
  const titles = Object.entries(form.title).filter(([, text]) => text.trim() !== '');
  for (const language of [PRIMARY[locale], 'es', 'en']) {
    const found = titles.find(([code]) => code.split('-')[0] === language);
    if (found !== undefined) return found[1];
  }
  return titles[0]?.[1] ?? form.formId;
}

/** The title of the form with this id among an event's forms; the id when the event has no such form. */
export function formTitleOf(
  forms: readonly ConsoleForm[] | undefined,
  formId: string,
  locale: Locale,
): string {
  const form = forms?.find((f) => f.formId === formId);
  return form === undefined ? formId : formTitle(form, locale);
}
