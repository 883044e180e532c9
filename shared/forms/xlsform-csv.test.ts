import { describe, expect, test } from 'vitest';
import type { FormNode, Group, Question } from './form-definition';
import { FormSheetError } from './form-sheet-error';
import { demoFormSheets } from './node/demo-forms';
import { readXlsFormCsv, type XlsFormCsvSheets } from './xlsform-csv';

const SETTINGS =
  'form_id,version,form_title::es,form_title::en,default_language,kind\nprueba,1,Prueba,Test,es,survey\n';
const CHOICES = 'list_name,name,label::es,label::en\nsi_no,si,Sí,Yes\nsi_no,no,No,No\n';
const SURVEY_HEADER =
  'type,name,label::es,label::en,required,relevant,constraint,constraint_message::es,calculation';

/** A form whose survey rows follow SURVEY_HEADER; the header is row 1. */
function sheets(surveyRows: string[], overrides: Partial<XlsFormCsvSheets> = {}): XlsFormCsvSheets {
  return {
    survey: [SURVEY_HEADER, ...surveyRows].join('\n'),
    choices: CHOICES,
    settings: SETTINGS,
    ...overrides,
  };
}

function sheetError(input: XlsFormCsvSheets): FormSheetError {
  try {
    readXlsFormCsv(input);
  } catch (err) {
    if (err instanceof FormSheetError) return err;
    throw err;
  }
  throw new Error('the form was accepted');
}

function flatten(nodes: FormNode[]): FormNode[] {
  return nodes.flatMap((node) => (node.kind === 'question' ? [node] : [node, ...flatten(node.children)]));
}

function findQuestion(nodes: FormNode[], name: string): Question {
  const node = flatten(nodes).find((n) => n.name === name);
  if (node?.kind !== 'question') throw new Error(`no question named ${name}`);
  return node;
}

function findGroup(nodes: FormNode[], name: string): Group {
  const node = flatten(nodes).find((n) => n.name === name);
  if (node === undefined || node.kind === 'question') throw new Error(`no group named ${name}`);
  return node;
}

