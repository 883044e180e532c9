// Skip paths, calculations, constraints and required answers of the three real forms.
import { describe, expect, test } from 'vitest';
import { compileForm, evaluateForm, validateSubmission, visiblePages, type CompiledForm } from './engine';
import type { Answers } from './form-definition';
import { demoFormSheets, type DemoForm } from './node/demo-forms';
import { SURVEY_LONGEST_PATH } from './node/sample-answers';
import { readXlsFormCsv } from './xlsform-csv';

const TODAY = '2026-11-01';

function load(name: DemoForm): CompiledForm {
  return compileForm(readXlsFormCsv(demoFormSheets(name)));
}

function evaluate(form: CompiledForm, answers: Answers) {
  return evaluateForm(form, answers, { today: TODAY });
}

function pagePaths(form: CompiledForm, answers: Answers): string[] {
  return visiblePages(form, evaluate(form, answers)).map((page) => page.path);
}

function issues(form: CompiledForm, answers: Answers): Record<string, string> {
  return Object.fromEntries([...evaluate(form, answers).issues].map(([path, issue]) => [path, issue.code]));
}

describe('economic-impact survey', () => {
  const form = load('encuesta-impacto-economico');
  const visitor = SURVEY_LONGEST_PATH;

  test('the longest path is valid and totals the spending', () => {
    expect(validateSubmission(form, visitor, { complete: true })).toEqual({
      ok: true,
      answers: { ...visitor, gasto_total: 2750.5 },
    });
    expect(pagePaths(form, visitor)).toEqual([
      'intro',
      'acepta',
      'pais',
      'estado',
      'municipio',
      'edad',
      'sexo',
      'escolaridad',
      'primera_vez',
      'veces_anteriores',
      'como_se_entero',
      'como_se_entero_otro',
      'motivo',
      'tamano_grupo',
      'transporte',
      'pernocta',
      'noches',
      'hospedaje',
      'gasto_alimentos',
      'gasto_artesanias',
      'gasto_hospedaje',
      'gasto_transporte',
      'gasto_otros',
      'satisfaccion',
      'recomendaria',
      'comentarios',
    ]);
  });

  test('declining ends the survey: every other answer is removed', () => {
    const declined = { ...visitor, acepta: 'no' };
    const evaluation = evaluate(form, declined);
    expect(evaluation.values).toEqual({ acepta: 'no' });
    expect([...evaluation.relevant]).toEqual(['intro', 'acepta']);
    expect(evaluation.issues.size).toBe(0);
    expect(pagePaths(form, declined)).toEqual(['intro', 'acepta']);
    expect(validateSubmission(form, { acepta: 'no' }, { complete: true })).toEqual({
      ok: true,
      answers: { acepta: 'no' },
    });
  });

  test('before acepta is answered only the intro and the question show, and acepta is required', () => {
    expect(pagePaths(form, {})).toEqual(['intro', 'acepta']);
    expect(issues(form, {})).toEqual({ acepta: 'required' });
  });

  test('living outside Mexico skips estado and municipio', () => {
    const abroad = { ...visitor, pais: 'us' };
    const evaluation = evaluate(form, abroad);
    expect(evaluation.relevant.has('estado')).toBe(false);
    expect(evaluation.relevant.has('municipio')).toBe(false);
    expect(evaluation.values).not.toHaveProperty('estado');
    expect(evaluation.values).not.toHaveProperty('municipio');
    expect(evaluation.issues.size).toBe(0);
  });

  test('municipio is asked only for Hidalgo', () => {
    expect(pagePaths(form, { acepta: 'si', pais: 'mx', estado: 'hgo' })).toContain('municipio');
    const jalisco = pagePaths(form, { acepta: 'si', pais: 'mx', estado: 'jal' });
    expect(jalisco).toContain('estado');
    expect(jalisco).not.toContain('municipio');
    expect(issues(form, { ...visitor, estado: 'jal' })).toEqual({});
    const { municipio: _omitted, ...noMunicipio } = visitor;
    expect(issues(form, noMunicipio)).toEqual({ municipio: 'required' });
  });

  test('veces_anteriores only for returning visitors', () => {
    expect(pagePaths(form, { acepta: 'si', primera_vez: 'no' })).toContain('veces_anteriores');
    expect(pagePaths(form, { acepta: 'si', primera_vez: 'si' })).not.toContain('veces_anteriores');
    expect(evaluate(form, { ...visitor, primera_vez: 'si' }).values).not.toHaveProperty('veces_anteriores');
    const { veces_anteriores: _omitted, ...missing } = visitor;
    expect(issues(form, missing)).toEqual({ veces_anteriores: 'required' });
  });

  test("como_se_entero_otro only when 'otro' is chosen", () => {
    expect(pagePaths(form, { acepta: 'si', como_se_entero: ['web', 'otro'] })).toContain(
      'como_se_entero_otro',
    );
    const onlyWeb = { ...visitor, como_se_entero: ['web'] };
    expect(pagePaths(form, onlyWeb)).not.toContain('como_se_entero_otro');
    expect(evaluate(form, onlyWeb).values).not.toHaveProperty('como_se_entero_otro');
  });

  test('staying overnight asks noches, hospedaje and gasto_hospedaje; not staying drops them from the total', () => {
    for (const path of ['noches', 'hospedaje', 'gasto_hospedaje']) {
      expect(pagePaths(form, { acepta: 'si', pernocta: 'si' })).toContain(path);
      expect(pagePaths(form, { acepta: 'si', pernocta: 'no' })).not.toContain(path);
    }
    // The visitor changed their mind after entering lodging spending: it no longer counts.
    const dayTrip = evaluate(form, { ...visitor, pernocta: 'no' });
    expect(dayTrip.values).not.toHaveProperty('noches');
    expect(dayTrip.values).not.toHaveProperty('gasto_hospedaje');
    expect(dayTrip.values.gasto_total).toBe(1550.5);
    expect(dayTrip.issues.size).toBe(0);
  });

  test('gasto_total counts unanswered amounts as 0', () => {
    expect(
      evaluate(form, { acepta: 'si', gasto_alimentos: 120, gasto_otros: 30.25 }).values.gasto_total,
    ).toBe(150.25);
    expect(evaluate(form, { acepta: 'si' }).values.gasto_total).toBe(0);
  });

  test('constraint messages in Spanish and English', () => {
    const evaluation = evaluate(form, {
      ...visitor,
      veces_anteriores: 0,
      recomendaria: 11,
      comentarios: 'x'.repeat(501),
    });
    expect(Object.fromEntries([...evaluation.issues].map(([path, issue]) => [path, issue.message]))).toEqual({
      veces_anteriores: { es: 'Escriba un número entre 1 y 60', en: 'Enter a number between 1 and 60' },
      recomendaria: { es: 'Escriba un número del 0 al 10', en: 'Enter a number from 0 to 10' },
      comentarios: { es: 'Máximo 500 caracteres', en: '500 characters at most' },
    });
    expect(issues(form, { ...visitor, comentarios: 'x'.repeat(500), gasto_otros: -1 })).toEqual({
      gasto_otros: 'constraint',
    });
  });

  test('a decimal amount where a whole number is needed is a type issue', () => {
    expect(issues(form, { ...visitor, tamano_grupo: 2.5 })).toEqual({ tamano_grupo: 'type' });
  });
});

