import { describe, expect, it } from 'vitest';
import { MAX_TEXT } from '../../shared/forms/form-definition';
import { SubmissionPayloadSchema } from '../../shared/sync/protocol';
import { heritagePayload, surveyPayload } from '../testing/test-server';
import { answersAccepted, parseSubmissionPayload } from './submission-payload';

const device = { deviceId: '0190A0A0-0000-7000-8000-00000000000A', token: '', eventId: 'feria' };
const survey = surveyPayload(device) as Record<string, unknown>;
const heritage = heritagePayload(device, ['0'.repeat(64) + '.jpg']) as Record<string, unknown>;

/** Payloads zod accepts and payloads it refuses, each differing from a good one in one place. */
function variants(): unknown[] {
  const answers = (a: unknown) => ({ ...survey, answers: a });
  const instances = (items: unknown) => answers({ repetido: items });
  return [
    survey,
    heritage,
    answers({}),
    answers({ a: '' }),
    answers({ a: 'x'.repeat(MAX_TEXT) }),
    answers({ a: 'x'.repeat(MAX_TEXT + 1) }),
    answers({ a: 1.5, b: -0, c: 1e300 }),
    answers({ a: [] }),
    answers({ a: ['x'.repeat(200)] }),
    answers({ a: ['x'.repeat(201)] }),
    answers({ a: Array.from({ length: 500 }, () => 'x') }),
    answers({ a: Array.from({ length: 501 }, () => 'x') }),
    answers({ a: ['x', 1] }),
    answers({ a: ['x', {}] }),
    answers({ a: true }),
    answers({ a: null }),
    answers({ a: {} }),
    answers({ '1a': 'x' }),
    answers({ __proto__x: 'x', 'a.b-c': 'y' }),
    answers(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`q${i}`, i]))),
    answers(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`q${i}`, i]))),
    answers([]),
    answers('x'),
    answers(null),
    instances([{ a: 'x' }, { b: ['y'] }, {}]),
    instances(Array.from({ length: 200 }, () => ({ a: 1 }))),
    instances(Array.from({ length: 201 }, () => ({ a: 1 }))),
    instances([{ a: 'x' }, 'y']),
    instances([{ a: [{ b: [{ c: 'deep' }] }] }]),
    instances([{ a: [{ b: [{ c: true }] }] }]),
    instances([{ '-a': 'x' }]),
    instances([[]]),
    { ...survey, answers: undefined },
    { ...survey, extra: 1 },
    { ...survey, id: 'not-a-uuid', answers: { a: true } },
    { ...survey, createdAt: 'yesterday' },
    { ...survey, formVersion: '' },
    // Each field of the compiled schema (WithoutAnswersSchema) on either side of its bounds.
    { ...survey, id: String(survey.id).toUpperCase(), deviceId: device.deviceId },
    { ...survey, formVersion: 'x'.repeat(32) },
    { ...survey, formVersion: 'x'.repeat(33) },
    { ...survey, formVersion: 'v\u0007' },
    { ...survey, formId: '1form' },
    { ...survey, language: 'es-MX' },
    { ...survey, language: 'Español' },
    { ...survey, complete: 'yes' },
    { ...survey, passId: 'p'.repeat(64), privacyNoticeVersion: 'v'.repeat(40) },
    { ...survey, passId: 'p'.repeat(65) },
    { ...survey, privacyNoticeVersion: 'v'.repeat(41) },
    { ...survey, startedAt: '2026-11-20T10:00:00.000-06:00' },
    { ...survey, startedAt: '2026-11-20T10:00:00' },
    { ...survey, revision: 0 },
    { ...survey, revision: 100_001 },
    { ...survey, parents: [survey.id, survey.id, survey.id] },
    { ...survey, editedBy: 'e'.repeat(81) },
    { ...survey, revision: 2, parents: [survey.id], recordId: survey.id, editedBy: 'Ana' },
    Object.fromEntries(Object.entries(survey).filter(([key]) => key !== 'answers')),
    null,
    [],
    'payload',
  ];
}

describe('parseSubmissionPayload', () => {
  it('answers exactly as SubmissionPayloadSchema: the same output, or the same issues', () => {
    for (const value of variants()) {
      const ours = parseSubmissionPayload(value);
      const zods = SubmissionPayloadSchema.safeParse(value);
      expect(ours.success).toBe(zods.success);
      if (ours.success && zods.success) expect(ours.data).toStrictEqual(zods.data);
      else expect(ours.error?.issues).toStrictEqual(zods.error?.issues);
    }
  });

  it('gives its keys in sorted order: push writes the record as canonical JSON without a sorted copy', () => {
    const keys = Object.keys(parseSubmissionPayload({ ...survey, revision: 1, editedBy: 'Ana' }).data ?? {});
    expect(keys).toEqual([...keys].sort());
    expect(keys).toContain('editedBy');
  });

  it('reads the ids in lower case, as the schema does', () => {
    const parsed = parseSubmissionPayload(survey);
    expect(parsed.data?.deviceId).toBe(device.deviceId.toLowerCase());
  });

  it('never accepts by hand what the schema would refuse', () => {
    for (const value of variants()) {
      const answers = (value as { answers?: unknown } | null)?.answers;
      if (answersAccepted(answers)) {
        expect(SubmissionPayloadSchema.shape.answers.safeParse(answers).success).toBe(true);
      }
    }
  });
});
