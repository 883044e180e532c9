// The form's languages, from its label columns: each tag (`Hñähñu (oto)`, `English`, `fr`, '' for a
// bare column) becomes a language code with the name the column gives it. Bare columns are the
// default language. Every language is kept; the kiosk's own words fall back to Spanish for
// languages it has no catalogue for. Two columns naming one language keep the first.
import { LanguageSchema, type Language } from './form-definition';
import { sheetWarning, type FormSheetWarning } from './form-sheet-error';
import { languageCode } from './headers';
import type { LanguageSlots, Sheet } from './sheet';

export type LanguagePlan = {
  defaultLanguage: Language;
  slots: LanguageSlots;
  /** Names as the headers give them, for languages whose tag has one ("Hñähñu (oto)" → Hñähñu). */
  names: Record<Language, string>;
};

/** Names of languages of Mexico and a few others that forms write without a code. */
const NAMED: Readonly<Record<string, Language>> = {
  hñähñu: 'oto',
  hñahñu: 'oto',
  otomí: 'oto',
  otomi: 'oto',
  náhuatl: 'nah',
  nahuatl: 'nah',
  maya: 'yua',
  tének: 'hus',
  tenek: 'hus',
  français: 'fr',
  french: 'fr',
  português: 'pt',
  portuguese: 'pt',
};

/** A stable code for a tag: its own code, a known name's, else a private-use code from the name. */
export function tagLanguage(tag: string): Language | undefined {
  const code = languageCode(tag);
  if (code === undefined) return undefined;
  if (LanguageSchema.safeParse(code).success) return code;
  const named = NAMED[code];
  if (named !== undefined) return named;
  // `Hñähñu del Valle` → x-hnahnude: letters without their accents, at most 8.
  const slug = code
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 8);
  return `x-${slug || 'lang'}`;
}

/** The name a tag gives its language, or undefined for a bare code (`oto`, `es-MX`). */
export function tagName(tag: string): string | undefined {
  const name = tag.replace(/\([^)]*\)\s*$/, '').trim();
  if (name === '' || LanguageSchema.safeParse(name.toLowerCase().split('-')[0]).success) return undefined;
  return name.slice(0, 64);
}

/**
 * `setting` is the settings' default_language ('' when absent); `labelTags` the language tags of
 * the label columns, in sheet order ('' for a bare column); `tags` every tag of the form.
 */
export function planLanguages(
  setting: string,
  labelTags: readonly string[],
  tags: readonly string[],
): LanguagePlan {
  const settingCode = setting === '' ? undefined : tagLanguage(setting);
  const defaultTag =
    setting === ''
      ? (labelTags.find((tag) => tag === '') ?? labelTags[0])
      : (labelTags.find((tag) => tag === setting) ??
        labelTags.find((tag) => tag !== '' && tagLanguage(tag) === settingCode) ??
        labelTags.find((tag) => tag === ''));
  const defaultLanguage =
    (defaultTag === undefined || defaultTag === '' ? undefined : tagLanguage(defaultTag)) ??
    settingCode ??
    'es';

  // Bare columns are the default language; a sheet with both a bare and a named column for it
  // is refused as a duplicate column.
  const assigned = new Map<string, Language>([['', defaultLanguage]]);
  if (defaultTag !== undefined) assigned.set(defaultTag, defaultLanguage);
  const taken = new Set<Language>([defaultLanguage]);
  const names: Record<Language, string> = {};
  const defaultName = tagName(defaultTag || setting);
  if (defaultName !== undefined) names[defaultLanguage] = defaultName;
  for (const tag of tags) {
    const code = tagLanguage(tag);
    if (assigned.has(tag) || code === undefined || (taken.has(code) && code !== defaultLanguage)) continue;
    assigned.set(tag, code);
    taken.add(code);
    const name = tagName(tag);
    if (name !== undefined && names[code] === undefined) names[code] = name;
  }
  return { defaultLanguage, slots: (tag) => assigned.get(tag), names };
}

/** One warning per column left out because an earlier column gives the same language. */
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
          `"${tag}" names the same language as an earlier column; this column is left out`,
        ),
      ),
  );
}
