// 120 public XLSForms (../shared/xlsform-corpus): how many of those pyxform accepts load here, that
// every refusal is located at a cell and names a feature we list, and that every form that loads
// evaluates empty and random answers without throwing.
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../random/seeded-random';
import { compileForm, evaluateForm, initialAnswers } from './engine';
import { FormSheetError } from './form-sheet-error';
import { corpusAvailable, corpusForms } from './node/xlsform-corpus';
import { randomAnswers } from './node/random-answers';
import { loadXlsFormCsv } from './xlsform-csv';

/** Why a form may be refused: out of scope, not a valid form, or a gap we know of. */
const REFUSALS: readonly [string, RegExp][] = [
  ['encryption (out of scope)', /encryption \(public_key\)/],
  ['pulldata (out of scope)', /unknown function "pulldata\(\)"/],
  ['non-ODK extension functions (out of scope)', /unknown function "cht:/],
  [
    'external data: XML attachments, choices from earlier answers (out of scope)',
    /only CSV attachments|choices from earlier answers/,
  ],
  ['drawing on images (refused appearance)', /appearance "(draw|signature|annotate)"/],
  ['attachment not supplied with the form', /the attachment ".*" is missing/],
  ['invalid expression (ODK Validate refuses it too)', /text in quotes is never closed/],
];

/** Measured: 76 of 87 (73 before loops and CHT date differences; 67 before duplicate names). */
const MIN_LOADED = 76;

const refusalKind = (err: FormSheetError): string | undefined =>
  REFUSALS.find(([, pattern]) => pattern.test(err.message))?.[0];

describe.skipIf(!corpusAvailable())('the XLSForm corpus', () => {
  const forms = corpusAvailable() ? corpusForms() : [];
  const accepted = forms.filter((form) => form.pyxformAccepts);
  const outcomes = accepted.map((form) => {
    try {
      return { form, loaded: loadXlsFormCsv(form.sheets) };
    } catch (err) {
      if (err instanceof FormSheetError) return { form, refused: err };
      throw new Error(`${form.id}: not a located refusal: ${String(err)}`);
    }
  });

  test(`at least ${MIN_LOADED} of the forms pyxform accepts load as they are`, () => {
    expect(accepted).toHaveLength(87);
    expect(outcomes.filter((o) => o.loaded !== undefined).length).toBeGreaterThanOrEqual(MIN_LOADED);
  });

  test('every refusal names its sheet, row, column and a feature from the list', () => {
    for (const { form, refused } of outcomes) {
      if (refused === undefined) continue;
      expect(refused.row, form.id).toBeGreaterThan(0);
      expect(refused.column, form.id).not.toBe('');
      expect(refusalKind(refused), `${form.id}: ${refused.message}`).toBeDefined();
    }
  });

  test('every form that loads evaluates empty, default and random answers without throwing', () => {
    const rand = seededRandom(11);
    for (const { form, loaded } of outcomes) {
      if (loaded === undefined) continue;
      const compiled = compileForm(loaded.definition);
      const options = { today: '2026-05-01', now: '2026-05-01T10:00:00.000Z' };
      expect(() => evaluateForm(compiled, {}, options), form.id).not.toThrow();
      expect(() => evaluateForm(compiled, initialAnswers(compiled, options), options), form.id).not.toThrow();
      for (let i = 0; i < 5; i++) {
        const answers = randomAnswers(loaded.definition, rand);
        expect(() => evaluateForm(compiled, answers, options), form.id).not.toThrow();
      }
    }
  });

  test('forms pyxform refuses are refused here too or load with warnings, never crash', () => {
    for (const form of forms.filter((f) => !f.pyxformAccepts)) {
      try {
        loadXlsFormCsv(form.sheets);
      } catch (err) {
        expect(err, form.id).toBeInstanceOf(FormSheetError);
      }
    }
  });
});
