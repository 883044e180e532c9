import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { kioskExpression, runCase, type EnketoCase, type EnketoFile } from './enketo-corpus';

const CORPUS = fileURLToPath(
  new URL('../../../../shared/xlsform-corpus/expressions/enketo-cases.json', import.meta.url),
);

// Every applicable case we answer differently from Enketo, by reason. A change that fixes one
// must remove it here; a change that breaks another fails.
const KNOWN: Record<string, readonly string[]> = {
  // We refuse an unknown function or a wrong argument count when the form loads; Enketo only
  // when the call is reached, so these short-circuit tests never run for us.
  'refused at load, not when reached': [
    'false() and substring()',
    'false() and substring() and true()',
    'true() and false() and substring()',
    'true() or substring()',
    'true() or substring() and true()',
    'false() or true() or substring()',
    '0 and explode() + 1',
    '0 and 1 + explode()',
    '0 and explode() + explode()',
    '0 and explode(explode()) + explode(explode(explode(1, 2, 3, explode(), explode())))',
    'if( false() and explode-a(), "A", if(false() and explode-b(), "B", "C") )',
    'if( false() and explode-a(), "A", if(false() and explode-b(), "B", true() or false()) )',
    'if( false() and explode-a(), "A", if(false() and explode-b(), "B", false() or true()) )',
    'if( false() and explode-a(), "A", if(false() and explode-b(), "B", false() and true()) )',
    'if( false() and explode-a(), "A", if(false() and explode-b(), "B", true() and false()) )',
    'if( false() and explode-a(), "A", if(false() and explode-b(), "B", false() and false()) )',
    'if( false() and explode-a(), "A", if(false() and explode-b(), "B", true() and true()) )',
    'if( false() and explode-a(), "A", if(true() or explode-b(), false() and explode-c(), true() or explode-d()) )',
    'if( true() or true() and false(), "A", if(true() or true() and false(), true() or true() and false(), true() or true() and explode-d()) )',
    'if( true() or true() and false(), "A", if(true() or true() and false(), true() or true() and explode-c(), true() or true() and explode-d()) )',
    'if( true() or true() and false(), "A", if(true() or true() and explode-b(), true() or true() and explode-c(), true() or true() and explode-d()) )',
    'if( true() or true() and explode-a(), "A", if(true() or true() and explode-b(), true() or true() and explode-c(), true() or true() and explode-d()) )',
  ],
  // Enketo leaks JavaScript's "Invalid Date"; an answer that is not a date stays empty for us.
  'not a date is empty, not "Invalid Date"': [
    "date-time('nonsense')",
    "date('nonsense')",
    "date(number('invalid'))",
  ],
  // JavaScript's Date.toString() text is not an ODK date format.
  'JavaScript date text is not a date': [
    "format-date('Sun Dec 06 2026 05:14:45 GMT+0000 (Coordinated Universal Time)', '%e | %a' )",
    "format-date-time('Sun Dec 06 2026 05:14:45 GMT+0000 (Coordinated Universal Time)', '%e | %a' )",
  ],
  // XPath number() has no exponent notation; Enketo's int() alone accepts it.
  'no exponent notation in numbers': ['int("7.922021953507237e-12")'],
};

test('Enketo expression cases without XML navigation: at least 98 % agree, and only the known ones do not', () => {
  const file = JSON.parse(readFileSync(CORPUS, 'utf8')) as EnketoFile;
  const applicable = file.cases.filter(
    (c): c is EnketoCase => 'expr' in c && kioskExpression(c) !== undefined,
  );
  const disagreements = applicable
    .filter((c) => !runCase(c, kioskExpression(c) as string, file.extractedOn).agrees)
    .map((c) => c.expr);

  expect(applicable.length).toBe(1591);
  expect(disagreements.sort()).toEqual(Object.values(KNOWN).flat().sort());
  expect(1 - disagreements.length / applicable.length).toBeGreaterThanOrEqual(0.98);
});
