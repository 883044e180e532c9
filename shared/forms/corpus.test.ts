// 120 public XLSForms (../shared/xlsform-corpus): how many of those pyxform accepts load here, that
// every refusal is located at a cell and names a feature the README lists as out of scope (or is an
// expression ODK Validate refuses too), and that every form that loads evaluates empty and random
// answers without throwing.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../random/seeded-random';
import { compileForm, evaluateForm, initialAnswers } from './engine';
import { FormSheetError } from './form-sheet-error';
import { corpusAvailable, corpusForms } from './node/xlsform-corpus';
import { randomAnswers } from './node/random-answers';
import { loadXlsFormCsv, type XlsFormCsvSheets } from './xlsform-csv';
import type { LoadedXlsForm } from './xlsform';

/** Each out-of-scope refusal, by the name README's list gives its feature. */
const OUT_OF_SCOPE: readonly [string, RegExp][] = [
  ['encryption', /encryption \(public_key\)/],
  ['pulldata()', /unknown function "pulldata\(\)"/],
  ['non-ODK functions', /unknown function "cht:/],
  ['XML and GeoJSON attachments', /only CSV attachments/],
  ['backreferences and look-arounds in regex()', /(backreferences|look-aheads|look-behinds) \(/],
];

/** pyxform accepts these, but their expressions are not XPath (ODK Validate refuses them too). */
const INVALID: Readonly<Record<string, RegExp>> = {
  'pyxform-bug/bad_calc': /^survey!D2, column "calculation": text in quotes is never closed/,
  'pyxform-example/bad_calc': /^survey!D2, column "calculation": text in quotes is never closed/,
};

/**
 * Measured: 79 of 87 (the 4 forms with audio, video or file questions load since they work). UCL_Biomass_Plot_Form
 * loads since regex() runs on RE2: its phone-number pattern ("(([0-9]{1})*…)+") was refused as one
 * that could hang; the corpus lacks its UCL_regions.csv and UCL_districts.csv, so it loads with stand-ins.
 */
const MIN_LOADED = 79;

/**
 * The corpus holds survey, choices and settings only. A missing CSV attachment is reported after
 * every other fault, so a form refused for that alone loads once they are given; one-choice stand-ins
 * prove it.
 */
function loadWithStandInAttachments(sheets: XlsFormCsvSheets): LoadedXlsForm {
  const attachments: Record<string, string> = {};
  for (;;) {
    try {
      return loadXlsFormCsv({ ...sheets, attachments });
    } catch (err) {
      const missing = err instanceof FormSheetError ? MISSING_ATTACHMENT.exec(err.message)?.[1] : undefined;
      if (missing === undefined || missing in attachments) throw err;
      attachments[missing] = 'name,label\nstand_in,Stand-in\n';
    }
  }
}

const MISSING_ATTACHMENT = /select from file: the attachment "([^"]+\.csv)" is missing/;

/** The bold names of README's out-of-scope list (under "XLSForms the kiosk refuses"). */
function readmeOutOfScope(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split('### XLSForms the kiosk refuses')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^- \*\*(.+?)\*\*/gm)].map((m) => m[1] ?? '');
}

describe.skipIf(!corpusAvailable())('the XLSForm corpus', () => {
  const forms = corpusAvailable() ? corpusForms() : [];
  const accepted = forms.filter((form) => form.pyxformAccepts);
  const outcomes = accepted.map((form) => {
    try {
      return { form, loaded: loadWithStandInAttachments(form.sheets) };
    } catch (err) {
      if (err instanceof FormSheetError) return { form, refused: err };
      throw new Error(`${form.id}: not a located refusal: ${String(err)}`);
    }
  });
  const refusals = outcomes.flatMap(({ form, refused }) => (refused ? [{ id: form.id, refused }] : []));

  test(`at least ${MIN_LOADED} of the 87 forms pyxform accepts load as they are`, () => {
    expect(accepted).toHaveLength(87);
    expect(outcomes.filter((o) => o.loaded !== undefined).length).toBeGreaterThanOrEqual(MIN_LOADED);
  });

  test('every refusal is at a cell, for a feature README lists as out of scope or an invalid expression', () => {
    const listed = readmeOutOfScope();
    expect(listed).toEqual(expect.arrayContaining(OUT_OF_SCOPE.map(([name]) => name)));
    for (const { id, refused } of refusals) {
      expect(refused.cell, `${id}: ${refused.message}`).toMatch(/^(survey|choices|settings)![A-Z]+\d+$/);
      const invalid = INVALID[id];
      if (invalid !== undefined) {
        expect(refused.message, id).toMatch(invalid);
        continue;
      }
      const feature = OUT_OF_SCOPE.find(([, pattern]) => pattern.test(refused.message))?.[0];
      expect(feature, `${id}: ${refused.message}`).toBeDefined();
      expect(listed, `${id}: ${refused.message}`).toContain(feature);
    }
    expect(refusals.filter(({ id }) => INVALID[id] !== undefined)).toHaveLength(Object.keys(INVALID).length);
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
