// The SPSS syntax of a bundle: reads each table's CSV into its own dataset and applies variable
// labels, value labels and measurement levels. Runs in IBM SPSS Statistics and in GNU PSPP.
// String widths are the widest value actually written (in UTF-8 bytes), so nothing is cut.
import { uiLanguage, type Language } from '../../shared/forms/form-definition';
import type { ColumnProfile } from './csv-table';
import { hasIntegerCodes, localized, type ExportLayout, type ExportTable } from './export-layout';
import { INTEGER_META } from './meta-fields';
import type { Column } from './table-rows';

export type ScriptTable = {
  table: ExportTable;
  file: string;
  columns: readonly Column[];
  profile: ColumnProfile;
};

const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);
const MAX_STRING = 32_767;

/** What yes/no and complete/incomplete read as, per language. */
export const BINARY_LABELS = {
  es: { no: 'No', yes: 'Sí', incomplete: 'Incompleta', complete: 'Completa' },
  en: { no: 'No', yes: 'Yes', incomplete: 'Incomplete', complete: 'Complete' },
} as const;

/** Variable names SPSS accepts: ASCII letters, digits, _ and . inside; unique ignoring case. */
export function spssNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let base = name.replace(/[^A-Za-z0-9_.]/g, '_').replace(/\.+$/, '');
    if (!/^[A-Za-z]/.test(base)) base = `v${base}`;
    base = base.slice(0, 60);
    if (RESERVED.has(base.toUpperCase())) base = `${base}_`;
    let candidate = base;
    for (let n = 2; taken.has(candidate.toUpperCase()); n++) candidate = `${base.slice(0, 56)}_${n}`;
    taken.add(candidate.toUpperCase());
    return candidate;
  });
}

type Declared = { name: string; numeric: boolean; format: string; level?: 'NOMINAL' | 'SCALE' };

/** Whether a column is read as a number, and its SPSS format. */
function declare(column: Column, name: string, maxBytes: number, hasText: boolean): Declared {
  const text = (bytes: number): Declared => ({
    name,
    numeric: false,
    format: `A${Math.min(MAX_STRING, Math.max(1, bytes))}`,
  });
  switch (column.kind) {
    case 'meta':
      if (column.field === 'instance' || column.field === 'revision' || column.field === 'duration_seconds')
        return { name, numeric: true, format: 'F8.0', level: 'SCALE' };
      if (INTEGER_META.has(column.field)) return { name, numeric: true, format: 'F1.0', level: 'NOMINAL' };
      return text(maxBytes);
    case 'choice':
    case 'missing':
      return { name, numeric: true, format: 'F1.0', level: 'NOMINAL' };
    case 'answer': {
      const { question } = column;
      if (question.type === 'select_one') {
        const codes = (question.choices ?? []).map((c) => c.name);
        if (hasIntegerCodes(question)) return { name, numeric: true, format: 'F10.0', level: 'NOMINAL' };
        return { ...text(Math.max(maxBytes, ...codes.map((c) => Buffer.byteLength(c)))), level: 'NOMINAL' };
      }
      if (!hasText && question.type === 'integer')
        return { name, numeric: true, format: 'F11.0', level: 'SCALE' };
      if (!hasText && (question.type === 'decimal' || question.type === 'calculate'))
        return { name, numeric: true, format: 'F16.2', level: 'SCALE' };
      return text(maxBytes);
    }
  }
}

