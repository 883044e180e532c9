// The expression hooks the engine gives expressions: node-sets over repeats, position(..),
// indexed-repeat(), jr:choice-name() in the current language, now() and the kiosk's time zone.
import { describe, expect, test } from 'vitest';
import { compileForm, evaluateForm, submissionIssues, type CompiledForm } from './engine';
import type { Answers } from './form-definition';
import { readXlsFormCsv } from './xlsform-csv';

const CHOICES = 'list_name,name,label::es,label::en\nsi_no,si,Sí,Yes\nsi_no,no,No,No\n';
const SETTINGS = 'form_id,version,form_title::es,kind\nprueba,1,Prueba,survey\n';

function form(...rows: string[]): CompiledForm {
  const survey = ['type,name,label::es,label::en,relevant,calculation', ...rows].join('\n');
  return compileForm(readXlsFormCsv({ survey, choices: CHOICES, settings: SETTINGS }));
}

const NESTED = form(
  'begin_repeat,casa,Casa,House,,',
  'integer,personas,Personas,People,,',
  'calculate,n_casa,,,,position(..)',
  'begin_repeat,cuarto,Cuarto,Room,,',
  'decimal,m2,M2,M2,,',
  'calculate,m2_casa,,,,sum(${m2})',
  'end_repeat,,,,,',
  'calculate,area_casa,,,,sum(${m2})',
  'calculate,cuartos,,,,count(${cuarto})',
  'end_repeat,,,,,',
  'calculate,casas,,,,count(${casa})',
  'calculate,total,,,,sum(${personas})',
  'calculate,area,,,,sum(${m2})',
  'calculate,mayor,,,,max(${personas})',
  'calculate,lista,,,,"join(\'-\', ${personas})"',
  'calculate,con_dato,,,,count-non-empty(${personas})',
  'calculate,segunda,,,,"indexed-repeat(${m2}, ${casa}, 2, ${cuarto}, 1)"',
  'text,nota,Nota,Note,${casas} > 2,',
);

const HOUSES: Answers = {
  casa: [
    { personas: 3, cuarto: [{ m2: 10 }, { m2: 12.5 }] },
    { cuarto: [{ m2: 7 }] },
    { personas: 2, cuarto: [] },
  ],
};

describe('node-sets over repeats', () => {
  const { values, relevant } = evaluateForm(NESTED, HOUSES);

  test('count, sum, max, join and count-non-empty see every instance from outside', () => {
    expect(values).toMatchObject({ casas: 3, area: 29.5, lista: '3--2', con_dato: 2 });
    // As in ODK, an unanswered instance makes sum() and max() NaN (not stored): use coalesce().
    expect(values.total).toBeUndefined();
    const answered = { casa: [{ personas: 3 }, { personas: 1 }] };
    expect(evaluateForm(NESTED, answered).values).toMatchObject({ total: 4, mayor: 3 });
    expect(relevant.has('nota')).toBe(true);
  });

  test('from inside an instance they see that instance only; position(..) numbers it', () => {
    const houses = values.casa as Record<string, unknown>[];
    expect(houses.map((h) => [h.n_casa, h.area_casa, h.cuartos])).toEqual([
      [1, 22.5, 2],
      [2, 7, 1],
      [3, 0, 0],
    ]);
    // A question of the same repeat reads its own instance's value.
    expect((houses[0]?.cuarto as Record<string, unknown>[])[1]?.m2_casa).toBe(12.5);
  });

  test("a choice filter's position(..) numbers the select's own instance, whatever was read before", () => {
    // q, checked just before s, sits in a group: position(..) from q would be the group's (1).
    const survey = [
      'type,name,label::es,constraint,choice_filter',
      'begin_repeat,r,R,,',
      'begin_group,g,G,,',
      'integer,q,Q,. > 0,',
      'end_group,,,,',
      "select_one si_no,s,S,,position(..) = 2 or name = 'si'",
      'end_repeat,,,,',
    ].join('\n');
    const filtered = compileForm(readXlsFormCsv({ survey, choices: CHOICES, settings: SETTINGS }));
    const answers = {
      r: [
        { q: 1, s: 'no' },
        { q: 1, s: 'no' },
      ],
    };
    const options = { complete: true, today: '2026-11-01' };
    expect([...evaluateForm(filtered, answers, options).issues.keys()]).toEqual(['r.0.s']);
    expect(submissionIssues(filtered, answers, options).map((issue) => issue.path)).toEqual(['r.0.s']);
  });

  test('indexed-repeat reads one instance; out of range it is empty', () => {
    expect(values.segunda).toBe(7);
    const one = evaluateForm(NESTED, { casa: [{ personas: 1 }] }).values;
    expect(one.segunda).toBeUndefined();
  });

  test('a repeat reached only by a node-set may not be read as a value', () => {
    expect(() =>
      form('begin_repeat,r,R,R,,', 'integer,x,X,X,,', 'end_repeat,,,,,', 'calculate,c,,,,${x} + 1'),
    ).toThrow(/\$\{x\} is inside repeat "r" and cannot be read from outside it/);
    expect(() =>
      form('begin_group,g,G,G,,', 'integer,x,X,X,,', 'end_group,,,,,', 'calculate,c,,,,count(${g})'),
    ).toThrow(/\$\{g\} is a group/);
  });
});

describe('jr:choice-name, now() and the time zone', () => {
  const labels = form('select_one si_no,s,S,S,,', 'calculate,nombre,,,,"jr:choice-name(${s}, \'${s}\')"');

  test('the label in the evaluation language, the default language without one', () => {
    expect(evaluateForm(labels, { s: 'si' }).values.nombre).toBe('Sí');
    expect(evaluateForm(labels, { s: 'si' }, { language: 'en' }).values.nombre).toBe('Yes');
    expect(evaluateForm(labels, { s: 'quizá' }).values.nombre).toBeUndefined();
  });

  test('a question that is not a select is refused at load', () => {
    expect(() => form('text,t,T,T,,', 'calculate,c,,,,"jr:choice-name(${t}, \'${t}\')"')).toThrow(
      /jr:choice-name\(\): \$\{t\} is not a select question/,
    );
  });

  test('now() is the evaluation moment, shown in the given time zone', () => {
    const clock = form('calculate,ahora,,,,"format-date-time(now(), \'%Y-%m-%d %H:%M\')"');
    const options = { now: '2026-05-01T10:00:00.000Z', utcOffset: () => -360 };
    expect(evaluateForm(clock, {}, options).values.ahora).toBe('2026-05-01 04:00');
  });
});

describe('a group made relevant by its own question', () => {
  test('reads that answer as given, then keeps or drops the group', () => {
    const own = form(
      "begin_group,g,G,G,${origen} = 'user',",
      'text,origen,O,O,,',
      'text,otro,O,O,,',
      'end_group,,,,,',
    );
    expect(evaluateForm(own, { origen: 'user', otro: 'x' }).values).toEqual({ origen: 'user', otro: 'x' });
    expect(evaluateForm(own, { origen: 'otro', otro: 'x' }).values).toEqual({});
  });
});
