// The people's side of the sync server's HTTP API (events, forms, kiosks, exports), reached with
// API tokens that carry a role. The CLI (`quiosco admin`) does the same on the database directly.
import { z } from 'zod';
import { FormDefinitionSchema, LocalizedSchema, NameSchema } from '../forms/form-definition';
import { MediaUseSchema } from '../forms/media-uses';
import { KioskModeSchema, OfferedFormSchema } from '../kiosk/kiosk-settings';
import {
  CursorSchema,
  DeviceIdSchema,
  EventIdSchema,
  IsoTimeSchema,
  RecordIdSchema,
  SubmissionPayloadSchema,
} from './protocol';

export const RoleSchema = z.enum(['admin', 'coordinator', 'statistician', 'door_supervisor']);
export type Role = z.infer<typeof RoleSchema>;
/** Door supervisors are people at the door with a console account; scripts never need the role. */
export const ApiTokenRoleSchema = RoleSchema.exclude(['door_supervisor']);
export type ApiTokenRole = z.infer<typeof ApiTokenRoleSchema>;

export const EventSchema = z.object({ id: EventIdSchema, name: z.string(), createdAt: IsoTimeSchema });
export type Event = z.infer<typeof EventSchema>;

export const CreateEventRequestSchema = z.strictObject({
  id: EventIdSchema,
  name: z.string().trim().min(1).max(200),
});
export const EventResponseSchema = z.object({ event: EventSchema, serverTime: IsoTimeSchema });
export const EventListResponseSchema = z.object({ events: z.array(EventSchema), serverTime: IsoTimeSchema });

export const EventParamsSchema = z.strictObject({ eventId: EventIdSchema });

const MAX_SHEET_CHARS = 1_000_000;
/** An XLSForm saved as three CSV sheets, as text. */
export const FormCsvUploadSchema = z.strictObject({
  survey: z.string().min(1).max(MAX_SHEET_CHARS),
  choices: z.string().max(MAX_SHEET_CHARS),
  settings: z.string().min(1).max(MAX_SHEET_CHARS),
});
// Base64 of a workbook of up to ~3.7 MB: what fits in the server's 5 MiB body limit.
const MAX_WORKBOOK_BASE64 = 5_000_000;
/** An XLSForm workbook (.xlsx) as base64, with its file name: the form id when settings give none. */
export const FormXlsxUploadSchema = z.strictObject({
  xlsx: z
    .string()
    .min(1)
    .max(MAX_WORKBOOK_BASE64)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'the workbook as base64'),
  fileName: z.string().min(1).max(200).optional(),
});
/**
 * The images the form names (`media::image`), as base64 beside either kind of upload; the server
 * checks each as kiosks do (plain PNG/JPEG name, bytes of that type, 2 MiB) and refuses the upload
 * when one is not fit.
 */
const FormMediaUploadSchema = z
  .array(
    z.strictObject({
      name: z.string().min(1).max(128),
      base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the image as base64'),
    }),
  )
  .max(200)
  .optional();
export const FormUploadRequestSchema = z.union([
  FormCsvUploadSchema.extend({ media: FormMediaUploadSchema }),
  FormXlsxUploadSchema.extend({ media: FormMediaUploadSchema }),
]);
export type FormUploadRequest = z.infer<typeof FormUploadRequestSchema>;

export const FormSummarySchema = z.object({
  eventId: EventIdSchema,
  formId: NameSchema,
  version: FormDefinitionSchema.shape.version,
  kind: FormDefinitionSchema.shape.kind,
  title: LocalizedSchema,
  createdAt: IsoTimeSchema,
});
export type FormSummary = z.infer<typeof FormSummarySchema>;

/**
 * "unchanged": this exact version and its images were already attached; uploading again is harmless.
 * "media_replaced": the same version with another set of images, which now replace the old ones.
 */
export const FormUploadStatusSchema = z.enum(['added', 'unchanged', 'media_replaced']);
export type FormUploadStatus = z.infer<typeof FormUploadStatusSchema>;

export const FormUploadResponseSchema = z.object({
  form: FormSummarySchema,
  status: FormUploadStatusSchema,
  /** Where the form names an image that was not sent with it (absent from older servers). */
  missingMedia: z.array(MediaUseSchema).optional(),
  serverTime: IsoTimeSchema,
});
export const FormListResponseSchema = z.object({
  forms: z.array(FormSummarySchema),
  serverTime: IsoTimeSchema,
});

export const ENROL_CODE_DEFAULT_SECONDS = 15 * 60;
export const EnrolCodeRequestSchema = z.strictObject({
  expiresInSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(ENROL_CODE_DEFAULT_SECONDS),
});
export const EnrolCodeResponseSchema = z.object({
  /** Shown once; the server keeps only its hash. */
  code: z.string(),
  eventId: EventIdSchema,
  expiresAt: IsoTimeSchema,
  serverTime: IsoTimeSchema,
});

export const DeviceSchema = z.object({
  id: DeviceIdSchema,
  name: z.string(),
  eventId: EventIdSchema,
  offeredForms: z.array(OfferedFormSchema),
  /** door: pulls the door stream and pushes scans; visitor: neither. */
  mode: KioskModeSchema,
  enrolledAt: IsoTimeSchema,
  revokedAt: IsoTimeSchema.nullable(),
  /** The highest outbox seq the server has settled for this kiosk. */
  ackedThroughSeq: CursorSchema,
  lastPushAt: IsoTimeSchema.nullable(),
  lastSeenAt: IsoTimeSchema.nullable(),
  /** Outbox rows the kiosk still had waiting at its last push. */
  backlog: z.number().int().nullable(),
  appVersion: z.string().nullable(),
  protocolVersion: z.number().int().nullable(),
});
export type Device = z.infer<typeof DeviceSchema>;

export const DeviceParamsSchema = z.strictObject({ deviceId: DeviceIdSchema });
export const DeviceListQuerySchema = z.strictObject({ eventId: EventIdSchema.optional() });
export const DeviceListResponseSchema = z.object({
  devices: z.array(DeviceSchema),
  serverTime: IsoTimeSchema,
});
export const DeviceResponseSchema = z.object({ device: DeviceSchema, serverTime: IsoTimeSchema });

/** Moves a kiosk to an event and chooses the forms it offers (each must be attached to that event). */
export const AssignDeviceRequestSchema = z.strictObject({
  eventId: EventIdSchema,
  offeredForms: z.array(OfferedFormSchema).max(20),
  /** Make the kiosk a door or a visitor kiosk; left out: unchanged. */
  mode: KioskModeSchema.optional(),
});
export type AssignDeviceRequest = z.infer<typeof AssignDeviceRequestSchema>;

export const MAX_EXPORT_PAGE = 1000;
export const SubmissionsQuerySchema = z.strictObject({
  eventId: EventIdSchema,
  /** Keyset paging: the `next` of the previous page. */
  after: RecordIdSchema.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_EXPORT_PAGE).default(500),
});
export const SubmissionRowSchema = z.object({
  id: RecordIdSchema,
  deviceId: DeviceIdSchema,
  receivedAt: IsoTimeSchema,
  payload: SubmissionPayloadSchema,
});
export type SubmissionRow = z.infer<typeof SubmissionRowSchema>;
export const SubmissionListResponseSchema = z.object({
  submissions: z.array(SubmissionRowSchema),
  /** Pass as `after` for the next page; null on the last page. */
  next: RecordIdSchema.nullable(),
  /**
   * True for roles not allowed personal data: answers to pii questions and photos are left out
   * (as in an anonymised export) and passId is null.
   */
  anonymised: z.boolean(),
  serverTime: IsoTimeSchema,
});
