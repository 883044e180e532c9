import { describe, expect, test } from 'vitest';
import {
  compileForm,
  evaluateForm,
  questionByName,
  submissionIssues,
  validateSubmission,
  visiblePages,
  type CompiledForm,
} from './engine';
import type { Answers } from './form-definition';
import { readXlsFormCsv } from './xlsform-csv';

const HEADER =
  'type,name,label::es,label::en,required,relevant,constraint,constraint_message::es,constraint_message::en,calculation';
const CHOICES =
  'list_name,name,label::es,label::en\nsi_no,si,Sí,Yes\nsi_no,no,No,No\ncolor,rojo,Rojo,Red\ncolor,azul,Azul,Blue\n';
const SETTINGS = 'form_id,version,form_title::es,kind\nprueba,1,Prueba,survey\n';

function form(...rows: string[]): CompiledForm {
  return compileForm(
    readXlsFormCsv({ survey: [HEADER, ...rows].join('\n'), choices: CHOICES, settings: SETTINGS }),
  );
}

const TYPES = form(
  'text,texto,Texto',
  'integer,entero,Entero',
  'decimal,decimal,Decimal',
  'select_one si_no,uno,Uno',
  'select_multiple color,varios,Varios',
  'date,fecha,Fecha',
  'image,foto,Foto',
  'note,nota,Nota',
  'calculate,doble,,,,,,,,${entero} * 2',
);

function issueOf(compiled: CompiledForm, answers: Answers, path: string) {
  return evaluateForm(compiled, answers, { today: '2026-11-01' }).issues.get(path);
}

describe('answer types', () => {
  test.each<[string, Answers, string]>([
    ['texto', { texto: 5 }, 'type'],
    ['entero', { entero: 2.5 }, 'type'],
    ['entero', { entero: '5' }, 'type'],
    ['decimal', { decimal: Number.NaN }, 'type'],
    ['decimal', { decimal: '1.5' }, 'type'],
    ['uno', { uno: 'quizas' }, 'not_a_choice'],
    ['uno', { uno: 1 }, 'type'],
    ['uno', { uno: ['si'] }, 'type'],
    ['varios', { varios: ['rojo', 'verde'] }, 'not_a_choice'],
    ['varios', { varios: ['rojo', 'rojo'] }, 'not_a_choice'],
    ['varios', { varios: 'rojo' }, 'type'],
    ['fecha', { fecha: '2026-02-30' }, 'type'],
    ['fecha', { fecha: '01/11/2026' }, 'type'],
    ['foto', { foto: 3 }, 'type'],
  ])('%s = %j is refused with %s', (path, answers, code) => {
    expect(issueOf(TYPES, answers, path)?.code).toBe(code);
  });

  test('well-typed answers pass and are kept', () => {
    const answers: Answers = {
      texto: 'hola',
      entero: -3,
      decimal: 2.75,
      uno: 'no',
      varios: ['azul', 'rojo'],
      fecha: '2024-02-29',
      foto: 'att_01',
    };
    const evaluation = evaluateForm(TYPES, answers);
    expect(evaluation.issues.size).toBe(0);
    expect(evaluation.values).toEqual({ ...answers, doble: -6 });
  });

  test('type messages are in both languages', () => {
    expect(issueOf(TYPES, { entero: 2.5 }, 'entero')?.message).toEqual({
      es: 'Escriba un número entero',
      en: 'Enter a whole number',
    });
    expect(issueOf(TYPES, { uno: 'x' }, 'uno')?.message).toEqual({
      es: 'Elija una de las opciones',
      en: 'Choose one of the options',
    });
    expect(issueOf(TYPES, { fecha: '2026-13-01' }, 'fecha')?.message).toEqual({
      es: 'Escriba una fecha válida (AAAA-MM-DD)',
      en: 'Enter a valid date (YYYY-MM-DD)',
    });
  });

  test('notes are dropped, calculations overwritten, unknown names reported', () => {
    const evaluation = evaluateForm(TYPES, { nota: 'x', doble: 99, entero: 4, sobra: 'y', constructor: 'z' });
    expect(evaluation.values).toEqual({ entero: 4, doble: 8 });
    expect([...evaluation.issues.values()]).toEqual([
      {
        path: 'sobra',
        code: 'unknown_question',
        message: { es: 'Esta pregunta no existe en el formulario', en: 'This question is not in the form' },
      },
      {
        path: 'constructor',
        code: 'unknown_question',
        message: { es: 'Esta pregunta no existe en el formulario', en: 'This question is not in the form' },
      },
    ]);
  });

  test('blank text and empty selections count as unanswered and are not stored', () => {
    const evaluation = evaluateForm(TYPES, { texto: '   ', varios: [] });
    expect(evaluation.values).toEqual({});
    expect(evaluation.issues.size).toBe(0);
  });
});

