// The validated, typed form a kiosk runs: what an XLSForm sheet becomes after import.
// Kiosk core, renderer and (later) the sync server all read this one shape.
import { z } from 'zod';

/**
 * A form language: a lower-case ISO 639 code as a label column names it ('es', 'en', 'oto',
 * 'nah'), optionally with subtags, or a private-use code ('x-maya') for a column named only by a
 * language name we have no code for. Old kiosks and servers knew only 'es' and 'en'.
 */
export const LanguageSchema = z
  .string()
  .max(35)
  .regex(/^(?:[a-z]{2,3}|x(?=-))(?:-[a-z0-9]{1,8})*$/, 'not a language code');
export type Language = z.infer<typeof LanguageSchema>;

/** The languages the kiosk's own words (renderer catalogues, exports) come in; Spanish first. */
export const UI_LANGUAGES = ['es', 'en'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];
export const UiLanguageSchema = z.enum(UI_LANGUAGES);

/** The catalogue for a form language: its own when the kiosk has one, else Spanish. */
export function uiLanguage(language: Language): UiLanguage {
  return UI_LANGUAGES.find((ui) => ui === language) ?? 'es';
}

/** Text per language; the form's default language is always present, others may be missing. */
// A record keyed by a code grammar, not an enum: every key may be absent, as indexing says.
export const LocalizedSchema = z.record(LanguageSchema, z.string());
export type Localized = z.infer<typeof LocalizedSchema>;

export const FormKindSchema = z.enum(['registration', 'survey', 'heritage']);
export type FormKind = z.infer<typeof FormKindSchema>;

export const QuestionTypeSchema = z.enum([
  'text',
  'integer',
  'decimal',
  'range',
  'select_one',
  'select_multiple',
  /** Every choice of its list in the order the person ranks them (string[]). */
  'rank',
  'date',
  'time',
  'dateTime',
  /** "lat lon [altitude [accuracy]]"; geotrace and geoshape are such points joined by ";". */
  'geopoint',
  'geotrace',
  'geoshape',
  'barcode',
  /** Answered "OK" once the person acknowledges the label. */
  'acknowledge',
  'note',
  'calculate',
  /** Never shown: a value from its default or calculation. */
  'hidden',
  /** Filled by the kiosk (see `metadata`), never shown. */
  'metadata',
  'image',
  'audio',
  'video',
  'file',
]);
export type QuestionType = z.infer<typeof QuestionTypeSchema>;

// `__proto__` would set an object's prototype rather than an answer. One regex, no refine:
// this schema checks every answer key of every record a server ingests.
export const NameSchema = z
  .string()
  .regex(/^(?!__proto__$)[A-Za-z_][A-Za-z0-9_.-]{0,254}$/, 'not a valid XLSForm name');

/** What a metadata question records: the session's start and end, the date, the device and user. */
export const MetadataKindSchema = z.enum([
  'start',
  'end',
  'today',
  'deviceid',
  'username',
  'phonenumber',
  'email',
  'simserial',
  'subscriberid',
  'audit',
]);
export type MetadataKind = z.infer<typeof MetadataKindSchema>;

export const ChoiceSchema = z.object({
  name: z.string().min(1).max(64),
  label: LocalizedSchema,
  /** Image file per language (the choices sheet's image / media::image column). */
  image: LocalizedSchema.optional(),
  /** The choices sheet's other columns, which choice_filter expressions read by bare name. */
  data: z.record(z.string(), z.string()).optional(),
});
export type Choice = z.infer<typeof ChoiceSchema>;

/**
 * XLSForm lets two groups hold the same name; answers are keyed by name, so a later row with a
 * name already taken is keyed `group__name` and keeps the sheet's name here (see duplicate-names.ts).
 */
const XlsformNameSchema = NameSchema.optional();