describe('the demo forms', () => {
  test('economic-impact survey', () => {
    const form = readXlsFormCsv(demoFormSheets('encuesta-impacto-economico'));
    expect(form).toMatchObject({
      formId: 'encuesta_impacto_economico',
      version: '2026110101',
      kind: 'survey',
      defaultLanguage: 'es',
      languages: ['es', 'en'],
      title: {
        es: 'Encuesta de impacto económico — Muestra Gastronómica',
        en: 'Economic impact survey — Food Fair',
      },
    });
    expect(form.children.map((n) => `${n.kind}:${n.name}`)).toEqual([
      'question:intro',
      'question:acepta',
      'group:procedencia',
      'group:perfil',
      'group:visita',
      'group:gasto',
      'group:opinion',
    ]);
    expect(flatten(form.children).filter((n) => n.kind === 'question')).toHaveLength(27);
    expect(findQuestion(form.children, 'como_se_entero')).toEqual<Question>({
      kind: 'question',
      type: 'select_multiple',
      name: 'como_se_entero',
      label: { es: '¿Cómo se enteró de la Muestra?', en: 'How did you hear about the Fair?' },
      hint: { es: 'Puede elegir varias', en: 'You can choose several' },
      listName: 'medio_enterado',
      required: true,
      pii: false,
      row: 17,
    });
    expect(findQuestion(form.children, 'veces_anteriores')).toMatchObject({
      type: 'integer',
      relevant: "${primera_vez} = 'no'",
      constraint: '. >= 1 and . <= 60',
      constraintMessage: { es: 'Escriba un número entre 1 y 60', en: 'Enter a number between 1 and 60' },
    });
    expect(findGroup(form.children, 'gasto')).toMatchObject<Partial<Group>>({
      hint: { es: 'Si no gastó en algo escriba 0', en: 'If you spent nothing on an item enter 0' },
      relevant: "${acepta} = 'si'",
      row: 26,
    });
    expect(findQuestion(form.children, 'gasto_total')).toMatchObject({
      type: 'calculate',
      label: {},
      calculation:
        'coalesce(${gasto_alimentos}, 0) + coalesce(${gasto_artesanias}, 0) + coalesce(${gasto_hospedaje}, 0) + coalesce(${gasto_transporte}, 0) + coalesce(${gasto_otros}, 0)',
    });
    expect(findQuestion(form.children, 'satisfaccion').appearance).toBe('likert');
    expect(findQuestion(form.children, 'comentarios')).toMatchObject({
      appearance: 'multiline',
      required: false,
    });
    expect(form.choices.estado).toHaveLength(32);
    expect(form.choices.escala5?.[4]).toEqual({
      name: '5',
      label: { es: 'Muy satisfecho', en: 'Very satisfied' },
    });
  });

  test('visitor registration', () => {
    const form = readXlsFormCsv(demoFormSheets('registro-visitantes'));
    expect(form).toMatchObject({
      formId: 'registro_visitantes',
      kind: 'registration',
      languages: ['es', 'en'],
    });
    const pii = flatten(form.children).filter((n): n is Question => n.kind === 'question' && n.pii);
    expect(pii.map((q) => q.name)).toEqual(['nombre', 'responsable', 'correo']);
    expect(findQuestion(form.children, 'aviso')).toMatchObject({
      type: 'note',
      appearance: 'privacy-notice',
    });
    expect(findQuestion(form.children, 'correo').constraint).toBe(
      "regex(., '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')",
    );
    expect(form.choices.tipo_visitante?.map((c) => c.name)).toEqual(['individual', 'familia', 'escuela']);
  });

  test('heritage record', () => {
    const form = readXlsFormCsv(demoFormSheets('patrimonio-inmaterial'));
    expect(form).toMatchObject({ formId: 'patrimonio_inmaterial', kind: 'heritage' });
    const ingredientes = findGroup(form.children, 'ingredientes');
    expect(ingredientes.relevant).toBe("${ambito} = 'cocina' or ${ambito} = 'artesania'");
    expect(ingredientes.children.map((n) => n.name)).toEqual([
      'ingrediente',
      'ingrediente_nombre_local',
      'ingrediente_origen',
      'ingrediente_temporada',
    ]);
    expect(findGroup(form.children, 'fotos').children[0]).toMatchObject({
      type: 'image',
      name: 'foto',
      required: true,
    });
    expect(findQuestion(form.children, 'nombre_portador').pii).toBe(true);
    expect(form.children.at(-1)?.name).toBe('registrado_por');
  });
});

describe('sheet variants', () => {
  test('bare label / hint columns are the default language; "Name (xx)" suffixes name a language', () => {
    const form = readXlsFormCsv({
      survey: 'type,name,label,label::English (en),hint,required\ntext,nombre,Nombre,Name,Completo,YES\n',
      choices: 'list_name,name,label\n',
      settings: 'form_id,version,form_title,kind\nprueba,7,Prueba,registration\n',
    });
    expect(form).toMatchObject({ defaultLanguage: 'es', languages: ['es', 'en'], title: { es: 'Prueba' } });
    expect(form.children[0]).toMatchObject({
      label: { es: 'Nombre', en: 'Name' },
      hint: { es: 'Completo' },
      required: true,
    });
  });

  test('`begin group` with a space, empty end names and blank rows are accepted', () => {
    const form = readXlsFormCsv(
      sheets(['begin group,g,Grupo', '', 'text,a,A', ',,,,,,,,', 'end group,,,,,,,,', 'note,n,Fin']),
    );
    expect(form.children.map((n) => n.name)).toEqual(['g', 'n']);
    expect(findQuestion(form.children, 'a').row).toBe(4);
  });

  test('English as the default language', () => {
    const form = readXlsFormCsv(
      sheets(['text,a,A es,A en'], {
        settings: 'form_id,version,form_title::en,default_language,kind\nprueba,1,Test,en,survey\n',
      }),
    );
    expect(form).toMatchObject({ defaultLanguage: 'en', languages: ['en', 'es'], title: { en: 'Test' } });
  });
});

