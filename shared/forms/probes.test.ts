// The 57 probe forms (../shared/xlsform-corpus/probe-forms): each feature works (its check below
// exercises it) or is refused at load with its cell and the feature named — none silently ignored.
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { applyTriggers, compileForm, evaluateForm, fillText, initialAnswers, visiblePages } from './engine';
import type { Answers } from './form-definition';
import { FormSheetError } from './form-sheet-error';
import { corpusAvailable, probeForms } from './node/xlsform-corpus';
import { loadXlsx } from './node/read-xlsx';
import { loadXlsFormCsv, type XlsFormCsvSheets } from './xlsform-csv';

const TODAY = { today: '2026-05-01', now: '2026-05-01T10:00:00.000Z' };

/** A probe either is refused with this message (cell and feature) or loads and passes its check. */
type Probe = { refused: RegExp } | { works(sheets: XlsFormCsvSheets): void };

const load = (sheets: XlsFormCsvSheets) => loadXlsFormCsv(sheets);
const run = (sheets: XlsFormCsvSheets, answers: Answers) => {
  const form = compileForm(load(sheets).definition);
  return { form, evaluation: evaluateForm(form, answers, TODAY) };
};
const values = (sheets: XlsFormCsvSheets, answers: Answers) => run(sheets, answers).evaluation.values;
const issue = (sheets: XlsFormCsvSheets, answers: Answers, name: string) =>
  run(sheets, answers).evaluation.issues.get(name)?.code;
const pageNames = (sheets: XlsFormCsvSheets, answers: Answers) => {
  const { form, evaluation } = run(sheets, answers);
  return visiblePages(form, evaluation).map((page) => page.path);
};

/** An audio, video or file question: a page of its type, answered by a stored file's name. */
function mediaProbe(name: string, type: 'audio' | 'video' | 'file', extension: string): Probe {
  return {
    works: (p) => {
      expect(load(p).definition.children).toMatchObject([{ kind: 'question', name, type }]);
      expect(pageNames(p, {})).toEqual([name]);
      const stored = `${'0a'.repeat(32)}.${extension}`;
      expect(values(p, { [name]: stored })).toEqual({ [name]: stored });
      expect(issue(p, { [name]: stored }, name)).toBeUndefined();
      expect(issue(p, { [name]: 3 }, name)).toBe('type');
    },
  };
}

