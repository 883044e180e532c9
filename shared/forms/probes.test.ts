// The 57 probe forms (../shared/xlsform-corpus/probe-forms): each feature works (shown here) or is
// refused at load with its cell and name — none is silently ignored.
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { applyTriggers, compileForm, evaluateForm, fillText, initialAnswers } from './engine';
import type { Answers } from './form-definition';
import { FormSheetError } from './form-sheet-error';
import { corpusAvailable, probeForms } from './node/xlsform-corpus';
import { loadXlsx } from './node/read-xlsx';
import { loadXlsFormCsv } from './xlsform-csv';

/** Probes refused today, with what the refusal must name. */
const REFUSED: Readonly<Record<string, RegExp>> = {
  expr_curly_quote: /survey!D3, column "relevant": unexpected character "’"/,
  fn_instance_lookup: /survey!D3, column "calculation"/,
  fn_pulldata: /survey!D2, column "calculation": unknown function "pulldata\(\)"/,
  type_select_one_from_file: /survey!A2, column "type": .*"places.csv" is missing/,
};

const TODAY = { today: '2026-05-01', now: '2026-05-01T10:00:00.000Z' };

describe.skipIf(!corpusAvailable())('probe forms', () => {
  const probes = corpusAvailable() ? probeForms() : new Map();
  const load = (name: string) => {
    const sheets = probes.get(name);
    if (sheets === undefined) throw new Error(`no probe ${name}`);
    return loadXlsFormCsv(sheets);
  };
  const run = (name: string, answers: Answers) => {
    const form = compileForm(load(name).definition);
    return { form, evaluation: evaluateForm(form, answers, TODAY) };
  };

  test('57 probes: each loads or is refused as listed', () => {
    expect(probes.size).toBe(57);
    for (const name of probes.keys()) {
      const refused = REFUSED[name];
      if (refused === undefined) expect(() => load(name), name).not.toThrow();
      else expect(() => load(name), name).toThrow(refused);
    }
  });

  test('settings the kiosk ignores are warnings at their cell; other languages are kept', () => {
    expect(load('settings_style_pages').warnings.map((w) => w.message)).toEqual([
      'settings!E2, column "style": the kiosk has its own layout (style is ignored)',
    ]);
    expect(load('lang_french_coded').definition).toMatchObject({
      languages: expect.arrayContaining(['fr']),
      languageNames: { fr: 'Français' },
    });
    expect(load('lang_english_named').definition.languages).toEqual(['es', 'en']);
    expect(load('settings_instance_name').definition.instanceName).toBe("concat('r-', ${a})");
  });

  test('choice filter, or_other, choice images, list name with a space', () => {
    const { evaluation } = run('col_choice_filter', { st: 'hgo', mun: 'cholula' });
    expect(evaluation.choiceOptions.get('mun')).toEqual(['pachuca']);
    expect(evaluation.issues.get('mun')?.code).toBe('not_a_choice');
    const other = run('type_select_or_other', { s: 'other', s_other: 'quizá' });
    expect(other.evaluation.values).toEqual({ s: 'other', s_other: 'quizá' });
    expect(load('choices_image_column').definition.choices.yes_no?.[0]?.image).toEqual({ es: 'yes.png' });
    expect(load('choices_list_name_spaced').definition.choices.yes_no).toHaveLength(2);
  });

  test('defaults, required as an expression, required_message, read_only, guidance and media', () => {
    const defaults = compileForm(load('col_default').definition);
    expect(initialAnswers(defaults)).toEqual({ a: 5 });
    expect(initialAnswers(compileForm(load('col_default_today').definition), TODAY)).toEqual({
      d: '2026-05-01',
    });
    expect(run('col_required_expression', { s: 'yes' }).evaluation.issues.get('a')?.code).toBe('required');
    expect(run('col_required_expression', { s: 'no' }).evaluation.issues.has('a')).toBe(false);
    expect(run('col_required_message', {}).evaluation.issues.get('a')?.message).toEqual({
      es: 'Please answer',
    });
    expect([...run('col_read_only', {}).evaluation.readOnly]).toEqual(['a']);
    expect(load('col_guidance_hint').definition.children[0]).toMatchObject({
      guidanceHint: { es: 'Ask slowly' },
    });
    expect(load('col_media_image').definition.children[0]).toMatchObject({ image: { es: 'logo.png' } });
  });

  test('repeat_count, trigger, calculation on a question, metadata', () => {
    expect(run('col_repeat_count', { n: 2 }).evaluation.values).toEqual({ n: 2, r: [{}, {}] });
    const trigger = compileForm(load('col_trigger').definition);
    expect(evaluateForm(trigger, { a: 1 }, TODAY).values).toEqual({ a: 1 });
    expect(applyTriggers(trigger, {}, { a: 1 }, TODAY)).toEqual({ a: 1, c: '2' });
    expect(run('type_integer_with_calculation', { a: 3 }).evaluation.values).toEqual({ a: 3, b: 6 });
    expect(run('type_start_end_metadata', { a: 'x' }).evaluation.values).toEqual({
      start: TODAY.now,
      end: TODAY.now,
      a: 'x',
    });
  });

  test('count, sum and indexed-repeat over a repeat; position(..); jr:choice-name', () => {
    const instances = { r: [{ x: 4 }, { x: 6 }] };
    expect(run('fn_count_repeat', instances).evaluation.values.c).toBe(2);
    expect(run('fn_sum_repeat', instances).evaluation.values.c).toBe(10);
    expect(run('fn_indexed_repeat', { r: [{ x: 'uno' }, { x: 'dos' }] }).evaluation.values.c).toBe('uno');
    expect(run('fn_position_parent', { r: [{}, {}] }).evaluation.values).toEqual({ r: [{ i: 1 }, { i: 2 }] });
    expect(run('fn_jr_choice_name', { s: 'no' }).evaluation.values).toEqual({ s: 'no', c: 'No' });
  });

  test('${name} in a label is filled; new types are checked', () => {
    const { form, evaluation } = run('label_with_reference', { name_q: 'Ana' });
    expect(fillText(form, evaluation, 'hello', 'Hello ${name_q}', 'es')).toBe('Hello Ana');
    expect(run('type_range', { r: 11 }).evaluation.issues.get('r')?.code).toBe('type');
    expect(run('type_range', { r: 4 }).evaluation.issues.size).toBe(0);
    expect(run('type_rank', { r: ['no', 'yes'] }).evaluation.issues.size).toBe(0);
    expect(run('type_rank', { r: ['no'] }).evaluation.issues.get('r')?.code).toBe('not_a_choice');
    expect(run('type_geopoint', { g: '20.1 -98.7' }).evaluation.issues.size).toBe(0);
    expect(run('type_geopoint', { g: '200 0' }).evaluation.issues.get('g')?.code).toBe('type');
    expect(run('type_time', { t: '25:00' }).evaluation.issues.get('t')?.code).toBe('type');
    expect(run('type_dateTime', { t: '2026-05-01T10:30:00' }).evaluation.issues.size).toBe(0);
    expect(run('appearance_month_year', { d: '2026-05-07' }).evaluation.issues.get('d')?.code).toBe('type');
    expect(run('type_acknowledge', { k: 'OK' }).evaluation.values).toEqual({ k: 'OK' });
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