describe('required and constraints', () => {
  const compiled = form(
    'integer,edad,Edad,Age,yes,,. >= 0 and . <= 120,Escriba una edad entre 0 y 120,Enter an age between 0 and 120',
    'text,apodo,Apodo,Nickname,no,,string-length(.) <= 5',
    'text,correo,Correo,Email,no,,"regex(., \'@\')",Revise el correo',
    'date,visita,Visita,Visit,no,,. <= today(),No puede ser futura,Cannot be in the future',
  );

  test('a required question left empty has the built-in message', () => {
    expect(issueOf(compiled, {}, 'edad')).toEqual({
      path: 'edad',
      code: 'required',
      message: { es: 'Esta pregunta es obligatoria', en: 'This question is required' },
    });
  });

  test("a failed constraint has the form's message in each language", () => {
    expect(issueOf(compiled, { edad: 130 }, 'edad')).toEqual({
      path: 'edad',
      code: 'constraint',
      message: { es: 'Escriba una edad entre 0 y 120', en: 'Enter an age between 0 and 120' },
    });
    expect(issueOf(compiled, { edad: 120 }, 'edad')).toBeUndefined();
    expect(issueOf(compiled, { edad: 40, correo: 'sin-arroba' }, 'correo')?.message).toEqual({
      es: 'Revise el correo',
    });
  });

  test('a constraint without a message gets the built-in one', () => {
    expect(issueOf(compiled, { edad: 1, apodo: 'Chucho largo' }, 'apodo')).toEqual({
      path: 'apodo',
      code: 'constraint',
      message: { es: 'Respuesta no válida', en: 'Invalid answer' },
    });
  });

  test('constraints apply only to answered questions', () => {
    expect(evaluateForm(compiled, { edad: 1 }).issues.size).toBe(0);
  });

  test('today() comes from the options', () => {
    expect(issueOf(compiled, { edad: 1, visita: '2026-11-02' }, 'visita')?.code).toBe('constraint');
    expect(issueOf(compiled, { edad: 1, visita: '2026-11-01' }, 'visita')).toBeUndefined();
  });
});

describe('submissionIssues', () => {
  const compiled = form(
    'select_one si_no,acepta,Acepta,Accepts,yes',
    "integer,personas,Personas,People,yes,${acepta} = 'si',. >= 1,Al menos 1,At least 1",
    'begin_repeat,ninos,Niños,Children',
    'integer,edad,Edad,Age,yes,,. < 18,Menor,Under 18',
    'select_multiple color,colores,Colores,Colours',
    'end_repeat,,,',
  );
  const cases: [Answers, boolean][] = [
    [{ acepta: 'si', personas: 2, ninos: [{ edad: 4, colores: ['rojo'] }] }, true],
    [{ acepta: 'si', personas: 0, otra: 'x', ninos: [{ edad: 40, colores: ['verde'], z: 1 }, {}] }, true],
    [{ acepta: 'si', personas: 0, otra: 'x', ninos: [{ edad: 40, colores: ['verde'], z: 1 }, {}] }, false],
    [{ acepta: 'talvez', personas: 'dos', ninos: 'ninguno' }, true],
    [{ acepta: 'no', personas: 0 }, false],
  ];

  test.each(cases)(
    'finds what a full evaluation finds, in the same order: %j (complete %s)',
    (answers, complete) => {
      const full = [...evaluateForm(compiled, answers).issues.values()].filter(
        (issue) => complete || issue.code !== 'required',
      );
      expect(submissionIssues(compiled, answers, { complete })).toEqual(full);
      const check = validateSubmission(compiled, answers, { complete });
      expect(check).toEqual(
        full.length === 0 ? { ok: true, answers: expect.any(Object) } : { ok: false, issues: full },
      );
    },
  );

  test('the cases above include valid and refused answers of every kind of issue', () => {
    const codes = cases.flatMap(([answers, complete]) =>
      submissionIssues(compiled, answers, { complete }).map((issue) => issue.code),
    );
    expect(new Set(codes)).toEqual(
      new Set(['required', 'constraint', 'type', 'not_a_choice', 'unknown_question']),
    );
    expect(
      cases.some(([answers, complete]) => submissionIssues(compiled, answers, { complete }).length === 0),
    ).toBe(true);
  });
});

