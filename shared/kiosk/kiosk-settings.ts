// What staff can change on a kiosk. The PIN hash lives beside it in the kiosk database and
// never crosses IPC.
import { z } from 'zod';
import { LanguageSchema, NameSchema } from '../forms/form-definition';

export const OfferedFormSchema = z.object({
  formId: NameSchema,
  /** What an idle reset does with a half-filled form: drop it, or save it as incomplete. */
  onIdle: z.enum(['discard', 'keep']),
  /**
   * Reached only from the staff side after the PIN ("Registros de campo"), never from the attract
   * screen. Forms of kind heritage are staff-only whatever this says.
   */
  staffOnly: z.boolean().optional(),
});
export type OfferedForm = z.infer<typeof OfferedFormSchema>;

export const KioskModeSchema = z.enum(['visitor', 'door']);
export type KioskMode = z.infer<typeof KioskModeSchema>;

/** The event plus this many days, by default (keepAcknowledgedDays). */
export const KEEP_ACKNOWLEDGED_DAYS = 30;

export const KioskSettingsSchema = z.object({
  deviceName: z.string().trim().min(1).max(80),
  eventId: NameSchema,
  /** Forms shown on the attract screen, in this order. */
  offeredForms: z.array(OfferedFormSchema).max(20),
  languages: z.array(LanguageSchema).min(1),
  defaultLanguage: LanguageSchema,
  idleTimeoutSeconds: z.number().int().min(15).max(3600),
  /** How long the "are you still there?" warning shows before the reset. */
  idleWarningSeconds: z.number().int().min(5).max(120),
  privacyNotice: z.object({
    version: z.string().min(1).max(40),
    url: z.url().max(500),
  }),
  /** visitor: the attract screen and forms; door: ticket check-in for staff (issue 4). */
  mode: KioskModeSchema.default('visitor'),
  /** Where the kiosk stands: a geopoint question's answer when the device cannot locate itself. */
  location: z
    .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
    .optional(),
  /** The gate a door kiosk stands at, recorded with every scan and shown to other doors. */
  gate: z.string().trim().min(1).max(64).default('Puerta 1'),
  /**
   * Days the kiosk keeps its copies of records the server acknowledged, counted from the last
   * record it made (the event's end, in effect): a server restored from an older backup gets them
   * again within that time.
   */
  keepAcknowledgedDays: z.number().int().min(1).max(3650).default(KEEP_ACKNOWLEDGED_DAYS),
  /**
   * Refuse to write a USB bundle in clear: until the kiosk has heard the server's bundle key, it
   * writes none (docs/sync-protocol.md#sealed-bundles). Absent: sealed when the key is known.
   */
  requireSealedBundles: z.boolean().optional(),
});
export type KioskSettings = z.infer<typeof KioskSettingsSchema>;

/** What unlocks: 4-digit PINs set before 6 became the minimum still open the kiosks they are on. */
export const PinSchema = z.string().regex(/^[0-9]{4,8}$/, 'PIN must be 4 to 8 digits');
/** A PIN being set: 10^6 values at the lockout's pace of 5 guesses per 15 minutes take years. */
export const NEW_PIN_RULE = 'The staff PIN must be 6 to 8 digits';
export const NewPinSchema = z.string().regex(/^[0-9]{6,8}$/, NEW_PIN_RULE);
