// The codebook: every variable of every table with its labels, type, choices, skip condition,
// constraint, personal-data flag and how many rows answered it, left it unanswered although it was
// asked (missing) or were never asked it (not applicable). As CSV for tools, Markdown for people.
import type { Language } from '../../shared/forms/form-definition';
import { csvLine } from './cell-text';
import { BIDI_CONTROLS, unicodeEscape } from '../../shared/text/bidi-controls';
import { localized, offeredByAll, type ExportQuestion, type ExportTable } from './export-layout';
import type { FormStats } from './form-stats';
import type { Column } from './table-rows';

export type CodebookTable = { table: ExportTable; columns: readonly Column[]; file?: string };

type Entry = {
  table: string;
  variable: string;
  columns: string;
  labelEs: string;
  labelEn: string;
  type: string;
  choices: string;
  relevant: string;
  constraint: string;
  required: string;
  pii: string;
  versions: string;
  answered: number;
  missing: number;
  notApplicable: number;
  notReached: number;
};

/** The skip condition as one expression: every enclosing group's and the question's own. */
export function skipCondition(question: ExportQuestion): string {
  const parts = question.relevant;
  return parts.length <= 1 ? (parts[0] ?? '') : parts.map((p) => `(${p})`).join(' and ');
}

/** " (versions: 3 4)" for a choice that not every version with the question offered. */
function offeredNote(question: ExportQuestion, choice: string): string {
  return offeredByAll(question, choice)
    ? ''
    : ` (versions: ${(question.choiceVersions.get(choice) ?? []).join(' ')})`;
}

function entries(stats: FormStats, tables: readonly CodebookTable[]): Entry[] {
  const list: Entry[] = [];
  for (const { table, columns } of tables) {
    const rows = stats.rowsPerTable.get(table.name) ?? 0;
    for (const column of columns) {
      if (column.kind !== 'meta') continue;
      list.push({
        table: table.name,
        variable: column.name,
        columns: column.name,
        labelEs: column.label.es ?? '',
        labelEn: column.label.en ?? '',
        type: 'metadata',
        choices: '',
        relevant: '',
        constraint: '',
        required: '',
        pii: 'no',
        versions: '',
        answered: rows,
        missing: 0,
        notApplicable: 0,
        notReached: 0,
      });
    }
    for (const question of table.questions) {
      const counts = stats.questions.get(question);
      const own = columns.filter((c) => c.kind !== 'meta' && c.question === question).map((c) => c.name);
      list.push({
        table: table.name,
        variable: question.name,
        columns: own.join(' '),
        labelEs: question.label.es ?? '',
        labelEn: question.label.en ?? '',
        type: question.type,
        choices: (question.choices ?? [])
          .map(
            (c) =>
              `${c.name} = ${c.label.es ?? ''}${c.label.en ? ` / ${c.label.en}` : ''}${offeredNote(question, c.name)}`,
          )
          .join('\n'),
        relevant: skipCondition(question),
        constraint: question.constraint ?? '',
        required: question.required ? 'yes' : 'no',
        pii: question.pii ? 'yes' : 'no',
        versions: question.versions.join(' '),
        answered: counts?.answered ?? 0,
        missing: counts?.missing ?? 0,
        notApplicable: counts?.notApplicable ?? 0,
        notReached: counts?.notReached ?? 0,
      });
    }
  }
  return list;
}

const CSV_HEADER = [
  'table',
  'variable',
  'columns',
  'label_es',
  'label_en',
  'type',
  'choices',
  'skip_condition',
  'constraint',
  'required',
  'pii',
  'versions',
  'answered',
  'missing',
  'not_applicable',
  'not_reached',
];

export function codebookCsv(stats: FormStats, tables: readonly CodebookTable[]): string {
  const lines = entries(stats, tables).map((e) =>
    csvLine(
      [
        e.table,
        e.variable,
        e.columns,
        e.labelEs,
        e.labelEn,
        e.type,
        e.choices,
        e.relevant,
        e.constraint,
        e.required,
        e.pii,
        e.versions,
        e.answered,
        e.missing,
        e.notApplicable,
        e.notReached,
      ],
      'keep',
    ),
  );
  return `\uFEFF${csvLine(CSV_HEADER, 'keep')}${lines.join('')}`;
}

