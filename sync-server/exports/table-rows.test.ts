// Rows of a synthetic form with the awkward cases the demo forms lack: question names that are
// also Object.prototype's or metadata columns', a label missing in English, and skip logic that
// hides a select_multiple.
import { describe, expect, it } from 'vitest';
import { readXlsFormCsv } from '../../shared/forms/xlsform-csv';
import { findTable, mainTable, mergeVersions } from './export-layout';
import { MediaIndex } from './media';
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
    startedAt: '2026-11-20T15:57:30.000Z',
    receivedAt: '2026-11-20T16:05:00.000Z',
    passId: null,
    privacyNoticeVersion: null,
    language: 'es',
    answers,
    recordId: '0190a5f0-0000-7000-8000-000000000001',
    revision: 1,
    parents: [],
    editedBy: undefined,
    current: true,
    conflict: false,
  };
}

function rows(answers: ExportRecord['answers'], values: 'codes' | 'labels' = 'codes') {
  const layout = mergeVersions([form], false);
  const table = new TableRows(
    layout,
    mainTable(layout),
    { values, multi: 'both', utcOffsetMinutes: undefined, language: 'en' },
    new Map([['d', 'Quiosco']]),
    new MediaIndex([]),
  );
  const out: Cell[][] = [];
  table.rowsOf(record(answers), (cells) => out.push([...cells]));
  return { names: table.columns.map((c) => c.name), row: out[0] ?? [] };
}

describe('table rows', () => {
  it('never reads an answer from Object.prototype, and renames a question named like a metadata column', () => {
    const { names, row } = rows({});
    expect(names.slice(12)).toEqual(['constructor', 'language_2', 'colores', 'colores.rojo', 'colores.azul']);
    expect(row.slice(12)).toEqual([null, null, null, null, null]);
  });

  it('0 for each choice when the question was asked, blank when its group was skipped', () => {
    expect(rows({ language: 'si' }).row.slice(14)).toEqual([null, 0, 0]);
    expect(rows({ language: 'no' }).row.slice(14)).toEqual([null, null, null]);
    expect(rows({ language: 'si', colores: ['azul'] }).row.slice(14)).toEqual(['azul', 0, 1]);
  });

  it('labels in the asked language, the default one where it lacks a label', () => {
    const { row } = rows({ constructor: 'x', language: 'no', colores: ['rojo', 'azul'] }, 'labels');
    expect(row.slice(12)).toEqual(['x', 'No', 'Red; Blue', 1, 1]);
  });
});

const fieldForm = readXlsFormCsv({
  survey: [
    'type,name,label::es',
    'begin_repeat,fotos,Fotos',
    'image,foto,Foto',
    'text,pie_foto,Pie',
    'end_repeat,fotos,',
  ].join('\n'),
  choices: 'list_name,name,label::es',
  settings: 'form_id,version,form_title::es,default_language,kind\nficha,1,Ficha,es,heritage',
});

describe('field record rows', () => {
  const here = `${'a'.repeat(64)}.png`;
  const away = `${'b'.repeat(64)}.jpg`;
  const layout = mergeVersions([fieldForm], false);
  const options = { values: 'codes', multi: 'both', utcOffsetMinutes: undefined, language: 'es' } as const;

  it('a photo the server has is its media path with a link; any other answer is kept as text and flagged missing', () => {
    const media = new MediaIndex([here, `media/${away}`]);
    const table = new TableRows(layout, findTable(layout, 'fotos'), options, new Map(), media);
    expect(table.columns.map((c) => c.name).slice(4)).toEqual(['foto', 'foto.missing', 'pie_foto']);
    const out: [Cell[], (string | null)[]][] = [];
    const fotos = [here, away, `media/${away}`, '../../x.png', '"><img src=x>'].map((foto) => ({ foto }));
    table.rowsOf({ ...record({ fotos: [...fotos, { pie_foto: 'sin foto' }] }) }, (cells, links) =>
      out.push([cells.slice(4), links.slice(4)]),
    );
    expect(out).toEqual([
      [
        [`media/${here}`, 0, null],
        [`media/${here}`, null, null],
      ],
      [
        [away, 1, null],
        [null, null, null],
      ],
      [
        [`media/${away}`, 1, null],
        [null, null, null],
      ],
      [
        ['../../x.png', 1, null],
        [null, null, null],
      ],
      [
        ['"><img src=x>', 1, null],
        [null, null, null],
      ],
      [
        [null, null, 'sin foto'],
        [null, null, null],
      ],
    ]);
    expect([...media.used]).toEqual([here]);
  });

  it('the main table of a field record has the revision columns', () => {
    const table = new TableRows(layout, mainTable(layout), options, new Map(), new MediaIndex([]));
    const out: Cell[][] = [];
    const merge = { revision: 3, parents: ['p1', 'p2'], editedBy: '=Ana', current: true, conflict: true };
    table.rowsOf({ ...record({}), ...merge }, (cells) => out.push([...cells]));
    expect(table.columns.map((c) => c.name).slice(12)).toEqual([
      'record_id',
      'revision',
      'parents',
      'edited_by',
      'current',
      'conflict',
    ]);
    expect(out[0]?.slice(12)).toEqual(['0190a5f0-0000-7000-8000-000000000001', 3, 'p1 p2', '=Ana', 1, 1]);
  });
});