const PROBES: Readonly<Record<string, Probe>> = {
  appearance_hidden: {
    works: (p) => {
      expect(pageNames(p, {})).toEqual([]);
      expect(values(p, { a: 'kept' })).toEqual({ a: 'kept' });
    },
  },
  appearance_month_year: {
    works: (p) => {
      expect(issue(p, { d: '2026-05-07' }, 'd')).toBe('type');
      expect(issue(p, { d: '2026-05-01' }, 'd')).toBeUndefined();
    },
  },
  choices_image_column: {
    works: (p) => expect(load(p).definition.choices.yes_no?.[0]?.image).toEqual({ es: 'yes.png' }),
  },
  choices_list_name_spaced: {
    works: (p) => expect(load(p).definition.choices.yes_no?.map((c) => c.name)).toEqual(['yes', 'no']),
  },
  col_choice_filter: {
    works: (p) => {
      const { evaluation } = run(p, { st: 'hgo', mun: 'cholula' });
      expect(evaluation.choiceOptions.get('mun')).toEqual(['pachuca']);
      expect(evaluation.issues.get('mun')?.code).toBe('not_a_choice');
    },
  },
  col_default: { works: (p) => expect(initialAnswers(compileForm(load(p).definition))).toEqual({ a: 5 }) },
  col_default_today: {
    works: (p) => expect(initialAnswers(compileForm(load(p).definition), TODAY)).toEqual({ d: '2026-05-01' }),
  },
  col_guidance_hint: {
    works: (p) =>
      expect(load(p).definition.children[0]).toMatchObject({ guidanceHint: { es: 'Ask slowly' } }),
  },
  col_media_image: {
    works: (p) => expect(load(p).definition.children[0]).toMatchObject({ image: { es: 'logo.png' } }),
  },
  col_read_only: { works: (p) => expect([...run(p, {}).evaluation.readOnly]).toEqual(['a']) },
  col_repeat_count: { works: (p) => expect(values(p, { n: 2 })).toEqual({ n: 2, r: [{}, {}] }) },
  col_required_expression: {
    works: (p) => {
      expect(issue(p, { s: 'yes' }, 'a')).toBe('required');
      expect(issue(p, { s: 'no' }, 'a')).toBeUndefined();
    },
  },
  col_required_message: {
    works: (p) => expect(run(p, {}).evaluation.issues.get('a')?.message).toEqual({ es: 'Please answer' }),
  },
  col_trigger: {
    works: (p) => {
      const form = compileForm(load(p).definition);
      expect(evaluateForm(form, { a: 1 }, TODAY).values).toEqual({ a: 1 });
      expect(applyTriggers(form, {}, { a: 1 }, TODAY)).toEqual({ a: 1, c: '2' });
    },
  },
  control_lang_coded: {
    works: (p) => {
      const { definition } = load(p);
      expect(definition.languages).toEqual(['es', 'en']);
      expect(definition.children[0]).toMatchObject({ label: { es: 'Uno', en: 'One' } });
    },
  },
  control_plain: { works: (p) => expect(values(p, { a: 'x', n: 3 })).toEqual({ a: 'x', n: 3 }) },
  control_relevant_selected: {
    works: (p) => {
      expect(values(p, { m: ['yes'], n: 1 })).toEqual({ m: ['yes'], n: 1 });
      expect(values(p, { m: ['no'], n: 1 })).toEqual({ m: ['no'] });
    },
  },
  expr_absolute_path: {
    works: (p) => {
      expect(values(p, { a: 'x', b: 'y' })).toEqual({ a: 'x', b: 'y' });
      expect(values(p, { b: 'y' })).toEqual({});
    },
  },
  // pyxform straightens curly quotes before ODK sees the form: ’x’ is 'x'.
  expr_curly_quote: {
    works: (p) => {
      expect(pageNames(p, { a: 'x' })).toEqual(['a']);
      expect(pageNames(p, { a: 'y' })).toEqual(['a', 'b']);
      expect(load(p).definition.children[1]).toMatchObject({ relevant: "${a} != 'x'" });
    },
  },
  fn_concat: { works: (p) => expect(values(p, { a: 'x' }).c).toBe('x-x') },
  fn_count_repeat: { works: (p) => expect(values(p, { r: [{ x: 4 }, { x: 6 }] }).c).toBe(2) },
  fn_current_dot: {
    works: (p) => {
      expect(issue(p, { a: 130 }, 'a')).toBe('constraint');
      expect(issue(p, { a: 30 }, 'a')).toBeUndefined();
    },
  },
  fn_date_arithmetic: { works: (p) => expect(values(p, { d: '2026-04-21' }).c).toBe(10) },
  fn_decimal_date_time: { works: (p) => expect(values(p, { d: '2026-04-21' }).c).toBeCloseTo(10, 6) },
  fn_format_date: { works: (p) => expect(values(p, { d: '2026-04-21' }).c).toBe('2026') },
  fn_indexed_repeat: { works: (p) => expect(values(p, { r: [{ x: 'uno' }, { x: 'dos' }] }).c).toBe('uno') },
  fn_instance_lookup: {
    refused:
      /^survey!D3, column "calculation": instance\(\) lookups \(reading data by an XML path\) are not supported/,
  },
  fn_int: { works: (p) => expect(values(p, { a: 3.7 }).c).toBe(3) },
  fn_jr_choice_name: { works: (p) => expect(values(p, { s: 'no' })).toEqual({ s: 'no', c: 'No' }) },
  fn_number: { works: (p) => expect(values(p, { a: '4' }).c).toBe(5) },
  fn_once_uuid: {
    works: (p) => {
      expect(values(p, {}).c).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(values(p, { c: 'kept' }).c).toBe('kept');
    },
  },
  fn_position_parent: {
    works: (p) => expect(values(p, { r: [{}, {}] })).toEqual({ r: [{ i: 1 }, { i: 2 }] }),
  },
  fn_pulldata: { refused: /^survey!D2, column "calculation": unknown function "pulldata\(\)"/ },
  fn_round: { works: (p) => expect(values(p, { a: 3.14159 }).c).toBe(3.14) },
  fn_sum_repeat: { works: (p) => expect(values(p, { r: [{ x: 4 }, { x: 6 }] }).c).toBe(10) },
  fn_true: { works: (p) => expect(pageNames(p, {})).toEqual(['a']) },
  label_with_reference: {
    works: (p) => {
      const { form, evaluation } = run(p, { name_q: 'Ana' });
      expect(fillText(form, evaluation, 'hello', 'Hello ${name_q}', 'es')).toBe('Hello Ana');
    },
  },
  lang_english_named: { works: (p) => expect(load(p).definition.languages).toEqual(['es', 'en']) },
  lang_french_coded: {
    works: (p) =>
      expect(load(p).definition).toMatchObject({
        languages: expect.arrayContaining(['fr']),
        languageNames: { fr: 'Français' },
      }),
  },
  name_same_in_two_groups: {
    works: (p) => expect(values(p, { x: 'uno', g2__x: 'dos' })).toEqual({ x: 'uno', g2__x: 'dos' }),
  },
  settings_instance_name: {
    works: (p) => expect(load(p).definition.instanceName).toBe("concat('r-', ${a})"),
  },
  settings_style_pages: {
    works: (p) =>
      expect(load(p).warnings.map((w) => w.message)).toEqual([
        'settings!E2, column "style": the kiosk has its own layout (style is ignored)',
      ]),
  },
  type_acknowledge: { works: (p) => expect(values(p, { k: 'OK' })).toEqual({ k: 'OK' }) },
  type_audio: mediaProbe('a', 'audio', 'weba'),
  type_barcode: {
    works: (p) => {
      expect(values(p, { b: 'TAQ-0001' })).toEqual({ b: 'TAQ-0001' });
      expect(pageNames(p, {})).toEqual(['b']);
    },
  },
  type_dateTime: {
    works: (p) => {
      expect(issue(p, { t: '2026-05-01T10:30:00' }, 't')).toBeUndefined();
      expect(issue(p, { t: 'mañana' }, 't')).toBe('type');
    },
  },
  type_file: mediaProbe('f', 'file', 'pdf'),
  type_geopoint: {
    works: (p) => {
      expect(issue(p, { g: '20.1 -98.7' }, 'g')).toBeUndefined();
      expect(issue(p, { g: '200 0' }, 'g')).toBe('type');
    },
  },
  type_hidden: {
    // The renderer gives hidden and metadata questions no page (renderer/src/store/form-view.ts).
    works: (p) => {
      expect(load(p).definition.children[0]).toMatchObject({ type: 'hidden', name: 'h' });
      expect(values(p, { h: 'x' })).toEqual({ h: 'x' });
    },
  },
  type_integer_with_calculation: { works: (p) => expect(values(p, { a: 3 })).toEqual({ a: 3, b: 6 }) },
  type_range: {
    works: (p) => {
      expect(issue(p, { r: 11 }, 'r')).toBe('type');
      expect(issue(p, { r: 4 }, 'r')).toBeUndefined();
    },
  },
  type_rank: {
    works: (p) => {
      expect(issue(p, { r: ['no', 'yes'] }, 'r')).toBeUndefined();
      expect(issue(p, { r: ['no'] }, 'r')).toBe('not_a_choice');
    },
  },
  type_select_one_from_file: {
    // Refused without its CSV, naming it; with the CSV beside it, the list is the CSV's rows.
    works: (p) => {
      expect(() => load(p)).toThrow(
        /^survey!A2, column "type": select from file: the attachment "places.csv" is missing/,
      );
      const withCsv = { ...p, attachments: { 'places.csv': 'name,label\npachuca,Pachuca\ntula,Tula\n' } };
      expect(load(withCsv).definition.choices['places.csv']?.map((c) => c.name)).toEqual(['pachuca', 'tula']);
      expect(issue(withCsv, { p: 'cholula' }, 'p')).toBe('not_a_choice');
    },
  },
  type_select_or_other: {
    works: (p) =>
      expect(values(p, { s: 'other', s_other: 'quizá' })).toEqual({ s: 'other', s_other: 'quizá' }),
  },
  type_start_end_metadata: {
    works: (p) => {
      const form = compileForm(load(p).definition);
      const started = initialAnswers(form, { now: '2026-05-01T09:00:00.000Z' });
      expect(started).toEqual({ start: '2026-05-01T09:00:00.000Z' });
      expect(evaluateForm(form, { ...started, a: 'x' }, TODAY).values).toEqual({
        start: '2026-05-01T09:00:00.000Z',
        end: TODAY.now,
        a: 'x',
      });
    },
  },
  type_time: {
    works: (p) => {
      expect(issue(p, { t: '25:00' }, 't')).toBe('type');
      expect(issue(p, { t: '09:30' }, 't')).toBeUndefined();
    },
  },
  type_video: mediaProbe('v', 'video', 'webm'),
};

