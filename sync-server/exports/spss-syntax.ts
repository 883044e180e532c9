// The SPSS syntax of a bundle: reads each table's CSV into its own dataset, turns it back into the
// stored data and applies variable labels, value labels, missing values and measurement levels.
// Runs in IBM SPSS Statistics and in GNU PSPP (so only functions both have: SUBSTR, INDEX, …).
// - Texts: the CSV's U+2028 / U+2029 become line breaks again and the spreadsheet guard's
//   apostrophes are removed (cell-text.ts), so a text is the answer as stored.
// - A select_one is numbered in form order (1, 2, …; a scale whose codes are whole numbers keeps
//   them) with value labels, ORDINAL when it is an ordered scale, NOMINAL otherwise.
// - Dates are DATE11, times DATETIME20: the wall-clock time as the CSV writes it (SPSS has no time
//   zones; `utc-offset` chooses the clock).
// String widths are the widest value actually written (in UTF-8 bytes), so nothing is cut.
import { uiLanguage, type Language } from '../../shared/forms/form-definition';
import { localized, type ExportLayout } from './export-layout';
import { scriptColumn, type ScriptColumn, type ScriptTable } from './script-columns';
import { spssComment, spssNames, spssQuote, spssString } from './spss-text';

export type { ScriptTable } from './script-columns';

const MAX_STRING = 32_767;

/** What yes/no and complete/incomplete read as, per language. */
export const BINARY_LABELS = {
  es: { no: 'No', yes: 'Sí', incomplete: 'Incompleta', complete: 'Completa' },
  en: { no: 'No', yes: 'Yes', incomplete: 'Incomplete', complete: 'Complete' },
} as const;

/** One column: the variable GET DATA reads (`read`, a text for what is converted) and the final one. */
type Variable = {
  name: string;
  type: ScriptColumn;
  /** The variable read from the CSV: the final one, or a text one converted into it. */
  read: string;
  readFormat: string;
  /** The final variable's format, when it is not the one read. */
  format: string | undefined;
  /** Category values: code → number. */
  codes: [string, number][];
};

const textFormat = (bytes: number): string => `A${Math.min(MAX_STRING, Math.max(1, bytes))}`;

/** Bytes of the CSV's separators and the guard's triggers (cell-text.ts), as SPSS hex strings. */
const SEGMENT_ENDS = "X'2C3B090D0A'";
const TRIGGERS = "X'3D2B2D40090D'";

function variables(table: ScriptTable): Variable[] {
  const { columns, profile } = table;
  const types = columns.map((c, i) => scriptColumn(c, profile.hasText[i] ?? false));
  const converted = types.map((t, i) => isConverted(t, profile.hasText[i] ?? false));
  // Finals first, so a read variable's name never takes a final one's.
  const names = spssNames([
    ...columns.map((c) => c.name),
    ...columns.flatMap((c, i) => (converted[i] ? [`${c.name}_text`] : [])),
  ]);
  let nextRead = columns.length;
  return columns.map((_column, i): Variable => {
    const type = types[i] as ScriptColumn;
    const name = names[i] as string;
    const bytes = profile.maxBytes[i] ?? 0;
    if (converted[i]) {
      const read = names[nextRead++] as string;
      const codes = type.kind === 'category' ? categoryCodes(type) : [];
      const widest = Math.max(bytes, ...codes.map(([code]) => Buffer.byteLength(code)));
      const format =
        type.kind === 'date'
          ? 'DATE11'
          : type.kind === 'dateTime'
            ? 'DATETIME20'
            : `F${String(Math.max(...codes.map(([, n]) => n))).length + 1}.0`;
      return { name, type, read, readFormat: textFormat(widest), format, codes };
    }
    const readFormat =
      type.kind === 'category'
        ? 'F10.0'
        : type.kind === 'integer'
          ? 'F11.0'
          : type.kind === 'number'
            ? 'F16.2'
            : type.kind === 'binary'
              ? 'F1.0'
              : textFormat(bytes);
    const codes = type.kind === 'category' ? categoryCodes(type) : [];
    return { name, type, read: name, readFormat, format: undefined, codes };
  });
}

/** Read as text, then converted: dates, times and categories whose codes are text. */
function isConverted(type: ScriptColumn, hasText: boolean): boolean {
  if (type.kind === 'category') return !type.integerCodes || hasText;
  return type.kind === 'date' || type.kind === 'dateTime';
}

