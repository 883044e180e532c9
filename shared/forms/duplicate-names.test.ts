import { describe, expect, test } from 'vitest';
import { compileForm, evaluateForm } from './engine';
import { loadXlsFormCsv } from './xlsform-csv';

const SETTINGS = 'form_id,version,form_title::es,kind\nprueba,1,Prueba,survey\n';
const load = (...rows: string[]) =>
  loadXlsFormCsv({
    survey: ['type,name,label,calculation', ...rows].join('\n'),
    choices: '',
    settings: SETTINGS,
  });

describe('the same name in two groups', () => {
  const rows = [
    'begin_group,g1,G1,',
    'integer,x,X,',
    'end_group,,,',
    'begin_group,g2,G2,',
    'integer,x,X,',
    'calculate,doble,,../x * 2',
    'end_group,,,',
    'calculate,suma,,/data/g1/x + /data/g2/x',
  ];

  test('the later row is keyed group__name and keeps its sheet name', () => {
    const { definition } = load(...rows);
    const g2 = definition.children[1];
    expect(g2?.kind === 'group' && g2.children[0]).toMatchObject({ name: 'g2__x', xlsformName: 'x' });
  });

  test('paths name their group: ../x beside the row, /data/g2/x by its group', () => {
    const form = compileForm(load(...rows).definition);
    expect(evaluateForm(form, { x: 1, g2__x: 10 }).values).toEqual({ x: 1, g2__x: 10, doble: 20, suma: 11 });
  });

  test('${x} is ambiguous, as pyxform says', () => {
    expect(() => load(...rows.slice(0, 7), 'calculate,c,,${x} + 1')).toThrow(
      /survey!D9, column "calculation": \$\{x\} is ambiguous: rows 3, 6 are all named "x"/,
    );
  });

  test('a note without a name gets one from its row, with a warning', () => {
    const { definition, warnings } = load('note,,Hola,', 'text,a,A,');
    expect(definition.children[0]?.name).toBe('note_2');
    expect(warnings.map((w) => w.message)).toContain(
      'survey!B2, column "name": a note without a name is called note_2',
    );
  });
});
