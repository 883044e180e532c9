// Triggers and start-time metadata inside groups and repeats, as at the top of a form.
import { describe, expect, test } from 'vitest';
import { applyTriggers, compileForm, evaluateForm, initialAnswers, newRepeatInstance } from './engine';
import { readXlsFormCsv } from './xlsform-csv';

const OPTIONS = {
  today: '2026-05-01',
  now: '2026-05-01T09:00:00.000Z',
  device: { deviceid: 'quiosco:k1' },
};

const form = compileForm(
  readXlsFormCsv({
    survey: [
      'type,name,label,calculation,trigger',
      'integer,n,N,,',
      'begin_group,g,G,,',
      'start,s,,,',
      'today,t,,,',
      'deviceid,d,,,',
      'end,e,,,',
      'calculate,doble,,${n} * 2,${n}',
      'end_group,,,,',
      'begin_repeat,r,R,,',
      'start,rs,,,',
      'integer,x,X,,',
      'calculate,con_n,,${x} + ${n},${x}',
      'calculate,por_n,,${x} * 10,${n}',
      'end_repeat,,,,',
    ].join('\n'),
    choices: '',
    settings: '',
  }),
);

describe('metadata fixed at the start', () => {
  test('start, today and the device are fixed in groups; end is left to the moment of saving', () => {
    const started = initialAnswers(form, OPTIONS);
    expect(started).toEqual({
      s: '2026-05-01T09:00:00.000Z',
      t: '2026-05-01',
      d: 'quiosco:k1',
    });
    const later = { ...OPTIONS, now: '2026-05-01T09:20:00.000Z' };
    expect(evaluateForm(form, { ...started, n: 1 }, later).values).toMatchObject({
      s: '2026-05-01T09:00:00.000Z',
      e: '2026-05-01T09:20:00.000Z',
    });
  });

  test('a new repeat entry records its own start', () => {
    const entry = newRepeatInstance(form, 'r', {}, { ...OPTIONS, now: '2026-05-01T09:05:00.000Z' });
    expect(entry).toEqual({ rs: '2026-05-01T09:05:00.000Z' });
  });
});

// A triggered calculate stores text, as ODK stores every calculation.
describe('triggers', () => {
  test('in a group, as at the top', () => {
    expect(applyTriggers(form, {}, { n: 4 }, OPTIONS)).toEqual({ n: 4, doble: '8' });
    // Its trigger unchanged, an edited value stays.
    expect(applyTriggers(form, { n: 4, doble: '8' }, { n: 4, doble: '5' }, OPTIONS)).toEqual({
      n: 4,
      doble: '5',
    });
  });

  test('in a repeat, each entry fires on its own answers and on those outside it', () => {
    const before = { n: 1, r: [{ x: 2 }, { x: 3 }] };
    // Only the second entry's x changed: only its con_n runs.
    expect(applyTriggers(form, before, { n: 1, r: [{ x: 2 }, { x: 5 }] }, OPTIONS)).toEqual({
      n: 1,
      r: [{ x: 2 }, { x: 5, con_n: '6' }],
    });
    // n is outside the repeat: every entry's por_n runs.
    expect(applyTriggers(form, before, { n: 2, r: [{ x: 2 }, { x: 3 }] }, OPTIONS)).toEqual({
      n: 2,
      doble: '4',
      r: [
        { x: 2, por_n: '20' },
        { x: 3, por_n: '30' },
      ],
    });
  });

  test('nothing changed, nothing recomputed: the same answers come back', () => {
    const answers = { n: 1, r: [{ x: 2 }] };
    expect(applyTriggers(form, answers, answers, OPTIONS)).toBe(answers);
  });
});