describe('malformed sheets are refused at their location', () => {
  test.each<[string, XlsFormCsvSheets, string]>([
    [
      'unknown type',
      sheets(['text,a,A', 'foo,b,B']),
      'survey!A3, column "type": unknown question type "foo"',
    ],
    [
      'type with a stray word',
      sheets(['integer big,a,A']),
      'survey!A2, column "type": unknown question type "integer big"',
    ],
    ['missing type', sheets([',a,A']), 'survey!A2, column "type": missing value'],
    ['missing name', sheets(['text,,Nombre']), 'survey!B2, column "name": missing value'],
    [
      'invalid name',
      sheets(['text,mi nombre,Nombre']),
      'survey!B2, column "name": "mi nombre" is not a valid name (a letter or _, then letters, digits, _ . -; at most 255)',
    ],
    [
      'a name two rows share, referred to as ${name}',
      sheets(['text,a,A', 'begin_group,g,G', 'integer,a,A2', 'end_group,g', 'text,b,B,,,${a} = 1']),
      'survey!F6, column "relevant": ${a} is ambiguous: rows 2, 4 are all named "a"; use its path, e.g. /data/g/a',
    ],
    [
      'unknown choice list',
      sheets(['select_one colores,a,A']),
      'survey!A2, column "type": unknown choice list "colores"',
    ],
    [
      'select without a list',
      sheets(['select_multiple,a,A']),
      'survey!A2, column "type": select_multiple needs a choice list name, as in "select_multiple si_no"',
    ],
    [
      'end_group without begin',
      sheets(['text,a,A', 'end_group,g']),
      'survey!A3, column "type": end_group without a matching begin_group',
    ],
    [
      'group never closed',
      sheets(['begin_group,g,G', 'text,a,A']),
      'survey!A2, column "type": begin_group "g" is never closed',
    ],
    [
      'end_repeat closing a group',
      sheets(['begin_group,g,G', 'text,a,A', 'end_repeat,g']),
      'survey!A4, column "type": end_repeat closes begin_group "g" (row 2)',
    ],
    [
      'required that is neither yes/no nor an expression',
      sheets(['text,a,A,,maybe']),
      'survey!E2, column "required": unexpected word "maybe"; refer to a question as ${maybe} (at character 1)',
    ],
    ['missing label', sheets(['text,a,,Name']), 'survey!C2, column "label::es": missing label'],
    [
      'calculate without calculation',
      sheets(['calculate,total']),
      'survey!I2, column "calculation": a calculate row needs a calculation',
    ],
    [
      'duplicate column',
      { ...sheets([]), survey: 'type,name,label,label::es\ntext,a,A,A\n' },
      'survey!D1, column "label::es": duplicate column (same language as "label")',
    ],
    [
      'missing survey column',
      { ...sheets([]), survey: 'type,label::es\ntext,A\n' },
      'survey sheet, row 1, column "name": missing column',
    ],
    [
      'empty survey',
      { ...sheets([]), survey: SURVEY_HEADER },
      'survey sheet, row 2: the survey has no questions',
    ],
    [
      'unclosed quote',
      { ...sheets([]), survey: `${SURVEY_HEADER}\ntext,a,"A\n` },
      'survey sheet, row 2: quoted field is never closed',
    ],
    [
      'relevant syntax error',
      sheets(['text,a,A', "text,b,B,,,${a} = 'x' and"]),
      'survey!F3, column "relevant": expected a value but found the end of the expression (at character 15)',
    ],
    [
      'unknown function in a constraint',
      sheets(["text,a,A,,,,upper(.) = 'A'"]),
      'survey!G2, column "constraint": unknown function "upper()" (at character 1)',
    ],
    [
      'wrong arity in a calculation',
      sheets(['integer,a,A', 'calculate,c,,,,,,,coalesce(${a})']),
      'survey!I3, column "calculation": coalesce() takes 2 arguments, not 1 (at character 1)',
    ],
    [
      'unknown ${name} in a calculation',
      sheets(['integer,a,A', 'calculate,c,,,,,,,${a} + ${nada}']),
      'survey!I3, column "calculation": ${nada} is not a question of this form',
    ],
    [
      'unknown ${name} in a constraint',
      sheets(['integer,a,A,,,,. < ${limite}']),
      'survey!G2, column "constraint": ${limite} is not a question of this form',
    ],
    [
      'reference to a group',
      sheets(['begin_group,g,G', 'text,a,A', 'end_group,g', "text,b,B,,,${g} = ''"]),
      'survey!F5, column "relevant": ${g} is a group; only questions can be referred to',
    ],
    [
      'reference into a repeat from outside',
      sheets(['begin_repeat,r,R', 'text,a,A', 'end_repeat,r', "text,b,B,,,${a} = 'x'"]),
      'survey!F5, column "relevant": ${a} is inside repeat "r" and cannot be read from outside it (use indexed-repeat(), sum() or count())',
    ],
    [
      'circular relevance',
      sheets(["text,a,A,,,${b} = 'x'", "text,b,B,,,${a} = 'y'"]),
      'survey!F2, column "relevant": circular reference: a → b → a',
    ],
    [
      'a calculation reading itself',
      sheets(['calculate,c,,,,,,,${c} + 1']),
      'survey!I2, column "calculation": circular reference: c → c',
    ],
    [
      'two questions relevant on each other',
      sheets(["text,a,A,,,${b} = 'x'", "text,b,B,,,${a} = 'y'"]),
      'survey!F2, column "relevant": circular reference: a → b → a',
    ],
    [
      'choices: missing name',
      { ...sheets(['text,a,A']), choices: 'list_name,name,label::es\nsi_no,,Sí\n' },
      'choices!B2, column "name": missing value',
    ],
    [
      'choices: name with a space',
      { ...sheets(['text,a,A']), choices: 'list_name,name,label::es\nsi_no,sí claro,Sí\n' },
      'choices!B2, column "name": "sí claro" contains spaces',
    ],
    [
      'choices: duplicate choice',
      { ...sheets(['text,a,A']), choices: `${CHOICES}si_no,si,Sí otra vez,Yes again\n` },
      'choices!B4, column "name": duplicate choice "si" in list "si_no" (first on row 2; allow_choice_duplicates permits it)',
    ],
    [
      'settings: bad kind',
      { ...sheets(['text,a,A']), settings: 'form_id,version,form_title::es,kind\nprueba,1,Prueba,census\n' },
      'settings!D2, column "kind": unknown form kind "census" (use registration, survey, heritage)',
    ],
    [
      'settings: two rows',
      {
        ...sheets(['text,a,A']),
        settings: 'form_id,version,form_title::es,kind\nprueba,1,Prueba,survey\nprueba,2,Prueba,survey\n',
      },
      'settings sheet, row 3: only one settings row is allowed',
    ],
  ])('%s', (_case, input, message) => {
    const err = sheetError(input);
    expect(err.message).toBe(message);
  });

  test('the error carries sheet, row and column', () => {
    const err = sheetError(sheets(['text,a,A', 'text,b,B', 'integer,c,C,,,,. > ${a} and bogus(.)']));
    expect(err).toMatchObject({ sheet: 'survey', row: 4, column: 'constraint' });
    expect(err.cell).toBe('survey!G4');
    expect(err.message).toBe('survey!G4, column "constraint": unknown function "bogus()" (at character 14)');
  });

  test('rows are CSV lines, counting blank lines and multi-line labels', () => {
    const err = sheetError(sheets(['note,n,"Dos', 'líneas"', '', 'text,a,A,,si']));
    expect(err).toMatchObject({ row: 5, column: 'required' });
  });
});
