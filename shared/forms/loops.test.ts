import { describe, expect, test } from 'vitest';
import type { FormNode } from './form-definition';
import { FormSheetError } from './form-sheet-error';
import { readXlsFormCsv } from './xlsform-csv';

const SETTINGS = 'form_id,version,default_language\nbucle,1,es\n';
const CHOICES =
  'list_name,name,label::es,label::en\nsalas,norte,Sala norte,North hall\nsalas,sur,Sala sur,South hall\n';

const form = (rows: string[]): ReturnType<typeof readXlsFormCsv> =>
  readXlsFormCsv({
    survey: ['type,name,label::es,label::en,constraint', ...rows].join('\n'),
    choices: CHOICES,
    settings: SETTINGS,
  });

const shape = (nodes: FormNode[]): unknown =>
  nodes.map((n) =>
    n.kind === 'question' ? [n.name, n.label.es, n.label.en] : { [n.name]: [n.label.es, shape(n.children)] },
  );

describe('begin loop over a choice list (pyxform legacy)', () => {
  test('a group per choice holds the loop rows with %(name)s and %(label)s filled in, per language', () => {
    const definition = form([
      'begin loop over salas,visitas,Visitas,Visits,',
      'integer,personas,¿Cuántas personas en %(label)s?,How many people in %(label)s?,. < 500',
      'text,nota,Nota (%(name)s),Note (%(name)s),',
      'end loop,,,,',
      'text,final,Fin,End,',
    ]);
    expect(shape(definition.children)).toEqual([
      {
        visitas: [
          'Visitas',
          [
            {
              norte: [
                'Sala norte',
                [
                  ['personas', '¿Cuántas personas en Sala norte?', 'How many people in North hall?'],
                  ['nota', 'Nota (norte)', 'Note (norte)'],
                ],
              ],
            },
            {
              sur: [
                'Sala sur',
                [
                  ['sur__personas', '¿Cuántas personas en Sala sur?', 'How many people in South hall?'],
                  ['sur__nota', 'Nota (sur)', 'Note (sur)'],
                ],
              ],
            },
          ],
        ],
      },
      ['final', 'Fin', 'End'],
    ]);
  });

  test.each([
    [
      ['begin loop over colores,v,V,V,', 'text,a,A,A,', 'end loop,,,,'],
      'survey!A2, column "type": unknown choice list "colores"',
    ],
    [['begin loop,v,V,V,', 'end loop,,,,'], 'survey!A2, column "type": a loop needs a choice list'],
    [
      ['begin loop over salas,v,V,V,', 'text,a,A,A,'],
      'survey!A2, column "type": begin loop "v" is never closed',
    ],
    [['text,a,A,A,', 'end loop,,,,'], 'survey!A3, column "type": end loop without a matching begin loop'],
  ])('a malformed loop is refused at its row: %j', (rows, message) => {
    expect(() => form(rows)).toThrow(FormSheetError);
    expect(() => form(rows)).toThrow(message);
  });
});
