// The survey's type column: our types, pyxform's aliases (`select one from`, `int`, `gps`,
// `uri:deviceid`…), metadata, select_*_from_file and or_other; out-of-scope types refused by name.
import { MetadataKindSchema, type MetadataKind, type QuestionType } from './form-definition';

export type ParsedType =
  | { kind: 'begin'; group: 'group' | 'repeat' }
  | { kind: 'end'; group: 'group' | 'repeat' }
  | {
      kind: 'question';
      type: QuestionType;
      listName?: string;
      /** select_one ${name}: the choices are the answers to that question in its repeat. */
      choicesFrom?: string;
      fromFile?: string;
      orOther?: boolean;
      metadata?: MetadataKind;
    }
  /** A type we recognise but do not support: the reason, naming the feature. */
  | { kind: 'refused'; reason: string }
  | { kind: 'unknown' };

const SIMPLE: Readonly<Record<string, QuestionType>> = {
  text: 'text',
  string: 'text',
  integer: 'integer',
  int: 'integer',
  decimal: 'decimal',
  range: 'range',
  date: 'date',
  time: 'time',
  datetime: 'dateTime',
  geopoint: 'geopoint',
  gps: 'geopoint',
  location: 'geopoint',
  geotrace: 'geotrace',
  geoshape: 'geoshape',
  barcode: 'barcode',
  acknowledge: 'acknowledge',
  trigger: 'acknowledge',
  note: 'note',
  calculate: 'calculate',
  hidden: 'hidden',
  image: 'image',
  photo: 'image',
  audio: 'audio',
  video: 'video',
  file: 'file',
};

const METADATA_ALIASES: Readonly<Record<string, MetadataKind>> = {
  imei: 'deviceid',
  'phone number': 'phonenumber',
  phone: 'phonenumber',
};

const SELECT_PREFIXES: readonly [string, QuestionType][] = [
  ['select_one', 'select_one'],
  ['select one from', 'select_one'],
  ['select one', 'select_one'],
  ['select1', 'select_one'],
  ['select_multiple', 'select_multiple'],
  ['select all that apply from', 'select_multiple'],
  ['select all that apply', 'select_multiple'],
  ['select multiple from', 'select_multiple'],
  ['select multiple', 'select_multiple'],
  ['select many from', 'select_multiple'],
  ['rank', 'rank'],
];

const REFUSED: readonly [RegExp, string][] = [
  [/^select_(one|multiple)_external\b/, 'select_one_external (an external_choices sheet) is not supported'],
  [
    /^(xml|csv)-external\b/,
    'external data (xml-external / csv-external, read with instance()) is not supported',
  ],
  [/^background-(audio|geopoint)\b/, 'background recording is not supported'],
  [/^start-geopoint\b/, 'start-geopoint is not supported'],
];

/** Reads a type cell (already trimmed, not empty). */
export function parseType(cell: string): ParsedType {
  const text = cell.replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  const grouping = /^(begin|end)[ _](group|repeat|lgroup|looped group)$/.exec(lower);
  if (grouping) {
    const group = grouping[2] === 'group' ? 'group' : 'repeat';
    return grouping[1] === 'begin' ? { kind: 'begin', group } : { kind: 'end', group };
  }
  for (const [pattern, reason] of REFUSED) if (pattern.test(lower)) return { kind: 'refused', reason };

  const fromFile = /^select_(one|multiple)_from_file (\S+)$/.exec(text);
  if (fromFile?.[2] !== undefined) {
    const type = fromFile[1] === 'one' ? 'select_one' : 'select_multiple';
    return { kind: 'question', type, listName: fromFile[2], fromFile: fromFile[2] };
  }
  for (const [prefix, type] of SELECT_PREFIXES) {
    if (!lower.startsWith(`${prefix} `)) continue;
    const words = text
      .slice(prefix.length + 1)
      .replace(/ or specify other$/i, ' or_other')
      .split(' ');
    const [listName, ...rest] = words;
    if (listName === undefined || listName === '') return { kind: 'unknown' };
    const earlier = /^\$\{([A-Za-z_][\w.-]*)\}$/.exec(listName)?.[1];
    if (listName.startsWith('${')) {
      if (earlier === undefined || type === 'rank' || rest.length > 0)
        return {
          kind: 'refused',
          reason: `choices from earlier answers take one \${name} and no or_other (${prefix} ${text.slice(prefix.length + 1)})`,
        };
      return { kind: 'question', type, choicesFrom: earlier };
    }
    if (rest.length === 0) return { kind: 'question', type, listName };
    if (rest.length === 1 && rest[0]?.toLowerCase() === 'or_other' && type !== 'rank')
      return { kind: 'question', type, listName, orOther: true };
    return { kind: 'unknown' };
  }
  const simple = SIMPLE[lower];
  if (simple !== undefined) return { kind: 'question', type: simple };
  const meta = lower.replace(/^uri:/, '');
  const metadata = METADATA_ALIASES[meta] ?? MetadataKindSchema.safeParse(meta).data;
  if (metadata !== undefined) return { kind: 'question', type: 'metadata', metadata };
  return { kind: 'unknown' };
}

/** Types whose name alone is incomplete, for a helpful message. */
export function typeHint(cell: string): string | undefined {
  const lower = cell.trim().toLowerCase();
  for (const [prefix] of SELECT_PREFIXES) {
    if (lower === prefix || lower === prefix.replace(/ from$/, ''))
      return `${prefix} needs a choice list name, as in "${prefix} si_no"`;
  }
  if (/^select_(one|multiple)_from_file$/.test(lower))
    return `${lower} needs a CSV file name, as in "${lower} lugares.csv"`;
  return undefined;
}
