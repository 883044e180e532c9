// Which questions an anonymised layout counts as derived from personal data: every way the engine
// fills a value from a pii question (trigger, choice filter, choices from earlier answers, a
// node-set read, a chain through versions), and not a relevance or a constraint.
import { describe, expect, it } from 'vitest';
import { readXlsFormCsv } from '../../shared/forms/xlsform-csv';
import { mergeVersions } from './export-layout';

function form(version: string, rows: readonly string[], choices = 'list_name,name,label::es,municipio') {
  return readXlsFormCsv({
    settings: `form_id,version,form_title::es,default_language\nf,${version},F,es`,
    survey: ['type,name,label::es,pii,calculation,trigger,relevant,constraint,choice_filter', ...rows].join(
      '\n',
    ),
    choices,
  });
}

const kept = (...versions: ReturnType<typeof form>[]) =>
  mergeVersions(versions, true).tables.map((t) => [t.name, t.questions.map((q) => q.name)]);

describe('questions derived from personal data', () => {
  it('counts triggers, choice filters and choices from earlier answers, not relevance or constraints', () => {
    const choices = [
      'list_name,name,label::es,municipio',
      'colonias,centro,Centro,actopan',
      'colonias,norte,Norte,tula',
    ].join('\n');
    const rows = [
      'text,domicilio,Municipio del domicilio,yes,,,,,',
      'text,comentario,Comentario,,,,,,',
      'calculate,hora,,,now(),${domicilio},,,',
      'select_one colonias,colonia,Colonia,,,,,,municipio = ${domicilio}',
      "integer,edad,Edad,,,,${domicilio} != '',. < ${domicilio},",
      'begin_repeat,hijos,Hijos,,,,,,',
      'text,hijo,Nombre,yes,,,,,',
      'integer,edad_hijo,Edad,,,,,,',
      'end_repeat,,,,,,,,',
      'select_one ${hijo},mayor,El mayor,,,,,,',
      'calculate,cuantos,,,count(${hijo}),,,,',
      'calculate,segundo,,,"indexed-repeat(${hijo}, ${hijos}, 2)",,,,',
    ];
    expect(kept(form('1', rows, choices))).toEqual([
      ['f', ['comentario', 'edad']],
      ['hijos', ['edad_hijo']],
    ]);
  });

  it('follows a chain through versions: derived in one version is personal in all', () => {
    const v1 = form('1', [
      'text,nombre,Nombre,yes,,,,,',
      'calculate,copia,,,${nombre},,,,',
      'text,otro,Otro,,,,,,',
    ]);
    const v2 = form('2', [
      'text,nombre,Nombre,yes,,,,,',
      'text,otro,Otro,,,,,,',
      'calculate,copia,,,${otro},,,,',
      'calculate,eco,,,"concat(${copia}, \'.\')",,,,',
    ]);
    expect(kept(v1, v2)).toEqual([['f', ['otro']]]);
    const layout = mergeVersions([v1, v2], false);
    const marks = layout.tables[0]?.questions.map((q) => [q.name, q.pii, q.derivedFrom]);
    expect(marks).toEqual([
      ['nombre', true, undefined],
      ['copia', true, 'nombre'],
      ['otro', false, undefined],
      ['eco', true, 'nombre'],
    ]);
  });
});
