// Reading a pushed submission payload, a thousand per batch. Zod's generic answers schema (a
// record of a four-way union, run once per answer) was most of a push's CPU; here the answers
// are walked by hand and the rest of the payload parsed by zod. The walk only ever says "valid"
// for what AnswersSchema accepts unchanged: anything it is unsure of goes to the full
// SubmissionPayloadSchema, so a refused record gets exactly zod's error, as before.
import { z } from 'zod';
import { MAX_TEXT, NameSchema, type Answers } from '../../shared/forms/form-definition';
import { SubmissionPayloadSchema, type SubmissionPayload } from '../../shared/sync/protocol';

/**
 * The payload's schema with its answers left to answersAccepted; made once, not per call, and
 * compiled by zod (the same results and errors, several times faster; the full schema's answers
 * are recursive, which zod does not compile).
 */
const WithoutAnswersSchema = z.compile(SubmissionPayloadSchema.extend({ answers: z.unknown() }));

// AnswerValueSchema's bounds, which the walk must not loosen.
const MAX_CHOICE_TEXT = 200;
const MAX_CHOICES = 500;
const MAX_INSTANCES = 200;
const MAX_ANSWERS = 1000;

/** Answer names NameSchema accepted: a form has few, and every record repeats them. */
const acceptedNames = new Set<string>();
const MAX_REMEMBERED_NAMES = 10_000;

function nameAccepted(name: string): boolean {
  if (acceptedNames.has(name)) return true;
  if (!NameSchema.safeParse(name).success) return false;
  if (acceptedNames.size >= MAX_REMEMBERED_NAMES) acceptedNames.clear();
  acceptedNames.add(name);
  return true;
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/** True only when AnswersSchema accepts these answers and outputs the same content. */
export function answersAccepted(answers: unknown): answers is Answers {
  if (!isPlainRecord(answers)) return false;
  const names = Object.keys(answers);
  if (names.length > MAX_ANSWERS) return false;
  for (const name of names) {
    if (!nameAccepted(name) || !answerAccepted(answers[name])) return false;
  }
  return true;
}

function answerAccepted(value: unknown): boolean {
  if (typeof value === 'string') return value.length <= MAX_TEXT;
  if (typeof value === 'number') return Number.isFinite(value);
  if (!Array.isArray(value)) return false;
  // The union's order: a list of choices first (an empty list is one), then repeat instances.
  if (value.every((v) => typeof v === 'string' && v.length <= MAX_CHOICE_TEXT)) {
    return value.length <= MAX_CHOICES;
  }
  return value.length <= MAX_INSTANCES && value.every(answersAccepted);
}

/** The payload's keys in canonical (sorted) order. */
const SORTED_KEYS = Object.keys(SubmissionPayloadSchema.shape).sort();

/**
 * SubmissionPayloadSchema.safeParse's verdict and output, the answers walked by hand. The output's
 * keys are in sorted order, as canonical JSON writes them (push.ts writes each record so): the
 * same content, with no sorted copy made of each record to write it.
 */
export function parseSubmissionPayload(value: unknown): z.ZodSafeParseResult<SubmissionPayload> {
  const rest = WithoutAnswersSchema.safeParse(value);
  const answers = rest.success ? rest.data.answers : undefined;
  if (!rest.success || !answersAccepted(answers)) return SubmissionPayloadSchema.safeParse(value);
  const parsed: Record<string, unknown> = rest.data;
  const data: Record<string, unknown> = {};
  for (const key of SORTED_KEYS) if (key in parsed) data[key] = key === 'answers' ? answers : parsed[key];
  return { success: true, data: data as SubmissionPayload };
}
