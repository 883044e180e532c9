// The settings sheet: every standard column is read or ignored with a warning, none refused,
// except encryption (out of scope). Absent values default as pyxform does.
import { FormKindSchema, NameSchema, type FormKind, type Language, type Localized } from './form-definition';
import { FormSheetError, sheetWarning, type FormSheetWarning } from './form-sheet-error';
import type { Sheet, SheetRow } from './sheet';

export type Settings = {
  formId: string;
  /** undefined: derived from the form's content once read. */
  version: string | undefined;
  kind: FormKind;
  /** The default_language cell as written ('' when absent). */
  defaultLanguageSetting: string;
  instanceName: string | undefined;
  allowChoiceDuplicates: boolean;
  /** Reads the title once the language slots are known; the form id when the sheet gives none. */
  title(defaultLanguage: Language): Localized;
};

const MAX_VERSION_LENGTH = 32;

/** Settings the kiosk has no use for: what each would have done. */
const IGNORED: Readonly<Record<string, string>> = {
  style: 'the kiosk has its own layout (style is ignored)',
  submission_url: 'records go to the Quiosco sync server (submission_url is ignored)',
  auto_send: 'the kiosk syncs on its own (auto_send is ignored)',
  auto_delete: 'records are kept until synced (auto_delete is ignored)',
  namespaces: 'custom XML namespaces are not used (ignored)',
  omit_instanceid: 'every record has an id (omit_instanceID is ignored)',
  xml_root: 'records are not XML (xml_root is ignored)',
  clean_text_values: 'text is stored as typed (clean_text_values is ignored)',
};

export function readSettings(
  sheet: Sheet | undefined,
  fileName: string | undefined,
  warnings: FormSheetWarning[],
): Settings {
  const [row, extra] = sheet?.rows ?? [];
  if (sheet !== undefined && extra !== undefined)
    throw sheet.error(extra.line, '', 'only one settings row is allowed');
  const get = (column: string): string => row?.get(column) ?? '';
  const fail = (column: string, detail: string): FormSheetError =>
    sheet === undefined
      ? new FormSheetError('settings', 2, column, detail)
      : sheet.error(row?.line ?? sheet.headerLine + 1, column, detail);

  if (sheet !== undefined && row !== undefined) {
    if (get('public_key') !== '')
      throw sheet.error(row.line, 'public_key', 'encryption (public_key) is not supported by Quiosco');
    warnUnused(sheet, row, warnings);
  }

  const written = get('form_id');
  const formId = asName(written || fileName || 'form');
  if (written !== '' && formId !== written && sheet !== undefined && row !== undefined)
    warnings.push(sheetWarning(sheet.at(row.line, 'form_id'), `"${written}" is stored as the id ${formId}`));
  let version = get('version');
  if (version.length > MAX_VERSION_LENGTH) {
    // Versions key stored forms in 32 characters: keep the start, and a hash of the whole.
    const short = `${version.slice(0, MAX_VERSION_LENGTH - 9)}-${fnv1a(version)}`;
    if (sheet !== undefined && row !== undefined)
      warnings.push(
        sheetWarning(
          sheet.at(row.line, 'version'),
          `longer than ${MAX_VERSION_LENGTH} characters: stored as ${short}`,
        ),
      );
    version = short;
  }

  const kindText = get('kind');
  const kind = FormKindSchema.safeParse(kindText === '' ? 'survey' : kindText);
  if (!kind.success)
    throw fail('kind', `unknown form kind "${kindText}" (use ${FormKindSchema.options.join(', ')})`);
  const duplicates = get('allow_choice_duplicates').toLowerCase();
  return {
    formId,
    version: version === '' ? undefined : version,
    kind: kind.data,
    defaultLanguageSetting: get('default_language'),
    instanceName: get('instance_name') || undefined,
    allowChoiceDuplicates: duplicates === 'yes' || duplicates === 'true',
    title: (defaultLanguage) => {
      const title = row?.localized('form_title') ?? {};
      return title[defaultLanguage] === undefined ? { ...title, [defaultLanguage]: formId } : title;
    },
  };
}

function warnUnused(sheet: Sheet, row: SheetRow, warnings: FormSheetWarning[]): void {
  if (row.get('style') !== '') warnings.push(sheetWarning(sheet.at(row.line, 'style'), IGNORED.style ?? ''));
  for (const column of sheet.unknown) {
    const value = row.extra()[column.header] ?? '';
    if (value === '') continue;
    const reason =
      IGNORED[column.header.toLowerCase()] ?? `"${column.header}" is not a setting Quiosco uses (ignored)`;
    warnings.push(sheetWarning(sheet.at(row.line, column.header), reason));
  }
}

/** A valid id from a form_id or, as pyxform does, the file name: `Encuesta 2026.xlsx` → Encuesta_2026. */
function asName(text: string): string {
  const stem = text.replace(/^.*[\\/]/, '').replace(/\.(xlsx|xls|csv)$/i, '');
  const cleaned = stem.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 64);
  const name = /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`.slice(0, 64);
  return NameSchema.safeParse(name).success && name !== '__proto__' ? name : 'form';
}

/** FNV-1a hash of a text, as 8 hex digits. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
