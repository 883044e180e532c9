// geotrace and geoshape load and are checked as ODK stores them: a line of at least 2 points, an
// area of at least 3 closed by repeating the first.
import { describe, expect, test } from 'vitest';
import { compileForm, evaluateForm } from './engine';
import { readXlsFormCsv } from './xlsform-csv';

const form = compileForm(
  readXlsFormCsv({
    survey: 'type,name,label\ngeotrace,camino,Camino\ngeoshape,predio,Predio\n',
    choices: '',
    settings: '',
  }),
);
const issue = (name: string, value: string) => {
  const issues = evaluateForm(form, { [name]: value }).issues.get(name);
  return issues && { code: issues.code, message: issues.message.es };
};

const A = '20.1 -98.7 0 5';
const B = '20.2 -98.7 0 5';
const C = '20.2 -98.8 0 5';

describe('geotrace and geoshape', () => {
  test('a line needs two valid points', () => {
    expect(issue('camino', `${A};${B}`)).toBeUndefined();
    expect(issue('camino', A)).toEqual({ code: 'type', message: 'Marque al menos 2 puntos válidos' });
    expect(issue('camino', `${A};200 0`)?.code).toBe('type');
  });

  test('an area needs three points, closed by the first again', () => {
    expect(issue('predio', `${A};${B};${C};${A}`)).toBeUndefined();
    expect(issue('predio', `${A};${B};${C}`)).toEqual({
      code: 'type',
      message: 'Marque al menos 3 puntos válidos',
    });
    expect(issue('predio', `${A};${B};${A}`)?.code).toBe('type');
  });
});