// Labels, titles and versions come from whoever wrote the form: as Markdown they must stay text,
// and so must the HTML a Markdown viewer makes of them (no <img onerror>, no link, no raw HTML).
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/;
const CONTROL = /\p{Cc}+/gu;
// A bidi control (a U+202E turns the rest of its line around) is written as its escape, \u202e,
// as the terminal shows it, not wrapped in FSI…PDI: the file is read raw (an editor, less, a diff)
// as often as rendered, and an isolate only helps where the viewer implements it, keeps the value's
// own letters reversed, and hides that the form holds a control. The escape reads the same raw
// and rendered, in the order the text is stored (in text a typed backslash shows as \\ raw).
const BIDI = new RegExp(`[${BIDI_CONTROLS}]`, 'g');

/** Text in a table cell or heading: HTML as entities, Markdown's markup characters escaped. */
export function mdText(text: string): string {
  return text
    .split(LINE_BREAK)
    .map((line) =>
      line
        .replace(CONTROL, ' ')
        .replace(/[&<>\\`*_[\]|~]/g, (c) => ENTITIES[c] ?? `\\${c}`)
        .replace(BIDI, unicodeEscape),
    )
    .join('<br>');
}

/** Names and expressions as code: a code span is never markup; one line, no cell-ending |. */
export function mdCode(text: string): string {
  if (text === '') return '';
  return `\`${text
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(BIDI, unicodeEscape)
    .replaceAll('`', "'")
    .replaceAll('|', '\\|')}\``;
}

export function codebookMarkdown(
  stats: FormStats,
  tables: readonly CodebookTable[],
  language: Language,
  generatedAt: string,
): string {
  const { layout } = stats;
  const out: string[] = [
    `# Codebook: ${mdText(localized(layout.title, language, layout.formId))} (${mdCode(layout.formId)})`,
    '',
    `- Versions: ${mdText(layout.versions.map((v) => v.version).join(', '))}`,
    `- Records: ${stats.records}`,
    `- Exported: ${generatedAt}${layout.anonymised ? ' — anonymised: personal-data (pii) questions left out' : ''}`,
    '- Counts: *answered*; *missing* = asked but not answered; *n/a* = not asked (skip logic, or a form version without the question); *not reached* = an incomplete record stopped before it.',
    '- A choice marked *(versions: …)* was offered only by those versions: its 0/1 column is empty for records of the others.',
    '',
  ];
  const all = entries(stats, tables);
  for (const { table, file } of tables) {
    const rows = stats.rowsPerTable.get(table.name) ?? 0;
    const what =
      table.repeatPath.length === 0
        ? 'one row per record'
        : `one row per repeat instance, joined to its record by submission_id (and to an enclosing instance by parent_key)`;
    out.push(`## Table ${mdCode(table.name)}${file ? ` (${mdText(file)})` : ''}: ${rows} rows, ${what}`, '');
    out.push(
      '| variable | columns | label (es) | label (en) | type | skip condition | constraint | required | pii | answered | missing | n/a | not reached |',
      '|---|---|---|---|---|---|---|---|---|--:|--:|--:|--:|',
    );
    for (const e of all.filter((x) => x.table === table.name)) {
      out.push(
        `| ${mdCode(e.variable)} | ${mdCode(e.columns === e.variable ? '' : e.columns)} | ${mdText(e.labelEs)} | ${mdText(e.labelEn)} | ${e.type} | ${mdCode(e.relevant)} | ${mdCode(e.constraint)} | ${e.required} | ${e.pii} | ${e.answered} | ${e.missing} | ${e.notApplicable} | ${e.notReached} |`,
      );
    }
    out.push('');
    for (const question of table.questions) {
      if (question.choices === undefined) continue;
      const frequencies = stats.questions.get(question)?.frequencies;
      out.push(
        `### ${mdCode(question.name)}: ${mdText(localized(question.label, language, question.name))}`,
        '',
      );
      out.push('| code | label (es) | label (en) | n |', '|---|---|---|--:|');
      for (const choice of question.choices) {
        out.push(
          `| ${mdCode(choice.name)} | ${mdText(choice.label.es ?? '')} | ${mdText(choice.label.en ?? '')}${mdText(offeredNote(question, choice.name))} | ${frequencies?.get(choice.name) ?? 0} |`,
        );
      }
      out.push('');
    }
  }
  return out.join('\n');
}
