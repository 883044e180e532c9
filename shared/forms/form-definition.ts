// The validated, typed form a kiosk runs: what an XLSForm sheet becomes after import.
// Kiosk core, renderer and (later) the sync server all read this one shape.
import { z } from 'zod';

export const LanguageSchema = z.enum(['es', 'en']);
export type Language = z.infer<typeof LanguageSchema>;
export const LANGUAGES = LanguageSchema.options;

/** Text per language; `es` is always present in our forms, other languages may be missing. */
export const LocalizedSchema = z.partialRecord(LanguageSchema, z.string());
export type Localized = z.infer<typeof LocalizedSchema>;

export const FormKindSchema = z.enum(['registration', 'survey', 'heritage']);
export type FormKind = z.infer<typeof FormKindSchema>;

export const QuestionTypeSchema = z.enum([
  'text',
  'integer',
  'decimal',
  'select_one',
  'select_multiple',
  'date',
  'note',
  'calculate',
  'image',
]);
export type QuestionType = z.infer<typeof QuestionTypeSchema>;

// `__proto__` would set an object's prototype rather than an answer. One regex, no refine:
// this schema checks every answer key of every record a server ingests.
export const NameSchema = z
  .string()
  .regex(/^(?!__proto__$)[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'not a valid XLSForm name');

export const ChoiceSchema = z.object({ name: z.string().min(1).max(64), label: LocalizedSchema });
export type Choice = z.infer<typeof ChoiceSchema>;

export const QuestionSchema = z.object({
  kind: z.literal('question'),
  type: QuestionTypeSchema,
  name: NameSchema,
  label: LocalizedSchema,
  hint: LocalizedSchema.optional(),
  /** Choice list name for select_one / select_multiple. */
  listName: z.string().optional(),
  required: z.boolean(),
  relevant: z.string().optional(),
  constraint: z.string().optional(),
  constraintMessage: LocalizedSchema.optional(),
  calculation: z.string().optional(),
  appearance: z.string().optional(),
  /** Personal data: kept out of anonymised exports. */
  pii: z.boolean(),
  /** 1-based row in the survey sheet, for error messages. */
  row: z.number().int(),
});
export type Question = z.infer<typeof QuestionSchema>;

export type Group = {
  kind: 'group' | 'repeat';
  name: string;
  label: Localized;
  /** Shown with the group, e.g. "If you spent nothing on an item enter 0". */
  hint?: Localized | undefined;
  relevant?: string | undefined;
  appearance?: string | undefined;
  row: number;
  children: FormNode[];
};
export type FormNode = Question | Group;

export const GroupSchema: z.ZodType<Group> = z.lazy(() =>
  z.object({
    kind: z.enum(['group', 'repeat']),
    name: NameSchema,
    label: LocalizedSchema,
    hint: LocalizedSchema.optional(),
    relevant: z.string().optional(),
    appearance: z.string().optional(),
    row: z.number().int(),
    children: z.array(FormNodeSchema),
  }),
);
export const FormNodeSchema: z.ZodType<FormNode> = z.lazy(() => z.union([QuestionSchema, GroupSchema]));

export const FormDefinitionSchema = z.object({
  formId: NameSchema,
  /** XLSForm version string, e.g. "2026110101". */
  version: z.string().min(1).max(32),
  title: LocalizedSchema,
  kind: FormKindSchema,
  defaultLanguage: LanguageSchema,
  /** Languages that have labels in this form, default language first. */
  languages: z.array(LanguageSchema).min(1),
  children: z.array(FormNodeSchema),
  choices: z.record(z.string(), z.array(ChoiceSchema)),
});
export type FormDefinition = z.infer<typeof FormDefinitionSchema>;

/**
 * One answer. Numbers for integer/decimal, string[] for select_multiple, an array of
 * instances for a repeat, strings for the rest (dates as YYYY-MM-DD, images as attachment ids).
 * Answers to non-relevant questions are absent, never empty strings.
 */
export type AnswerValue = string | number | string[] | Answers[];
export type Answers = { [name: string]: AnswerValue };

const MAX_TEXT = 20_000;
export const AnswerValueSchema: z.ZodType<AnswerValue> = z.lazy(() =>
  z.union([
    z.string().max(MAX_TEXT),
    z.number().finite(),
    z.array(z.string().max(200)).max(500),
    z.array(AnswersSchema).max(200),
  ]),
);
export const AnswersSchema: z.ZodType<Answers> = z.lazy(() =>
  z.record(NameSchema, AnswerValueSchema).refine((a) => Object.keys(a).length <= 1000, 'too many answers'),
);
