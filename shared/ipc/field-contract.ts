// The IPC channels of field records (heritage and other staff-only forms): drafts autosaved as
// staff type, photos saved as they are taken, saved records edited as revisions, and conflicts
// between revisions made offline on two kiosks. Every channel needs a staff session.
import { z } from 'zod';
import { AnswersSchema, FormDefinitionSchema, LanguageSchema, NameSchema } from '../forms/form-definition';
import { ATTACHMENT_MIMES, MAX_ATTACHMENT_BYTES } from '../sync/attachment-formats';
import { AttachmentNameSchema, RecordIdSchema } from '../sync/protocol';

const StaffToken = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/);
const staff = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ token: StaffToken, ...shape });
const IsoTime = z.iso.datetime({ offset: true });

/**
 * An attachment travels over IPC as base64: a photo (resized on capture), a recording or a chosen
 * file, up to the largest limit of any type; the core checks the limit of the type it claims.
 */
export const MAX_ATTACHMENT_IPC_BYTES = MAX_ATTACHMENT_BYTES;
const AttachmentMimeSchema = z.enum(ATTACHMENT_MIMES);

export const DraftIdSchema = z.uuid();

/** Where staff stood in the form, so a resumed draft opens on the same page. */
export const DraftPositionSchema = z.object({
  /** The page's path as the engine names it ("nombre_portador", "ingredientes.2.ingrediente"), or a repeat's list ("ingredientes"). */
  path: z.string().max(300),
});

export const DraftSchema = z.object({
  draftId: DraftIdSchema,
  formId: NameSchema,
  formVersion: z.string().min(1).max(32),
  language: LanguageSchema,
  answers: AnswersSchema,
  position: DraftPositionSchema,
  /** Editing a saved record: its id, and the revision(s) this draft was made from (two for a merge). */
  recordId: RecordIdSchema.nullable(),
  baseRevisions: z.array(RecordIdSchema).max(2),
  startedAt: IsoTime,
  updatedAt: IsoTime,
});
export type Draft = z.infer<typeof DraftSchema>;

/** One line of the field-records list: a draft in progress or a saved record (its current revision). */
export const FieldEntrySchema = z.object({
  kind: z.enum(['draft', 'record']),
  /** Drafts only. */
  draftId: DraftIdSchema.nullable(),
  /** Records, and drafts that edit a record. */
  recordId: RecordIdSchema.nullable(),
  formId: NameSchema,
  /** The form's title, for the list. */
  title: FormDefinitionSchema.shape.title,
  /** Up to three answers that say what this is (bearer, practice…), in form order. */
  summary: z.array(z.string().max(200)).max(3),
  /** Records: the current revision number (the highest, in a conflict). */
  revision: z.number().int().nullable(),
  /** Records: two or more current revisions made from one base on different kiosks; staff must choose or merge. */
  conflict: z.boolean(),
  /** Records: false when the bearer refused to be recorded (a minimal record). */
  complete: z.boolean(),
  /** Photos this record or draft names that the server has not confirmed yet. */
  photosWaiting: z.number().int().min(0),
  /** Made on this kiosk (false: pulled from another kiosk of the event). */
  here: z.boolean(),
  updatedAt: IsoTime,
});
export type FieldEntry = z.infer<typeof FieldEntrySchema>;

/** One revision of a record, for history and for the side-by-side conflict view. */
export const RevisionViewSchema = z.object({
  id: RecordIdSchema,
  recordId: RecordIdSchema,
  revision: z.number().int().min(1),
  parents: z.array(RecordIdSchema),
  formId: NameSchema,
  formVersion: z.string(),
  language: LanguageSchema,
  complete: z.boolean(),
  answers: AnswersSchema,
  deviceId: z.string(),
  editedBy: z.string().nullable(),
  createdAt: IsoTime,
  /** No later revision names it as a parent. */
  current: z.boolean(),
});
export type RevisionView = z.infer<typeof RevisionViewSchema>;

export const fieldContract = {
  /** The staff-only forms installed for this kiosk's event (heritage, or marked staff-only). */
  'field:forms': { input: staff({}), output: z.object({ forms: z.array(FormDefinitionSchema) }) },
  /** Drafts and saved records on this kiosk, newest first; `query` matches any text answer or a date (YYYY-MM-DD). */
  'field:list': {
    input: staff({ query: z.string().max(200).optional() }),
    output: z.object({ entries: z.array(FieldEntrySchema).max(500), total: z.number().int() }),
  },
  /** Creates (no draftId) or replaces a draft, durably, before answering. */
  'draft:save': {
    input: staff({
      draftId: DraftIdSchema.optional(),
      formId: NameSchema,
      formVersion: z.string().min(1).max(32),
      language: LanguageSchema,
      answers: AnswersSchema,
      position: DraftPositionSchema,
      recordId: RecordIdSchema.nullable().optional(),
      baseRevisions: z.array(RecordIdSchema).max(2).optional(),
      startedAt: IsoTime,
    }),
    output: z.object({ draftId: DraftIdSchema, savedAt: IsoTime }),
  },
  'draft:get': { input: staff({ draftId: DraftIdSchema }), output: DraftSchema },
  'draft:discard': {
    input: staff({ draftId: DraftIdSchema }),
    output: z.object({ discarded: z.literal(true) }),
  },
  /**
   * Checks the draft's answers (complete unless the bearer refused consent, which the form allows),
   * then writes the revision with its outbox row and deletes the draft, in one transaction.
   */
  'draft:finish': {
    input: staff({ draftId: DraftIdSchema, editedBy: z.string().trim().max(80).optional() }),
    output: z.object({
      recordId: RecordIdSchema,
      revisionId: RecordIdSchema,
      revision: z.number().int(),
      savedAt: IsoTime,
    }),
  },
  /** Starts editing a saved record from its current revision: a draft (the one already open, if any). */
  'record:edit': { input: staff({ recordId: RecordIdSchema }), output: DraftSchema },
  /** Every revision of a record, oldest first; in a conflict, two or more are current. */
  'record:revisions': {
    input: staff({ recordId: RecordIdSchema }),
    output: z.object({ revisions: z.array(RevisionViewSchema) }),
  },
  /**
   * Resolves a conflict: a draft whose base revisions are the current ones and whose answers are
   * what staff chose field by field; finishing it makes the merge revision with both as parents.
   */
  'record:merge': {
    input: staff({ recordId: RecordIdSchema, answers: AnswersSchema, language: LanguageSchema }),
    output: DraftSchema,
  },
  /**
   * Saves a photo (already resized and stripped of metadata by the renderer), a recording or a
   * chosen file durably, once its bytes are checked to be a whole file of `mime`; answers its name
   * (and a photo's dimensions).
   */
  'attachment:save': {
    input: staff({
      mime: AttachmentMimeSchema,
      base64: z
        .string()
        .max(Math.ceil(MAX_ATTACHMENT_IPC_BYTES / 3) * 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
    }),
    output: z.object({
      name: AttachmentNameSchema,
      size: z.number().int(),
      width: z.number().int().nullable(),
      height: z.number().int().nullable(),
    }),
  },
  /** A stored attachment, for previews, thumbnails and playback. */
  'attachment:get': {
    input: staff({ name: AttachmentNameSchema }),
    output: z.object({
      name: AttachmentNameSchema,
      mime: AttachmentMimeSchema,
      base64: z.string(),
    }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