export function spssSyntax(layout: ExportLayout, tables: readonly ScriptTable[], language: Language): string {
  const binary = BINARY_LABELS[uiLanguage(language)];
  const title = localized(layout.title, language, layout.formId);
  const out: string[] = [
    '* Encoding: UTF-8.',
    `* ${comment(title)} (${layout.formId}), versions ${comment(layout.versions.map((v) => v.version).join(', '))}.`,
    '* Written by Quiosco. Open it in SPSS or PSPP with the CSV files of this bundle in the current folder',
    '* (or change the FILE= paths). Each table becomes a dataset of its own; repeat tables join their',
    '* record by submission_id. Line breaks inside answers appear as the character U+2028.',
    '',
  ];
  const datasets = spssNames(tables.map((t) => t.table.name));
  tables.forEach(({ file, columns, profile }, t) => {
    const dataset = datasets[t] as string;
    const names = spssNames(columns.map((c) => c.name));
    const declared = columns.map((c, i) =>
      declare(c, names[i] as string, profile.maxBytes[i] ?? 0, profile.hasText[i] ?? false),
    );
    if (t > 0) out.push(`DATASET DECLARE ${dataset}.`, `DATASET ACTIVATE ${dataset}.`);
    out.push(
      `GET DATA /TYPE=TXT /FILE=${quote(file)} /ENCODING='UTF8'`,
      '  /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2 /DELIMITERS="," /QUALIFIER=\'"\'',
      '  /VARIABLES=',
      ...declared.map((d) => `    ${d.name} ${d.format}`),
      '.',
    );
    if (t === 0) out.push(`DATASET NAME ${dataset}.`);

    out.push('VARIABLE LABELS');
    columns.forEach((column, i) => {
      const label = localized(column.label, language, column.name);
      out.push(`  ${i === 0 ? '' : '/'}${names[i]} ${spssString(label, 250)}`);
    });
    out.push('.');

    const valueLabels: string[] = [];
    columns.forEach((column, i) => {
      const d = declared[i] as Declared;
      const value = (code: string) => (d.numeric ? code : quote(code));
      let pairs: [string, string][] = [];
      if (column.kind === 'choice' || column.kind === 'missing')
        pairs = [
          ['0', binary.no],
          ['1', binary.yes],
        ];
      else if (column.kind === 'meta' && column.field === 'complete')
        pairs = [
          ['0', binary.incomplete],
          ['1', binary.complete],
        ];
      else if (column.kind === 'answer' && column.question.type === 'select_one')
        pairs = (column.question.choices ?? []).map((c) => [c.name, localized(c.label, language, c.name)]);
      if (pairs.length === 0) return;
      valueLabels.push(
        `  /${d.name}`,
        ...pairs.map(([code, label]) => `    ${value(code)} ${spssString(label, 120)}`),
      );
    });
    if (valueLabels.length > 0) out.push('VALUE LABELS', ...valueLabels, '.');

    // A blank text is an unanswered question: missing, not a value of its own.
    const blankable = declared.filter((d, i) => !d.numeric && columns[i]?.kind === 'answer');
    if (blankable.length > 0) out.push('MISSING VALUES', ...blankable.map((d) => `  ${d.name}`), "  (' ').");

    const levels = declared.filter((d) => d.level !== undefined);
    if (levels.length > 0) {
      out.push('VARIABLE LEVEL');
      levels.forEach((d, i) => out.push(`  ${i === 0 ? '' : '/'}${d.name} (${d.level})`));
      out.push('.');
    }
    out.push('');
  });
  out.push(`DATASET ACTIVATE ${datasets[0]}.`, '');
  return out.join('\n');
}

/** Line breaks and other control characters: a comment or string of syntax stays on its line. */
const UNPRINTABLE = /[\p{Cc}\p{Zl}\p{Zp}]+/gu;

/** Text for a comment: one line, and no period, which could end the comment (and start a command). */
function comment(text: string): string {
  return text.replace(UNPRINTABLE, ' ').replaceAll('.', '');
}

/** How the bundle's CSV files write line breaks (see cell-text.ts), so a code matches its data. */
const IN_DATA: Readonly<Record<string, string>> = { '\n': '\u2028', '\r': '\u2029' };

/** A value as an SPSS string, on one line: other control characters become spaces. */
function quote(text: string): string {
  const oneLine = text.replace(/\p{Cc}/gu, (c) => IN_DATA[c] ?? ' ');
  return `'${oneLine.replaceAll("'", "''")}'`;
}

/**
 * A label as an SPSS string: cut to `maxBytes` of UTF-8 (never inside a character) and split into
 * pieces joined with + so no syntax line gets long.
 */
export function spssString(text: string, maxBytes: number): string {
  const oneLine = text.replace(UNPRINTABLE, ' ');
  const pieces: string[] = [];
  let piece = '';
  let pieceBytes = 0;
  let total = 0;
  for (const char of oneLine) {
    const bytes = Buffer.byteLength(char);
    if (total + bytes > maxBytes) break;
    if (pieceBytes + bytes > 60) {
      pieces.push(piece);
      piece = '';
      pieceBytes = 0;
    }
    piece += char;
    pieceBytes += bytes;
    total += bytes;
  }
  pieces.push(piece);
  return pieces.map(quote).join(' +\n      ');
}