describe('visitor registration', () => {
  const form = load('registro-visitantes');
  const base: Answers = { acepta_aviso: 'si', estado: 'cdmx' };

  test('individual: name and age, no school or group questions', () => {
    expect(pagePaths(form, { ...base, tipo_visitante: 'individual' })).toEqual([
      'aviso',
      'acepta_aviso',
      'tipo_visitante',
      'nombre',
      'edad',
      'correo',
      'estado',
      'intereses',
    ]);
    expect(issues(form, { ...base, tipo_visitante: 'individual' })).toEqual({
      nombre: 'required',
      edad: 'required',
    });
  });

  test('family: name and how many children and adults, no age', () => {
    expect(pagePaths(form, { ...base, tipo_visitante: 'familia' })).toEqual([
      'aviso',
      'acepta_aviso',
      'tipo_visitante',
      'nombre',
      'ninos',
      'adultos',
      'correo',
      'estado',
      'intereses',
    ]);
  });

  test('school: school, code, teacher and counts, no personal name', () => {
    const school: Answers = {
      ...base,
      tipo_visitante: 'escuela',
      nombre: 'Ana',
      edad: '30_59',
      escuela: 'Primaria Benito Juárez',
      cct: '13DPR0001X',
      responsable: 'Mtra. López',
      ninos: 32,
      adultos: 3,
    };
    expect(pagePaths(form, school)).toEqual([
      'aviso',
      'acepta_aviso',
      'tipo_visitante',
      'escuela',
      'cct',
      'responsable',
      'ninos',
      'adultos',
      'correo',
      'estado',
      'intereses',
    ]);
    const { nombre: _n, edad: _e, ...kept } = school;
    expect(validateSubmission(form, school, { complete: true })).toEqual({ ok: true, answers: kept });
  });

  test('the school code must look like 13DPR0001X', () => {
    const school: Answers = {
      ...base,
      tipo_visitante: 'escuela',
      escuela: 'Primaria',
      responsable: 'Mtro. Pérez',
      ninos: 20,
      adultos: 2,
    };
    expect(issues(form, { ...school, cct: '13DPR0001X' })).toEqual({});
    expect(evaluate(form, { ...school, cct: '13dpr0001x' }).issues.get('cct')).toEqual({
      path: 'cct',
      code: 'constraint',
      message: {
        es: 'La clave tiene 10 caracteres como 13DPR0001X',
        en: 'The code has 10 characters like 13DPR0001X',
      },
    });
  });

  test('boletin only when an email is given; a bad email is refused', () => {
    const person: Answers = { ...base, tipo_visitante: 'individual', nombre: 'Ana', edad: '18_29' };
    expect(pagePaths(form, person)).not.toContain('boletin');
    expect(evaluate(form, { ...person, boletin: 'si' }).values).not.toHaveProperty('boletin');
    expect(pagePaths(form, { ...person, correo: 'ana@example.mx' })).toContain('boletin');
    expect(evaluate(form, { ...person, correo: 'ana@' }).issues.get('correo')?.message).toEqual({
      es: 'Revise el correo',
      en: 'Check the email address',
    });
  });

  test('refusing the privacy notice fails its constraint', () => {
    const evaluation = evaluate(form, {
      ...base,
      acepta_aviso: 'no',
      tipo_visitante: 'individual',
      nombre: 'Ana',
      edad: '18_29',
    });
    expect([...evaluation.issues.values()]).toEqual([
      {
        path: 'acepta_aviso',
        code: 'constraint',
        message: {
          es: 'Para registrarse debe aceptar el aviso',
          en: 'You must accept the notice to register',
        },
      },
    ]);
  });

  test('municipio only for Hidalgo, and the name must have 2 to 80 characters', () => {
    expect(pagePaths(form, { ...base, estado: 'hgo' })).toContain('municipio');
    expect(
      evaluate(form, { ...base, tipo_visitante: 'familia', nombre: 'A' }).issues.get('nombre')?.message,
    ).toEqual({
      es: 'Escriba entre 2 y 80 caracteres',
      en: 'Enter 2 to 80 characters',
    });
  });
});

