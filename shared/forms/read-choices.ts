// The choices sheet: lists of named, labelled choices, with images and the extra columns that
// choice_filter expressions read.
import type { Choice, FormDefinition, Language } from './form-definition';
import { sheetWarning, type FormSheetWarning } from './form-sheet-error';
import type { Sheet, SheetRow } from './sheet';

const MAX_CHOICE_NAME_LENGTH = 64;
const UNPLAYED_MEDIA = ['audio', 'video', 'big_image'] as const;

export type ChoiceOptions = { defaultLanguage: Language; allowDuplicates: boolean };

export function readChoices(
  sheet: Sheet | undefined,
  { defaultLanguage, allowDuplicates }: ChoiceOptions,
  warnings: FormSheetWarning[],
): FormDefinition['choices'] {
  if (sheet === undefined || sheet.rows.length === 0) return {};
  sheet.requireColumns(['list_name', 'name']);
  const labelKey = sheet.localizedKey('label', defaultLanguage);
  warnUnplayedMedia(sheet, warnings);

  const lists = new Map<string, Choice[]>();
  const firstRow = new Map<string, number>();
  for (const row of sheet.rows) {
    const listName = row.get('list_name');
    if (listName === '' && row.get('name') === '') {
      warnings.push(
        sheetWarning(sheet.at(row.line, ''), 'a row without a list name or name is a comment (ignored)'),
      );
      continue;
    }
    if (listName === '') throw sheet.error(row.line, 'list_name', 'missing value');
    if (/\s/.test(listName)) throw sheet.error(row.line, 'list_name', `"${listName}" contains spaces`);
    const name = choiceName(sheet, row);
    const key = `${listName}\u0000${name}`;
    const first = firstRow.get(key);
    if (first !== undefined && !allowDuplicates)
      throw sheet.error(
        row.line,
        'name',
        `duplicate choice "${name}" in list "${listName}" (first on row ${first}; allow_choice_duplicates permits it)`,
      );
    firstRow.set(key, row.line);
    let label = row.localized('label');
    // ODK shows a choice by its image alone, or by its name when it has neither.
    if (label?.[defaultLanguage] === undefined) {
      warnings.push(sheetWarning(sheet.at(row.line, labelKey), `no label: the choice shows as "${name}"`));
      label = { ...label, [defaultLanguage]: name };
    }
    const data = Object.fromEntries(
      Object.entries(row.extra()).filter(([header, value]) => value !== '' && !header.startsWith('#')),
    );
    const image = row.localized('image');
    const list = lists.get(listName) ?? [];
    list.push({ name, label, ...(image && { image }), ...(Object.keys(data).length > 0 && { data }) });
    lists.set(listName, list);
  }
  return Object.fromEntries(lists);
}

function choiceName(sheet: Sheet, row: SheetRow): string {
  const name = row.get('name');
  if (name === '') throw sheet.error(row.line, 'name', 'missing value');
  // select_multiple answers are compared as space-separated lists, as in ODK.
  if (/\s/.test(name)) throw sheet.error(row.line, 'name', `"${name}" contains spaces`);
  if (name.length > MAX_CHOICE_NAME_LENGTH)
    throw sheet.error(row.line, 'name', `longer than ${MAX_CHOICE_NAME_LENGTH} characters`);
  return name;
}

function warnUnplayedMedia(sheet: Sheet, warnings: FormSheetWarning[]): void {
  for (const base of UNPLAYED_MEDIA) {
    for (const tag of sheet.tagsOf(base)) {
      const key = `${base}::${tag}`;
      const used = sheet.rows.find((row) => row.get(key) !== '');
      if (used)
        warnings.push(
          sheetWarning(
            sheet.at(used.line, key),
            `the kiosk shows no ${base.replace('_', '-')} media for choices (ignored)`,
          ),
        );
    }
  }
}
