// Choices from earlier answers (`select_one ${name}`, pyxform's select from a repeat): one choice
// per repeat entry with an answer, filtered by that entry's other answers.
import { describe, expect, test } from 'vitest';
import { compileForm, evaluateForm } from './engine';
import type { Answers } from './form-definition';
import { loadXlsFormCsv } from './xlsform-csv';

const survey = (rows: string[]) => ['type,name,label,choice_filter', ...rows].join('\n');
const load = (rows: string[]) => loadXlsFormCsv({ survey: survey(rows), choices: '', settings: '' });

const household = compileForm(
  load([
    'begin_repeat,miembros,Miembros,',
    'text,nombre,Nombre,',
    'integer,edad,Edad,',
    'end_repeat,,,',
    'select_one ${nombre},jefe,¿Quién es jefe del hogar?,',
    'select_multiple ${nombre},menores,¿Quiénes van a la escuela?,${edad} < 18',
  ]).definition,
);
const family: Answers[] = [
  { nombre: 'Ana', edad: 40 },
  { nombre: 'Luis', edad: 12 },
  { edad: 3 },
  { nombre: 'Eva', edad: 9 },
  { nombre: 'Ana', edad: 70 },
];

describe('choices from earlier answers', () => {
  test('each answered entry is a choice, once; the filter reads that entry', () => {
    const { choiceOptions } = evaluateForm(household, { miembros: family });
    expect(choiceOptions.get('jefe')).toEqual(['Ana', 'Luis', 'Eva']);
    expect(choiceOptions.get('menores')).toEqual(['Luis', 'Eva']);
  });

  test('an answer not among them is not a choice; one that is, is kept', () => {
    const ok = evaluateForm(household, { miembros: family, jefe: 'Eva', menores: ['Luis', 'Eva'] });
    expect(ok.issues.size).toBe(0);
    expect(ok.values).toMatchObject({ jefe: 'Eva', menores: ['Luis', 'Eva'] });
    const wrong = evaluateForm(household, { miembros: family, jefe: 'Pedro', menores: ['Ana'] });
    expect(wrong.issues.get('jefe')?.code).toBe('not_a_choice');
    expect(wrong.issues.get('menores')?.code).toBe('not_a_choice');
  });

  test('no entries, no choices', () => {
    expect(evaluateForm(household, {}).choiceOptions.get('jefe')).toEqual([]);
  });

  test('refused at the type cell when the name is not a question in one repeat', () => {
    expect(() => load(['text,nombre,Nombre,', 'select_one ${nombre},q,Q,'])).toThrow(
      'survey!A3, column "type": choices from ${nombre} need a question in a repeat (not nested in another)',
    );
    expect(() => load(['text,nombre,Nombre,', 'select_one ${nadie},q,Q,'])).toThrow(
      'survey!A3, column "type": ${nadie} is not a question of this form',
    );
    expect(() =>
      load([
        'begin_repeat,a,A,',
        'begin_repeat,b,B,',
        'text,nombre,Nombre,',
        'end_repeat,,,',
        'end_repeat,,,',
        'select_one ${nombre},q,Q,',
      ]),
    ).toThrow(/survey!A7, column "type": choices from \$\{nombre\} need a question in a repeat/);
    expect(() =>
      load([
        'begin_repeat,a,A,',
        'text,nombre,Nombre,',
        'end_repeat,,,',
        'select_one ${nombre} or_other,q,Q,',
      ]),
    ).toThrow(/survey!A5, column "type": choices from earlier answers take one \$\{name\} and no or_other/);
  });
});