/** A category's codes and their numbers: whole-number codes keep theirs, others 1, 2, … in form order. */
function categoryCodes(type: Extract<ScriptColumn, { kind: 'category' }>): [string, number][] {
  return (type.question.choices ?? []).map((c, i) => [c.name, type.integerCodes ? Number(c.name) : i + 1]);
}

export function spssSyntax(layout: ExportLayout, tables: readonly ScriptTable[], language: Language): string {
  const binary = BINARY_LABELS[uiLanguage(language)];
  const title = localized(layout.title, language, layout.formId);
  const out: string[] = [
    '* Encoding: UTF-8.',
    `* ${spssComment(title)} (${layout.formId}), versions ${spssComment(layout.versions.map((v) => v.version).join(', '))}.`,
    '* Written by Quiosco. Open it in SPSS or PSPP with the CSV files of this bundle in the current folder',
    '* (or change the FILE= paths). Each table becomes a dataset of its own; repeat tables join their',
    '* record by submission_id. Choices are numbered in form order, with value labels.',
    '',
  ];
  const datasets = spssNames(tables.map((t) => t.table.name));
  tables.forEach((table, t) => {
    const dataset = datasets[t] as string;
    const vars = variables(table);
    if (t > 0) out.push(`DATASET DECLARE ${dataset}.`, `DATASET ACTIVATE ${dataset}.`);
    out.push(
      `GET DATA /TYPE=TXT /FILE=${spssQuote(table.file)} /ENCODING='UTF8'`,
      '  /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2 /DELIMITERS="," /QUALIFIER=\'"\'',
      '  /VARIABLES=',
      ...vars.map((v) => `    ${v.read} ${v.readFormat}`),
      '.',
    );
    out.push(...restoreTexts(vars.filter((v) => v.readFormat.startsWith('A')).map((v) => v.read)));
    out.push(...conversions(vars));
    if (vars.some((v) => v.read !== v.name)) {
      // Back in the table's order, without the text variables converted.
      out.push('MATCH FILES /FILE=* /KEEP=', ...vars.map((v) => `    ${v.name}`), '.');
    }
    if (t === 0) out.push(`DATASET NAME ${dataset}.`);
    out.push(...labels(table, vars, language, binary));
    out.push('');
  });
  out.push(`DATASET ACTIVATE ${datasets[0]}.`, '');
  return out.join('\n');
}

/**
 * Undoes what the CSV did to texts: U+2028 / U+2029 back to LF / CR, then the guard's apostrophe
 * at the start of a segment (the start, or after , ; tab CR LF) when apostrophes and then one of
 * = + - @ tab CR follow — as cell-text.ts `unguarded`, a byte at a time (the bytes looked at are
 * ASCII, so UTF-8 text passes through whole).
 */
function restoreTexts(names: readonly string[]): string[] {
  if (names.length === 0) return [];
  return [
    '* Line breaks and the spreadsheet guard of the CSV files undone: texts as stored.',
    'STRING #next (A1).',
    'DO REPEAT v =',
    ...names.map((n) => `    ${n}`),
    '  .',
    "  COMPUTE v = REPLACE(v, X'E280A8', X'0A').",
    "  COMPUTE v = REPLACE(v, X'E280A9', X'0D').",
    `  DO IF INDEX(v, "'") > 0.`,
    '    COMPUTE #start = 1.',
    '    LOOP #i = 1 TO LENGTH(RTRIM(v)).',
    `      DO IF #start AND SUBSTR(v, #i, 1) = "'".`,
    `        COMPUTE #next = SUBSTR(LTRIM(SUBSTR(v, #i + 1), "'"), 1, 1).`,
    `        IF INDEX(${TRIGGERS}, #next) > 0 v = CONCAT(SUBSTR(v, 1, #i - 1), SUBSTR(v, #i + 1)).`,
    '      END IF.',
    `      COMPUTE #start = INDEX(${SEGMENT_ENDS}, SUBSTR(v, #i, 1)) > 0.`,
    '    END LOOP.',
    '  END IF.',
    'END REPEAT.',
  ];
}

