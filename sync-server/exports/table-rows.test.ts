// Rows of a synthetic form with the awkward cases the demo forms lack: question names that are
// also Object.prototype's or metadata columns', a label missing in English, and skip logic that
// hides a select_multiple.
import { describe, expect, it } from 'vitest';
import { readXlsFormCsv } from '../../shared/forms/xlsform-csv';
import { mainTable, mergeVersions } from './export-layout';
import type { ExportRecord } from './record-pages';
import { TableRows, type Cell } from './table-rows';

const form = readXlsFormCsv({
  survey: [
    'type,name,label::es,label::en,relevant',
    'text,constructor,Constructor,Builder,',
    'select_one si_no,language,¿Idioma?,,',
    "begin_group,g,Grupo,Group,${language} = 'si'",
    'select_multiple colores,colores,Colores,Colours,',
    'end_group,g,,,',
  ].join('\n'),
  choices: [
    'list_name,name,label::es,label::en',
    'si_no,si,Sí,Yes',
    'si_no,no,No,',
    'colores,rojo,Rojo,Red',
    'colores,azul,Azul,Blue',
  ].join('\n'),
  settings: 'form_id,version,form_title::es,default_language,kind\nprueba,1,Prueba,es,survey',
});

function record(answers: ExportRecord['answers']): ExportRecord {
  return {
    id: '0190a5f0-0000-7000-8000-000000000001',
    eventId: 'e',
    deviceId: 'd',
    formVersion: '1',
    complete: true,
    createdAt: '2026-11-20T16:00:00.000Z',
    receivedAt: '2026-11-20T16:05:00.000Z',
    language: 'es',
    answers,
  };
}

function rows(answers: ExportRecord['answers'], values: 'codes' | 'labels' = 'codes') {
  const layout = mergeVersions([form], false);
  const table = new TableRows(
    layout,
    mainTable(layout),
    { values, multi: 'both', utcOffsetMinutes: undefined, language: 'en' },
    new Map([['d', 'Quiosco']]),
  );
  const out: Cell[][] = [];
  table.rowsOf(record(answers), (cells) => out.push([...cells]));
  return { names: table.columns.map((c) => c.name), row: out[0] ?? [] };
}

describe('table rows', () => {
  it('never reads an answer from Object.prototype, and renames a question named like a metadata column', () => {
    const { names, row } = rows({});
    expect(names.slice(9)).toEqual(['constructor', 'language_2', 'colores', 'colores.rojo', 'colores.azul']);
    expect(row.slice(9)).toEqual([null, null, null, null, null]);
  });

  it('0 for each choice when the question was asked, blank when its group was skipped', () => {
    expect(rows({ language: 'si' }).row.slice(11)).toEqual([null, 0, 0]);
    expect(rows({ language: 'no' }).row.slice(11)).toEqual([null, null, null]);
    expect(rows({ language: 'si', colores: ['azul'] }).row.slice(11)).toEqual(['azul', 0, 1]);
  });

  it('labels in the asked language, the default one where it lacks a label', () => {
    const { row } = rows({ constructor: 'x', language: 'no', colores: ['rojo', 'azul'] }, 'labels');
    expect(row.slice(9)).toEqual(['x', 'No', 'Red; Blue', 1, 1]);
  });
});
