// Each appearance word is honoured, loaded with a warning at its cell saying what the kiosk does
// instead, or refused at its cell with the feature named.
import { describe, expect, test } from 'vitest';
import { drawingAppearance } from './appearances';
import { loadXlsFormCsv } from './xlsform-csv';

const load = (type: string, appearance: string) =>
  loadXlsFormCsv({
    survey: `type,name,label,appearance\n${type},q,Q,${appearance}\n`,
    choices: 'list_name,name,label\nsn,si,Sí\nsn,no,No\n',
    settings: '',
  });
const warnings = (type: string, appearance: string) => load(type, appearance).warnings.map((w) => w.message);

describe('appearances', () => {
  test('what the kiosk honours loads without a word', () => {
    expect(warnings('select_one sn', 'minimal')).toEqual([]);
    expect(warnings('select_one sn', 'columns-3 search')).toEqual([]);
    expect(warnings('date', 'month-year')).toEqual([]);
    expect(warnings('text', 'multiline')).toEqual([]);
    expect(warnings('text', 'hidden')).toEqual([]);
  });

  test('a widget the kiosk lacks keeps the usual input, with a warning at its cell', () => {
    expect(warnings('range', 'rating')).toEqual([
      'survey!D2, column "appearance": appearance "rating" is not offered by the kiosk: the question keeps its usual input (ignored)',
    ]);
    expect(warnings('select_one sn', 'spinner')).toEqual([
      'survey!D2, column "appearance": appearance "spinner" is not offered by the kiosk: the question keeps its usual input (ignored)',
    ]);
  });

  test('a many-questions layout is a warning; an unknown word too', () => {
    expect(warnings('select_one sn', 'horizontal-compact')).toEqual([
      'survey!D2, column "appearance": appearance "horizontal-compact" arranges several questions on one screen; the kiosk asks one per page (ignored)',
    ]);
    expect(warnings('text', 'sparkly')).toEqual([
      'survey!D2, column "appearance": appearance "sparkly" is not known to Quiosco (ignored)',
    ]);
  });

  test('drawing on image questions loads; on any other question it is refused at the cell', () => {
    expect(warnings('image', 'signature')).toEqual([]);
    expect(warnings('image', 'draw')).toEqual([]);
    expect(load('image', 'annotate').definition.children[0]).toMatchObject({ appearance: 'annotate' });
    expect(() => load('text', 'signature')).toThrow(
      'survey!D2, column "appearance": appearance "signature" draws a picture: only image questions take it',
    );
  });

  test('the drawing appearance is read from the words', () => {
    expect(drawingAppearance('signature')).toBe('signature');
    expect(drawingAppearance('w2 Annotate')).toBe('annotate');
    expect(drawingAppearance('max-pixels')).toBeUndefined();
    expect(drawingAppearance(undefined)).toBeUndefined();
  });

  test('other apps and printers are refused at the cell', () => {
    expect(() => load('text', 'ex:org.example.app')).toThrow(/survey!D2.*answering in another app/);
  });
});