describe('validateSubmission', () => {
  const compiled = form(
    'select_one si_no,acepta,Acepta,Accepts,yes',
    "integer,personas,Personas,People,yes,${acepta} = 'si',. >= 1,Al menos 1,At least 1",
    "text,motivo,Motivo,Reason,yes,${acepta} = 'si'",
  );

  test('a complete response needs every relevant required answer', () => {
    expect(validateSubmission(compiled, { acepta: 'si', personas: 2 }, { complete: true })).toEqual({
      ok: false,
      issues: [
        {
          path: 'motivo',
          code: 'required',
          message: { es: 'Esta pregunta es obligatoria', en: 'This question is required' },
        },
      ],
    });
    expect(
      validateSubmission(compiled, { acepta: 'si', personas: 2, motivo: 'comer' }, { complete: true }),
    ).toEqual({
      ok: true,
      answers: { acepta: 'si', personas: 2, motivo: 'comer' },
    });
  });

  test('returns the cleaned answers: non-relevant ones removed', () => {
    expect(
      validateSubmission(compiled, { acepta: 'no', personas: 2, motivo: 'comer' }, { complete: true }),
    ).toEqual({
      ok: true,
      answers: { acepta: 'no' },
    });
  });

  test('an incomplete response skips required but still refuses bad answers', () => {
    expect(validateSubmission(compiled, { acepta: 'si' }, { complete: false })).toEqual({
      ok: true,
      answers: { acepta: 'si' },
    });
    const result = validateSubmission(compiled, { acepta: 'si', personas: 0, otra: 1 }, { complete: false });
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: 'otra',
          code: 'unknown_question',
          message: { es: 'Esta pregunta no existe en el formulario', en: 'This question is not in the form' },
        },
        { path: 'personas', code: 'constraint', message: { es: 'Al menos 1', en: 'At least 1' } },
      ],
    });
  });
});

describe('calculations', () => {
  test('numbers stay numbers; empty and NaN results are omitted; booleans become text', () => {
    const compiled = form(
      'integer,a,A',
      'calculate,suma,,,,,,,,${a} + 1',
      "calculate,texto,,,,,,,,\"if(${a} > 1, 'mucho', '')\"",
      'calculate,es_uno,,,,,,,,${a} = 1',
    );
    expect(evaluateForm(compiled, { a: 1 }).values).toEqual({ a: 1, suma: 2, es_uno: 'true' });
    expect(evaluateForm(compiled, { a: 3 }).values).toEqual({
      a: 3,
      suma: 4,
      texto: 'mucho',
      es_uno: 'false',
    });
    expect(evaluateForm(compiled, {}).values).toEqual({ es_uno: 'false' });
  });

  test('relevance may depend on a calculation further down the form', () => {
    const compiled = form(
      'integer,ninos,Niños',
      'text,aviso_grupo,Grupo grande,,,${total} > 10',
      'integer,adultos,Adultos',
      'calculate,total,,,,,,,,"coalesce(${ninos}, 0) + coalesce(${adultos}, 0)"',
    );
    const evaluation = evaluateForm(compiled, { ninos: 8, adultos: 4, aviso_grupo: 'sí' });
    expect(evaluation.relevant.has('aviso_grupo')).toBe(true);
    expect(evaluation.values).toEqual({ ninos: 8, adultos: 4, aviso_grupo: 'sí', total: 12 });
    expect(evaluateForm(compiled, { ninos: 8, aviso_grupo: 'sí' }).values).toEqual({ ninos: 8, total: 8 });
  });

  test('a calculation inside a non-relevant group is omitted', () => {
    const compiled = form(
      'select_one si_no,s,S',
      "begin_group,g,G,,,${s} = 'si'",
      'calculate,c,,,,,,,,1 + 1',
      'end_group,g',
    );
    expect(evaluateForm(compiled, { s: 'si' }).values).toEqual({ s: 'si', c: 2 });
    expect(evaluateForm(compiled, { s: 'no' }).values).toEqual({ s: 'no' });
  });
});

