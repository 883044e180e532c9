// Column headers as XLSForm tools write them: canonical names, pyxform's aliases, and language
// suffixes (`label::Español (es)`, `label::English`, the legacy single colon `label:English`).

export type SheetSpec = {
  /** Canonical column names read as they are. */
  readonly plain: readonly string[];
  /** Canonical columns with one variant per language. */
  readonly localized: readonly string[];
  /** Other spellings pyxform accepts, lower case, mapped to a canonical name. */
  readonly aliases: Readonly<Record<string, string>>;
};

/** A recognised header: its canonical column and, for localized columns, the language tag ('' when bare). */
export type HeaderKey = { base: string; tag: string | undefined };

const MEDIA = { image: 'image', audio: 'audio', video: 'video', 'big-image': 'big_image' } as const;
const mediaAliases = (): Record<string, string> =>
  Object.fromEntries(
    Object.entries(MEDIA).flatMap(([word, column]) => [
      [word, column],
      [`media::${word}`, column],
      [`media:${word}`, column],
    ]),
  );

export const SURVEY_SPEC: SheetSpec = {
  plain: [
    'type',
    'name',
    'required',
    'relevant',
    'constraint',
    'appearance',
    'pii',
    'calculation',
    'default',
    'read_only',
    'choice_filter',
    'repeat_count',
    'trigger',
    'parameters',
    'accept',
  ],
  localized: [
    'label',
    'hint',
    'guidance_hint',
    'constraint_message',
    'required_message',
    'image',
    'audio',
    'video',
    'big_image',
  ],
  aliases: {
    ...mediaAliases(),
    caption: 'label',
    command: 'type',
    relevance: 'relevant',
    'bind::relevant': 'relevant',
    'bind::constraint': 'constraint',
    'bind::required': 'required',
    'bind::calculate': 'calculation',
    'bind::readonly': 'read_only',
    readonly: 'read_only',
    'read only': 'read_only',
    'bind::jr:constraintmsg': 'constraint_message',
    'constraint message': 'constraint_message',
    constraintmsg: 'constraint_message',
    'bind::jr:requiredmsg': 'required_message',
    'required message': 'required_message',
    requiredmsg: 'required_message',
    'guidance hint': 'guidance_hint',
    'choice filter': 'choice_filter',
    count: 'repeat_count',
    'jr:count': 'repeat_count',
    'control::jr:count': 'repeat_count',
    'repeat count': 'repeat_count',
    // pyxform copies body::accept onto the upload control (file questions: which files to offer).
    'body::accept': 'accept',
  },
};

export const CHOICES_SPEC: SheetSpec = {
  plain: ['list_name', 'name'],
  localized: ['label', 'image', 'audio', 'video', 'big_image'],
  aliases: { ...mediaAliases(), 'list name': 'list_name', caption: 'label' },
};

export const SETTINGS_SPEC: SheetSpec = {
  plain: [
    'form_id',
    'version',
    'default_language',
    'kind',
    'instance_name',
    'style',
    'allow_choice_duplicates',
    'public_key',
  ],
  localized: ['form_title'],
  aliases: {
    title: 'form_title',
    'set form title': 'form_title',
    id_string: 'form_id',
    'set form id': 'form_id',
    'form id': 'form_id',
    'form title': 'form_title',
    'default language': 'default_language',
    'instance name': 'instance_name',
  },
};

function canonical(text: string, spec: SheetSpec): string | undefined {
  const lower = text.trim().toLowerCase();
  if (spec.plain.includes(lower) || spec.localized.includes(lower)) return lower;
  return Object.hasOwn(spec.aliases, lower) ? spec.aliases[lower] : undefined;
}

/** The column a header names, or undefined when the sheet has no such column. */
export function parseHeader(text: string, spec: SheetSpec): HeaderKey | undefined {
  const whole = canonical(text, spec);
  if (whole !== undefined) return { base: whole, tag: spec.localized.includes(whole) ? '' : undefined };
  // `label::English (en)`; then the legacy `label:English`.
  for (const separator of ['::', ':']) {
    const at = separator === '::' ? text.lastIndexOf(separator) : text.indexOf(separator);
    if (at <= 0) continue;
    const base = canonical(text.slice(0, at), spec);
    const tag = text.slice(at + separator.length).trim();
    if (base !== undefined && spec.localized.includes(base) && tag !== '') return { base, tag };
  }
  return undefined;
}

const LANGUAGE_NAMES: Readonly<Record<string, string>> = {
  english: 'en',
  inglés: 'en',
  ingles: 'en',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  castellano: 'es',
};

/** The language code a tag names: `Español (es)` → es, `English` → en, `fr` → fr; undefined for ''. */
export function languageCode(tag: string): string | undefined {
  const trimmed = tag.trim();
  if (trimmed === '') return undefined;
  const bracketed = /\(\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\s*\)\s*$/.exec(trimmed);
  if (bracketed?.[1] !== undefined) return bracketed[1].toLowerCase().split('-')[0];
  const lower = trimmed.toLowerCase();
  const named = LANGUAGE_NAMES[lower];
  if (named !== undefined) return named;
  return /^[a-z]{2,3}(?:-[a-z0-9]+)?$/.test(lower) ? lower.split('-')[0] : lower;
}