describe.skipIf(!corpusAvailable())('probe forms', () => {
  const probes = corpusAvailable() ? probeForms() : new Map<string, XlsFormCsvSheets>();

  test('every probe has a check here', () => {
    expect(probes.size).toBe(57);
    expect([...probes.keys()]).toEqual(Object.keys(PROBES).sort());
  });

  test.each(Object.entries(PROBES))('%s', (name, probe) => {
    const sheets = probes.get(name);
    if (sheets === undefined) throw new Error(`no probe ${name}`);
    if ('refused' in probe) {
      const err = (() => {
        try {
          load(sheets);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(err, name).toBeInstanceOf(FormSheetError);
      expect((err as FormSheetError).message).toMatch(probe.refused);
    } else probe.works(sheets);
  });
});

describe('workbooks (.xlsx)', () => {
  async function workbook(rows: Record<string, (string | number)[][]>): Promise<Uint8Array> {
    const book = new ExcelJS.Workbook();
    for (const [name, cells] of Object.entries(rows)) book.addWorksheet(name).addRows(cells);
    return new Uint8Array(await book.xlsx.writeBuffer());
  }

  test('loads as its sheets saved as CSV would, named after the file when settings give no id', async () => {
    const data = await workbook({
      survey: [
        ['type', 'name', 'label'],
        ['integer', 'edad', 'Edad'],
        [],
        ['select_one si_no', 'ok', '¿Bien?'],
      ],
      choices: [
        ['list_name', 'name', 'label'],
        ['si_no', 'si', 'Sí'],
        ['si_no', 'no', 'No'],
      ],
    });
    const { definition } = await loadXlsx(data, 'Encuesta 2026');
    expect(definition).toMatchObject({
      formId: 'Encuesta_2026',
      kind: 'survey',
      title: { es: 'Encuesta_2026' },
    });
    expect(definition.children.map((n) => [n.name, n.row])).toEqual([
      ['edad', 2],
      ['ok', 4],
    ]);
  });

  test('a fault is located at its cell as Excel shows it', async () => {
    const survey: (string | number)[][] = [['type', 'name', 'label', 'relevant']];
    for (let i = 2; i < 14; i++) survey.push(['text', `q${i}`, `Q${i}`, '']);
    survey.push(['text', 'roto', 'Roto', '${nada} = 1']);
    const err = await loadXlsx(await workbook({ survey }), 'f').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FormSheetError);
    expect((err as FormSheetError).cell).toBe('survey!D14');
    expect((err as FormSheetError).message).toBe(
      'survey!D14, column "relevant": ${nada} is not a question of this form',
    );
  });

  test('an entities sheet is refused by name', async () => {
    const data = await workbook({
      survey: [
        ['type', 'name', 'label'],
        ['text', 'a', 'A'],
      ],
      entities: [
        ['list_name', 'label'],
        ['trees', '${a}'],
      ],
    });
    await expect(loadXlsx(data, 'f')).rejects.toThrow(/entities \(the entities sheet\) are not supported/);
  });
});
