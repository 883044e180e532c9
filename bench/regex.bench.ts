// regex() on RE2 (re2js) against JavaScript's backtracking RegExp, the engine it replaced, on the
// patterns our forms use and answers a visitor types; then RE2 on an evil pattern with a 50,000-
// letter answer, which RegExp could not finish at all (baseline: RegExp on a safe pattern, same text).
import { testPattern } from '../shared/forms/expression/regex';
import { type BenchResult, median, round } from './bench-result';

const WARM_UP = 2_000;
const ITERATIONS = 20_000;

/** What registro-visitantes and the corpus check, with answers that match and answers that do not. */
const CASES: readonly [string, readonly string[]][] = [
  [
    '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
    ['zoe@ejemplo.mx', 'zoe@ejemplo', 'ana.luz.martinez@cultura.hidalgo.gob.mx'],
  ],
  ['^[0-9]{2}[A-Z]{3}[0-9]{4}[A-Z]$', ['13DPR0001X', '13dpr0001x', '13DPR00001X']],
  ['^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$', ['(771) 123-4567', '771 123 45']],
];

const CHECKS = CASES.reduce((n, [, answers]) => n + answers.length, 0);

function microsPerCheck(
  check: (pattern: string, text: string) => boolean,
  rounds: number,
  warmUp: number,
): number[] {
  const samples: number[] = [];
  let sink = 0;
  for (let i = 0; i < warmUp + rounds; i++) {
    const started = performance.now();
    for (const [pattern, answers] of CASES) for (const answer of answers) if (check(pattern, answer)) sink++;
    const elapsed = performance.now() - started;
    if (i >= warmUp) samples.push((elapsed * 1000) / CHECKS);
  }
  if (sink === 0) throw new Error('benchmark produced no matches');
  return samples;
}

export async function benchRegex(): Promise<BenchResult[]> {
  const compiled = new Map<string, RegExp>();
  const regExp = (pattern: string, text: string): boolean => {
    let re = compiled.get(pattern);
    if (re === undefined) compiled.set(pattern, (re = new RegExp(pattern)));
    return re.test(text);
  };
  // Interleaved, so both engines see the same machine load.
  const re2: number[] = [];
  const js: number[] = [];
  for (let block = 0; block < 10; block++) {
    re2.push(...microsPerCheck(testPattern, ITERATIONS / 10, block === 0 ? WARM_UP : 0));
    js.push(...microsPerCheck(regExp, ITERATIONS / 10, block === 0 ? WARM_UP : 0));
  }
  const evil = 'a'.repeat(50_000) + 'b';
  const long = (check: (pattern: string, text: string) => boolean, pattern: string): number[] =>
    Array.from({ length: 30 }, () => {
      const started = performance.now();
      check(pattern, evil);
      return performance.now() - started;
    });
  return [
    {
      name: 'regex(): RE2, a form pattern on a typed answer (median)',
      value: round(median(re2), 3),
      unit: 'µs',
    },
    { name: 'baseline: RegExp, the same checks (median)', value: round(median(js), 3), unit: 'µs' },
    {
      name: 'regex(): RE2, (a+)+$ on 50,000 letters (median)',
      value: round(median(long(testPattern, '(a+)+$')), 3),
      unit: 'ms',
    },
    {
      name: 'baseline: RegExp, ^a+$ on the same text (median)',
      value: round(median(long(regExp, '^a+$')), 3),
      unit: 'ms',
    },
  ];
}