export const QuestionSchema = z.object({
  kind: z.literal('question'),
  type: QuestionTypeSchema,
  name: NameSchema,
  xlsformName: XlsformNameSchema,
  label: LocalizedSchema,
  hint: LocalizedSchema.optional(),
  /** Choice list name for select_one / select_multiple. */
  listName: z.string().optional(),
  required: z.boolean(),
  /** Required as an expression (the required column holding other than yes/no). */
  requiredIf: z.string().optional(),
  requiredMessage: LocalizedSchema.optional(),
  readOnly: z.boolean().optional(),
  /** Read-only as an expression. */
  readOnlyIf: z.string().optional(),
  /** Initial value of a new response or repeat instance (the default column, static). */
  default: z.string().optional(),
  /** A default computed when the response or repeat instance starts (a dynamic default). */
  defaultExpression: z.string().optional(),
  /** Which choices a select offers: evaluated per choice, bare names read the choice's columns. */
  choiceFilter: z.string().optional(),
  /**
   * Choices from earlier answers (`select_one ${name}`): the answers to this question, one choice
   * per instance of its repeat, instead of a choice list.
   */
  choicesFrom: NameSchema.optional(),
  /** select_*_from_file: the CSV attachment its choice list (listName) was read from. */
  fromFile: z.string().optional(),
  /** Recalculate (calculation) only when one of these questions changes. */
  trigger: z.array(NameSchema).optional(),
  /** The parameters column as key=value pairs (range start/end/step, randomize, seed, max-pixels). */
  parameters: z.record(z.string(), z.string()).optional(),
  metadata: MetadataKindSchema.optional(),
  guidanceHint: LocalizedSchema.optional(),
  /** Image file per language shown with the label (media::image). */
  image: LocalizedSchema.optional(),
  relevant: z.string().optional(),
  constraint: z.string().optional(),
  constraintMessage: LocalizedSchema.optional(),
  calculation: z.string().optional(),
  appearance: z.string().optional(),
  /** audio, video and file questions: the body::accept column, an HTML accept list (".pdf,.csv", "audio/*"). */
  accept: z.string().max(500).optional(),
  /** Personal data: kept out of anonymised exports. */
  pii: z.boolean(),
  /** 1-based row in the survey sheet, for error messages. */
  row: z.number().int(),
});
export type Question = z.infer<typeof QuestionSchema>;

export type Group = {
  kind: 'group' | 'repeat';
  name: string;
  /** The sheet's name when another row took it first (see QuestionSchema). */
  xlsformName?: string | undefined;
  label: Localized;
  /** Shown with the group, e.g. "If you spent nothing on an item enter 0". */
  hint?: Localized | undefined;
  relevant?: string | undefined;
  appearance?: string | undefined;
  /** Repeats: how many instances, as a number or an expression (repeat_count). */
  repeatCount?: string | undefined;
  row: number;
  children: FormNode[];
};
export type FormNode = Question | Group;

export const GroupSchema: z.ZodType<Group> = z.lazy(() =>
  z.object({
    kind: z.enum(['group', 'repeat']),
    name: NameSchema,
    xlsformName: XlsformNameSchema,
    label: LocalizedSchema,
    hint: LocalizedSchema.optional(),
    relevant: z.string().optional(),
    appearance: z.string().optional(),
    repeatCount: z.string().optional(),
    row: z.number().int(),
    children: z.array(FormNodeSchema),
  }),
);
export const FormNodeSchema: z.ZodType<FormNode> = z.lazy(() => z.union([QuestionSchema, GroupSchema]));

export const FormDefinitionSchema = z.object({
  formId: NameSchema,
  /** XLSForm version string, e.g. "2026110101". */
  version: z
    .string()
    .min(1)
    .max(32)
    .regex(/^[^\p{C}\p{Zl}\p{Zp}]+$/u, 'a form version is one line of printable text'),
  title: LocalizedSchema,
  kind: FormKindSchema,
  defaultLanguage: LanguageSchema,
  /** Languages that have labels in this form, default language first. */
  languages: z.array(LanguageSchema).min(1),
  /** Each language's name as the label column gives it ("Hñähñu" from `label::Hñähñu (oto)`). */
  languageNames: z.record(LanguageSchema, z.string().min(1).max(64)).optional(),
  children: z.array(FormNodeSchema),
  choices: z.record(z.string(), z.array(ChoiceSchema)),
  /** A name for each record (settings instance_name), as an expression. */
  instanceName: z.string().optional(),
});
export type FormDefinition = z.infer<typeof FormDefinitionSchema>;

/**
 * One answer. Numbers for integer/decimal, string[] for select_multiple, an array of
 * instances for a repeat, strings for the rest (dates as YYYY-MM-DD, images as attachment ids).
 * Answers to non-relevant questions are absent, never empty strings.
 */
export type AnswerValue = string | number | string[] | Answers[];
export type Answers = { [name: string]: AnswerValue };

export const MAX_TEXT = 20_000;
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
