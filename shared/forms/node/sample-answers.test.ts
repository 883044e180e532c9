// The random responses are valid complete records of their form and take every branch that
// makes exports interesting.
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../../random/seeded-random';
import { compileForm, validateSubmission } from '../engine';
import type { Answers } from '../form-definition';
import { readXlsFormCsv } from '../xlsform-csv';
import { demoFormSheets, type DemoForm } from './demo-forms';
import {
  randomHeritageAnswers,
  randomRegistrationAnswers,
  randomSurveyAnswers,
  type AnswerGenerator,
} from './sample-answers';

const DRAWS = 400;

function draw(name: DemoForm, generate: AnswerGenerator): Answers[] {
  const definition = readXlsFormCsv(demoFormSheets(name));
  const form = compileForm(definition);
  const rand = seededRandom(42);
  return Array.from({ length: DRAWS }, () => {
    const answers = generate(rand, definition);
    const check = validateSubmission(form, answers, { complete: true, today: '2026-11-20' });
    if (!check.ok) expect.fail(JSON.stringify(check.issues));
    // The engine's own sum may differ in the last binary digit from the generator's rounded one.
    const { gasto_total: total, ...stored } = check.answers;
    const { gasto_total: generated, ...given } = answers;
    expect(stored).toEqual(given);
    if (generated !== undefined) expect(total).toBeCloseTo(Number(generated), 6);
    return answers;
  });
}

const share = (all: Answers[], test: (a: Answers) => boolean) => all.filter(test).length / all.length;

describe('random answers', () => {
  test('economic-impact survey: declined, from abroad, overnight stays, comments with line breaks', () => {
    const all = draw('encuesta-impacto-economico', randomSurveyAnswers);
    expect(share(all, (a) => a.acepta === 'no')).toBeGreaterThan(0.01);
    expect(share(all, (a) => a.acepta === 'si' && a.estado === undefined)).toBeGreaterThan(0.05);
    expect(share(all, (a) => a.noches !== undefined)).toBeGreaterThan(0.15);
    expect(all.some((a) => String(a.comentarios).includes('\n'))).toBe(true);
  });

  test('visitor registration: individuals, families and schools, with and without e-mail', () => {
    const all = draw('registro-visitantes', randomRegistrationAnswers);
    for (const kind of ['individual', 'familia', 'escuela']) {
      expect(share(all, (a) => a.tipo_visitante === kind)).toBeGreaterThan(0.05);
    }
    expect(share(all, (a) => a.tipo_visitante === 'escuela' && a.nombre === undefined)).toBeGreaterThan(0.05);
    expect(share(all, (a) => a.correo === undefined && a.boletin === undefined)).toBeGreaterThan(0.2);
    expect(all.some((a) => String(a.nombre).includes('"'))).toBe(true);
    expect(all.some((a) => String(a.nombre).includes(','))).toBe(true);
  });

  test('heritage record: repeats of ingredients and photos, or neither', () => {
    const all = draw('patrimonio-inmaterial', randomHeritageAnswers);
    expect(share(all, (a) => Array.isArray(a.ingredientes) && a.ingredientes.length >= 2)).toBeGreaterThan(
      0.3,
    );
    expect(share(all, (a) => Array.isArray(a.fotos))).toBeGreaterThan(0.5);
    expect(share(all, (a) => a.ingredientes === undefined && a.fotos === undefined)).toBeGreaterThan(0.02);
    expect(all.some((a) => /🌽/u.test(String(a.nombre_portador)))).toBe(true);
  });
});