/** Categories numbered, dates and times made real ones, from the text variables read. */
function conversions(vars: readonly Variable[]): string[] {
  const out: string[] = [];
  const number = (text: string, at: number, width: number) =>
    `NUMBER(SUBSTR(${text}, ${at}, ${width}), F${width}.0)`;
  for (const v of vars) {
    if (v.read === v.name) continue;
    const s = v.read;
    if (v.type.kind === 'category') {
      out.push(
        `RECODE ${s}`,
        ...v.codes.map(([code, n]) => `    (${spssQuote(code)} = ${n})`),
        `    (ELSE = SYSMIS) INTO ${v.name}.`,
      );
    } else {
      const day = `DATE.DMY(${number(s, 9, 2)}, ${number(s, 6, 2)}, ${number(s, 1, 4)})`;
      if (v.type.kind === 'date') {
        out.push(`IF (${s} <> '') ${v.name} = ${day}.`);
      } else {
        // HH:MM, then :SS and .mmm when the text has them.
        const digit = (at: number) => `RANGE(SUBSTR(${s}, ${at}, 1), '0', '9')`;
        out.push(
          'COMPUTE #seconds = 0.',
          `IF (SUBSTR(${s}, 17, 1) = ':') #seconds = ${number(s, 18, 2)}.`,
          `IF (SUBSTR(${s}, 20, 1) = '.' AND ${digit(21)} AND ${digit(22)} AND ${digit(23)})` +
            ` #seconds = #seconds + ${number(s, 21, 3)} / 1000.`,
          `IF (${s} <> '') ${v.name} = ${day} +`,
          `    TIME.HMS(${number(s, 12, 2)}, ${number(s, 15, 2)}, #seconds).`,
        );
      }
    }
    out.push(`FORMATS ${v.name} (${v.format}).`);
  }
  return out;
}

function labels(
  table: ScriptTable,
  vars: readonly Variable[],
  language: Language,
  binary: (typeof BINARY_LABELS)[keyof typeof BINARY_LABELS],
): string[] {
  const out = ['VARIABLE LABELS'];
  table.columns.forEach((column, i) => {
    const label = localized(column.label, language, column.name);
    out.push(`  ${i === 0 ? '' : '/'}${vars[i]?.name} ${spssString(label, 250)}`);
  });
  out.push('.');

  const valueLabels: string[] = [];
  for (const v of vars) {
    let pairs: [number, string][] = [];
    if (v.type.kind === 'binary' && v.type.labels !== undefined)
      pairs =
        v.type.labels === 'yesNo'
          ? [
              [0, binary.no],
              [1, binary.yes],
            ]
          : [
              [0, binary.incomplete],
              [1, binary.complete],
            ];
    else if (v.type.kind === 'category') {
      const { choices = [] } = v.type.question;
      pairs = v.codes.map(([, n], c) => [n, localized(choices[c]?.label, language, choices[c]?.name ?? '')]);
    }
    if (pairs.length === 0) continue;
    valueLabels.push(`  /${v.name}`, ...pairs.map(([n, label]) => `    ${n} ${spssString(label, 120)}`));
  }
  if (valueLabels.length > 0) out.push('VALUE LABELS', ...valueLabels, '.');

  // A blank text is an unanswered question: missing, not a value of its own.
  const blankable = vars.filter(
    (v, i) => v.readFormat.startsWith('A') && v.read === v.name && table.columns[i]?.kind === 'answer',
  );
  if (blankable.length > 0) out.push('MISSING VALUES', ...blankable.map((v) => `  ${v.name}`), "  (' ').");

  const levels = vars.flatMap((v) => {
    const level = measurementLevel(v.type);
    return level === undefined ? [] : [`${v.name} (${level})`];
  });
  if (levels.length > 0)
    out.push('VARIABLE LEVEL', ...levels.map((l, i) => `  ${i === 0 ? '' : '/'}${l}`), '.');
  return out;
}

function measurementLevel(type: ScriptColumn): 'NOMINAL' | 'ORDINAL' | 'SCALE' | undefined {
  switch (type.kind) {
    case 'category':
      return type.question.ordered ? 'ORDINAL' : 'NOMINAL';
    case 'binary':
      return 'NOMINAL';
    case 'integer':
      return type.level;
    case 'number':
    case 'date':
    case 'dateTime':
      return 'SCALE';
    case 'text':
      return undefined;
  }
}
