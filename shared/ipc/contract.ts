// The one IPC contract. Electron IPC (preload) and the web kiosk's HTTP API both carry these
// channels; the kiosk core validates every input against it before a handler runs.
import { z } from 'zod';
import { AnswersSchema, FormDefinitionSchema, LanguageSchema, NameSchema } from '../forms/form-definition';
import { KioskSettingsSchema, PinSchema } from '../kiosk/kiosk-settings';
import type { Result } from './result';

const StaffToken = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/);
const staff = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ token: StaffToken, ...shape });
const IsoTime = z.iso.datetime({ offset: true });

export const BootstrapSchema = z.object({
  deviceId: z.string(),
  settings: KioskSettingsSchema,
  /** The offered forms, in the order staff chose. */
  forms: z.array(FormDefinitionSchema),
});

export const StaffStatusSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  eventId: z.string(),
  savedToday: z.number().int(),
  savedTotal: z.number().int(),
  /** Outbox rows not yet acknowledged by the sync server. */
  pendingSync: z.number().int(),
  lastSyncAt: IsoTime.nullable(),
});

export const StaffConfigSchema = z.object({
  settings: KioskSettingsSchema,
  /** Every form installed on this kiosk (newest version of each), to choose from. */
  availableForms: z.array(
    z.object({
      formId: z.string(),
      version: z.string(),
      title: FormDefinitionSchema.shape.title,
      kind: FormDefinitionSchema.shape.kind,
    }),
  ),
});

export const contract = {
  'kiosk:bootstrap': { input: z.strictObject({}), output: BootstrapSchema },
  'submission:save': {
    input: z.strictObject({
      formId: NameSchema,
      formVersion: z.string().min(1).max(32),
      language: LanguageSchema,
      answers: AnswersSchema,
      /** false: an idle reset kept a half-filled form (its "onIdle" is "keep"). */
      complete: z.boolean(),
      startedAt: IsoTime,
    }),
    output: z.object({ id: z.string(), passId: z.string().nullable(), savedAt: IsoTime }),
  },
  'staff:unlock': {
    input: z.strictObject({ pin: PinSchema }),
    output: z.object({ token: StaffToken, expiresAt: IsoTime }),
  },
  'staff:lock': { input: staff({}), output: z.object({ locked: z.literal(true) }) },
  'staff:status': { input: staff({}), output: StaffStatusSchema },
  'staff:config': { input: staff({}), output: StaffConfigSchema },
  'staff:configure': { input: staff({ settings: KioskSettingsSchema }), output: StaffConfigSchema },
  'staff:change-pin': { input: staff({ newPin: PinSchema }), output: z.object({ changed: z.literal(true) }) },
  'staff:exit': { input: staff({}), output: z.object({ exited: z.literal(true) }) },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
export const CHANNELS = Object.keys(contract) as Channel[];

export const isChannel = (name: string): name is Channel => Object.hasOwn(contract, name);

/** What the preload exposes as `window.quiosco` and the web transport imitates. */
export type QuioscoBridge = {
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
};

/** Largest request body either transport accepts. */
export const MAX_PAYLOAD_BYTES = 1_000_000;