describe('repeats', () => {
  const compiled = form(
    'integer,minimo,Mínimo',
    'select_one si_no,hay,¿Hay productos?',
    "begin_repeat,productos,Productos,,,${hay} = 'si'",
    'text,producto,Producto,,yes',
    'integer,cantidad,Cantidad,,yes,,". >= coalesce(${minimo}, 0)",Muy poco',
    "select_one color,color,Color,,yes,${producto} = 'tela'",
    'end_repeat,productos',
    'note,fin,Fin',
  );

  test('${name} inside an instance reads that instance first, then the top level', () => {
    const answers: Answers = {
      minimo: 2,
      hay: 'si',
      productos: [
        { producto: 'tela', cantidad: 3, color: 'rojo' },
        { producto: 'hilo', cantidad: 1, color: 'azul' },
      ],
    };
    const evaluation = evaluateForm(compiled, answers);
    expect(evaluation.values).toEqual({
      minimo: 2,
      hay: 'si',
      productos: [
        { producto: 'tela', cantidad: 3, color: 'rojo' },
        { producto: 'hilo', cantidad: 1 },
      ],
    });
    expect([...evaluation.issues.values()]).toEqual([
      { path: 'productos.1.cantidad', code: 'constraint', message: { es: 'Muy poco' } },
    ]);
    expect(evaluation.relevant.has('productos.0.color')).toBe(true);
    expect(evaluation.relevant.has('productos.1.color')).toBe(false);
  });

  test('required questions in each instance, and unknown names inside instances', () => {
    const evaluation = evaluateForm(compiled, { hay: 'si', productos: [{ producto: 'tela', otro: 1 }] });
    expect([...evaluation.issues.keys()]).toEqual([
      'productos.0.otro',
      'productos.0.cantidad',
      'productos.0.color',
    ]);
  });

  test('a non-relevant repeat is removed with all its instances', () => {
    const evaluation = evaluateForm(compiled, {
      hay: 'no',
      productos: [{ producto: 'tela', cantidad: 'x' }],
    });
    expect(evaluation.values).toEqual({ hay: 'no' });
    expect(evaluation.issues.size).toBe(0);
  });

  test('a repeat answered with something other than instances is a type issue', () => {
    expect(issueOf(compiled, { hay: 'si', productos: 'tela' }, 'productos')?.code).toBe('type');
  });

  test('pages: one per question per instance, with the repeat index; notes included', () => {
    const evaluation = evaluateForm(compiled, {
      hay: 'si',
      productos: [{ producto: 'tela' }, { producto: 'hilo' }],
    });
    const pages = visiblePages(compiled, evaluation);
    expect(pages.map((p) => p.path)).toEqual([
      'minimo',
      'hay',
      'productos.0.producto',
      'productos.0.cantidad',
      'productos.0.color',
      'productos.1.producto',
      'productos.1.cantidad',
      'fin',
    ]);
    expect(pages[3]).toMatchObject({
      repeat: { name: 'productos', index: 0 },
      question: { name: 'cantidad' },
    });
    expect(pages[3]?.groups.map((g) => g.name)).toEqual(['productos']);
    expect(pages[0]?.repeat).toBeUndefined();
  });
});

describe('visiblePages and questionByName', () => {
  const compiled = form(
    'select_one si_no,sigue,Sigue',
    "begin_group,exterior,Exterior,,,${sigue} = 'si'",
    'begin_group,interior,Interior',
    'text,dato,Dato',
    'calculate,oculto,,,,,,,,1',
    'end_group,interior',
    'end_group,exterior',
  );

  test('pages carry their groups outermost first and leave out calculations', () => {
    const pages = visiblePages(compiled, evaluateForm(compiled, { sigue: 'si' }));
    expect(pages.map((p) => [p.path, p.groups.map((g) => g.name)])).toEqual([
      ['sigue', []],
      ['dato', ['exterior', 'interior']],
    ]);
    expect(visiblePages(compiled, evaluateForm(compiled, { sigue: 'no' })).map((p) => p.path)).toEqual([
      'sigue',
    ]);
  });

  test('relevant holds groups and questions', () => {
    expect([...evaluateForm(compiled, { sigue: 'si' }).relevant]).toEqual([
      'sigue',
      'exterior',
      'interior',
      'dato',
      'oculto',
    ]);
  });

  test('questionByName finds questions only', () => {
    expect(questionByName(compiled, 'dato')).toMatchObject({ type: 'text', label: { es: 'Dato' } });
    expect(questionByName(compiled, 'interior')).toBeUndefined();
    expect(questionByName(compiled, 'toString')).toBeUndefined();
  });
});
