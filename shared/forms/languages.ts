// Which of the kiosk's two language slots (es, en) each label language of a form fills.
// The kiosk shows Spanish and English only: the form's default language always fills a slot (es,
// unless it is English), so a form labelled only in French or in bare `label` columns still
// loads; es/en columns fill their own slot; any other language is left out with a warning.
import { LANGUAGES, type Language } from './form-definition';
import { sheetWarning, type FormSheetWarning } from './form-sheet-error';
import { languageCode } from './headers';
import type { LanguageSlots, Sheet } from './sheet';

export type LanguagePlan = { defaultLanguage: Language; slots: LanguageSlots };

const isLanguage = (code: string | undefined): code is Language =>
  LANGUAGES.some((language) => language === code);

/**
 * `setting` is the settings' default_language ('' when absent); `labelTags` the language tags of
 * the label columns, in sheet order ('' for a bare column); `tags` every tag of the form.
 */
export function planLanguages(
  setting: string,
  labelTags: readonly string[],
  tags: readonly string[],
): LanguagePlan {
  const settingCode = languageCode(setting);
  const defaultTag =
    setting === ''
      ? (labelTags.find((tag) => tag === '') ??
        labelTags.find((tag) => isLanguage(languageCode(tag))) ??
        labelTags[0])
      : (labelTags.find((tag) => tag === setting) ??
        labelTags.find((tag) => tag !== '' && languageCode(tag) === settingCode) ??
        labelTags.find((tag) => tag === ''));
  const defaultCode = defaultTag === undefined ? settingCode : (languageCode(defaultTag) ?? settingCode);
  const defaultLanguage: Language = isLanguage(defaultCode) ? defaultCode : 'es';

  // Bare columns are the default language; a sheet with both a bare and a named column for it
  // is refused as a duplicate column.
  const assigned = new Map<string, Language>([['', defaultLanguage]]);
  if (defaultTag !== undefined) assigned.set(defaultTag, defaultLanguage);
  const taken = new Set<Language>([defaultLanguage]);
  for (const tag of tags) {
    const code = languageCode(tag);
    if (assigned.has(tag) || !isLanguage(code) || (taken.has(code) && code !== defaultLanguage)) continue;
    assigned.set(tag, code);
    taken.add(code);
  }
  return { defaultLanguage, slots: (tag) => assigned.get(tag) };
}

/** One warning per column whose language has no slot. */
export function unshownLanguageWarnings(
  sheet: Sheet,
  localized: readonly string[],
  slots: LanguageSlots,
): FormSheetWarning[] {
  return localized.flatMap((base) =>
    sheet
      .tagsOf(base)
      .filter(
        (tag) => slots(tag) === undefined && sheet.rows.some((row) => row.get(`${base}::${tag}`) !== ''),
      )
      .map((tag) =>
        sheetWarning(
          sheet.at(sheet.headerLine, `${base}::${tag}`),
          `the kiosk shows Spanish and English only; this ${tag === '' ? 'unlabelled' : `"${tag}"`} column is left out`,
        ),
      ),
  );
}
