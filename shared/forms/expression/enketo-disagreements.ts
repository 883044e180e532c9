// Every applicable Enketo case we answer differently, by reason, and the note that lists them
// (docs/xlsform-expressions.md). A change that fixes one must remove it here; a change that breaks
// another fails enketo-cases.test.ts.
import { kioskExpression, runCase, type EnketoCase, type EnketoFile } from './enketo-corpus';

/** Why each disagreement stands, and its cases. */
export const KNOWN: Record<string, { why: string; exprs: readonly string[] }> = {
  'refused at load, not when reached': {
    why: 'An unknown function or a wrong argument count is refused when the form loads, naming its cell, as ODK Validate refuses it; Enketo fails only when the call is evaluated, so these tests of short-circuit evaluation (the call never reached) cannot run for us. Kept on purpose: a form author learns of the typo before a festival, not from one visitor.',
    exprs: [
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
  },
  'not a date is empty, not "Invalid Date"': {
    why: 'Enketo leaks the text of a JavaScript Date that failed to parse. An answer that is not a date is empty for us, as in ODK Collect, so a relevance or export never sees "Invalid Date".',
    exprs: ["date-time('nonsense')", "date('nonsense')", "date(number('invalid'))"],
  },
  'JavaScript date text is not a date': {
    why: "The text a browser's `Date.toString()` gives is not an ODK date or date-time format; no form answer takes that shape, so we do not parse it.",
    exprs: [
      "format-date('Sun Dec 06 2026 05:14:45 GMT+0000 (Coordinated Universal Time)', '%e | %a' )",
      "format-date-time('Sun Dec 06 2026 05:14:45 GMT+0000 (Coordinated Universal Time)', '%e | %a' )",
    ],
  },
  'no exponent notation in numbers': {
    why: 'XPath 1.0 `number()` reads no exponent (`1e-12` is NaN) and neither do we; Enketo accepts one in `int()` alone, which would make `int()` and `number()` disagree on the same text.',
    exprs: ['int("7.922021953507237e-12")'],
  },
};

export type Disagreement = { expr: string; expected: string; ours: string };
export type Agreement = { applicable: number; disagreements: Disagreement[] };

export function measureAgreement(file: EnketoFile): Agreement {
  const applicable = file.cases.filter(
    (c): c is EnketoCase => 'expr' in c && kioskExpression(c) !== undefined,
  );
  const disagreements: Disagreement[] = [];
  for (const c of applicable) {
    const outcome = runCase(c, kioskExpression(c) as string, file.extractedOn);
    if (outcome.agrees) continue;
    disagreements.push({ expr: c.expr, expected: expectedText(c), ours: outcome.got });
  }
  return { applicable: applicable.length, disagreements };
}

function expectedText(c: EnketoCase): string {
  if (c.kind === 'throws') return 'an error';
  return `${c.kind} ${JSON.stringify(c.expected)}`;
}

export function agreementPercent(a: Agreement): string {
  return ((100 * (a.applicable - a.disagreements.length)) / a.applicable).toFixed(2);
}

const cell = (s: string): string => '`` ' + s.replace(/\|/g, '\\|') + ' ``';

/** The note: the figure, then every disagreement under its reason. */
export function renderNote(a: Agreement): string {
  const byExpr = new Map(a.disagreements.map((d) => [d.expr, d]));
  const lines = [
    '# XLSForm expressions against Enketo',
    '',
    'Generated: `npx tsx shared/forms/expression/node/write-enketo-note.ts` rewrites this file from',
    "`../shared/xlsform-corpus/expressions/enketo-cases.json` (Enketo's openrosa-xpath-evaluator",
    'assertions); `shared/forms/expression/enketo-cases.test.ts` fails when it is out of date.',
    'Cases that navigate XML (paths, axes, predicates, the context node) do not apply to a kiosk form',
    'and are left out.',
    '',
    `**${a.applicable - a.disagreements.length} of ${a.applicable} applicable cases agree: ${agreementPercent(a)} %.**`,
    `The ${a.disagreements.length} that do not, by reason:`,
  ];
  for (const [reason, { why, exprs }] of Object.entries(KNOWN)) {
    lines.push('', `## ${reason}`, '', why, '');
    lines.push('| expression | Enketo | Quiosco |', '| --- | --- | --- |');
    for (const expr of exprs) {
      const d = byExpr.get(expr);
      if (d) lines.push(`| ${cell(d.expr)} | ${cell(d.expected)} | ${cell(d.ours)} |`);
    }
  }
  return lines.join('\n') + '\n';
}