describe('heritage record', () => {
  const form = load('patrimonio-inmaterial');
  const record: Answers = {
    consiente_registro: 'si',
    consiente_fotos: 'si',
    consiente_publicacion: 'no',
    nombre_portador: 'Doña Rosa Martínez',
    rol_portador: 'cocinera',
    comunidad: 'El Mezquital',
    municipio: 'santiago_de_anaya',
    lenguas: ['espanol', 'hnahnu'],
    ambito: 'cocina',
    nombre_practica: 'Escamoles a la mantequilla',
    descripcion: 'Larvas de hormiga guisadas con mantequilla, epazote y chile verde.',
    ingredientes: [
      { ingrediente: 'Escamoles', ingrediente_origen: 'recoleccion', ingrediente_temporada: ['primavera'] },
      { ingrediente: 'Epazote', ingrediente_origen: 'cultivo' },
    ],
    fotos: [{ foto: 'att_0001', pie_foto: 'Doña Rosa en su cocina' }],
    riesgo: 'vigente',
    registrado_por: 'Luis Hernández',
  };

  test('a full record is valid', () => {
    expect(validateSubmission(form, record, { complete: true })).toEqual({ ok: true, answers: record });
  });

  test('a refusal is a minimal record: consent, who asked, nothing else', () => {
    const refusal = { ...record, consiente_registro: 'no' };
    const evaluation = evaluate(form, refusal);
    expect([...evaluation.relevant]).toEqual(['consentimiento', 'consiente_registro', 'registrado_por']);
    expect(validateSubmission(form, refusal, { complete: true })).toEqual({
      ok: true,
      answers: { consiente_registro: 'no', registrado_por: 'Luis Hernández' },
    });
  });

  test('ingredients are asked for cuisine and crafts only', () => {
    const oral = evaluate(form, { ...record, ambito: 'tradicion_oral' });
    expect(oral.relevant.has('ingredientes')).toBe(false);
    expect(oral.values).not.toHaveProperty('ingredientes');
    expect(
      evaluate(form, { ...record, ambito: 'artesania' }).relevant.has('ingredientes.1.ingrediente'),
    ).toBe(true);

    const pages = visiblePages(form, evaluate(form, record)).filter(
      (page) => page.repeat?.name === 'ingredientes',
    );
    expect(pages.map((page) => page.path)).toEqual([
      'ingredientes.0.ingrediente',
      'ingredientes.0.ingrediente_nombre_local',
      'ingredientes.0.ingrediente_origen',
      'ingredientes.0.ingrediente_temporada',
      'ingredientes.1.ingrediente',
      'ingredientes.1.ingrediente_nombre_local',
      'ingredientes.1.ingrediente_origen',
      'ingredientes.1.ingrediente_temporada',
    ]);
  });

  test('each ingredient instance is checked on its own', () => {
    const evaluation = evaluate(form, {
      ...record,
      ingredientes: [{ ingrediente: 'Escamoles', ingrediente_origen: 'robado' }, { ingrediente: '' }],
    });
    expect(Object.fromEntries([...evaluation.issues].map(([path, issue]) => [path, issue.code]))).toEqual({
      'ingredientes.0.ingrediente_origen': 'not_a_choice',
      'ingredientes.1.ingrediente': 'required',
      'ingredientes.1.ingrediente_origen': 'required',
    });
  });

  test('photos only with consent to photographs', () => {
    const noPhotos = evaluate(form, { ...record, consiente_fotos: 'no' });
    expect(noPhotos.relevant.has('fotos')).toBe(false);
    expect(noPhotos.values).not.toHaveProperty('fotos');
    expect(noPhotos.issues.size).toBe(0);
    expect(issues(form, { ...record, fotos: [{ pie_foto: 'sin foto' }] })).toEqual({
      'fotos.0.foto': 'required',
    });
  });

  test("lengua_otra only when 'otra' is among the languages", () => {
    expect(issues(form, { ...record, lenguas: ['nahuatl', 'otra'] })).toEqual({ lengua_otra: 'required' });
    expect(evaluate(form, { ...record, lengua_otra: 'Tének' }).values).not.toHaveProperty('lengua_otra');
  });
});
