// An event's branding as the server keeps it and kiosks pull it: colours that have passed the WCAG
// AA contrast checks, and images (a logo, an attract loop) named by their SHA-256. Only values
// that passed these schemas ever reach a kiosk's CSS.
import { z } from 'zod';
import { NameSchema } from '../forms/form-definition';
import { contrastRatio, MIN_TEXT_CONTRAST, MIN_UI_CONTRAST, parseHexColour } from './contrast';

export const HexColourSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'write a colour as #rrggbb')
  .transform((colour) => colour.toLowerCase());

export const BRAND_COLOUR_NAMES = ['background', 'text', 'accent', 'onAccent', 'primary'] as const;
export type BrandColourName = (typeof BRAND_COLOUR_NAMES)[number];
export const BrandColourNameSchema = z.enum(BRAND_COLOUR_NAMES);
export type BrandColours = Record<BrandColourName, string>;

/**
 * The kiosk's own look (renderer styles, kiosk.css): the attract screen's background and text, its
 * start buttons (accent, with onAccent labels) and the forms' primary buttons (white labels).
 */
export const DEFAULT_BRAND_COLOURS: Readonly<BrandColours> = {
  background: '#0b3a63',
  text: '#ffffff',
  accent: '#ffffff',
  onAccent: '#0b3a63',
  primary: '#0b4f8a',
};

const WHITE = '#ffffff';

/** What a person reads or must tell apart, and the contrast WCAG 2.1 AA asks of it. */
const CONTRAST_PAIRS: readonly {
  fore: BrandColourName | 'white';
  back: BrandColourName;
  min: number;
}[] = [
  { fore: 'text', back: 'background', min: MIN_TEXT_CONTRAST },
  { fore: 'onAccent', back: 'accent', min: MIN_TEXT_CONTRAST },
  // The start buttons' edges against the screen (1.4.11, non-text contrast).
  { fore: 'accent', back: 'background', min: MIN_UI_CONTRAST },
  { fore: 'white', back: 'primary', min: MIN_TEXT_CONTRAST },
];

/** The first pair under its minimum, as a sentence naming both colours and the ratio; null when all pass. */
export function contrastProblem(colours: BrandColours): string | null {
  for (const { fore, back, min } of CONTRAST_PAIRS) {
    const foreHex = fore === 'white' ? WHITE : colours[fore];
    const [f, b] = [parseHexColour(foreHex), parseHexColour(colours[back])];
    if (f === null || b === null) return `not a colour: ${f === null ? foreHex : colours[back]}`;
    const ratio = contrastRatio(f, b);
    // Rounded down, so that "4.50:1" is never printed for a ratio that failed.
    if (ratio < min) {
      const shown = Math.floor(ratio * 100) / 100;
      const foreName = fore === 'white' ? `white text ${WHITE}` : `${fore} ${foreHex}`;
      return `${foreName} on ${back} ${colours[back]} has a contrast of ${shown.toFixed(2)}:1; WCAG AA needs at least ${min}:1`;
    }
  }
  return null;
}

export const BrandColoursSchema = z
  .strictObject({
    background: HexColourSchema,
    text: HexColourSchema,
    accent: HexColourSchema,
    onAccent: HexColourSchema,
    primary: HexColourSchema,
  })
  .superRefine((colours, ctx) => {
    const problem = contrastProblem(colours);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

export const BRAND_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const BrandImageTypeSchema = z.enum(BRAND_IMAGE_TYPES);
export type BrandImageType = z.infer<typeof BrandImageTypeSchema>;
/** Kiosks keep every image of their event: a logo or a full-screen photo needs no more. */
export const MAX_BRAND_IMAGE_BYTES = 1024 * 1024;
export const MAX_BRAND_IMAGE_SIDE = 4096;
export const MAX_ATTRACT_IMAGES = 8;

export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 in lower-case hex');

export const BrandImageSchema = z.strictObject({
  sha256: Sha256HexSchema,
  contentType: BrandImageTypeSchema,
  width: z.number().int().min(1).max(MAX_BRAND_IMAGE_SIDE),
  height: z.number().int().min(1).max(MAX_BRAND_IMAGE_SIDE),
  size: z.number().int().min(1).max(MAX_BRAND_IMAGE_BYTES),
});
export type BrandImage = z.infer<typeof BrandImageSchema>;

/** Null colours or logo and an empty loop: that part keeps the kiosk's own look. */
export const EventBrandingSchema = z.strictObject({
  colours: BrandColoursSchema.nullable(),
  logo: BrandImageSchema.nullable(),
  attract: z.array(BrandImageSchema).max(MAX_ATTRACT_IMAGES),
});
export type EventBranding = z.infer<typeof EventBrandingSchema>;

/** The "branding" stream's one kind, id = the event id; null branding: the event has none (any more). */
export const BrandingPayloadSchema = z.object({
  eventId: NameSchema,
  branding: EventBrandingSchema.nullable(),
});
export type BrandingPayload = z.infer<typeof BrandingPayloadSchema>;

const Base64ImageSchema = z
  .base64('an image is sent as base64')
  .max(Math.ceil(MAX_BRAND_IMAGE_BYTES / 3) * 4, 'an image may be at most 1 MiB');

/**
 * A change of an event's branding (admin API): colours given are merged onto the current ones
 * (or the kiosk's own), a logo replaces the logo (null removes it), attract replaces the loop;
 * clear removes everything first.
 */
export const BrandingUpdateSchema = z.strictObject({
  clear: z.boolean().default(false),
  colours: z.partialRecord(BrandColourNameSchema, HexColourSchema).optional(),
  logo: Base64ImageSchema.nullable().optional(),
  attract: z.array(Base64ImageSchema).max(MAX_ATTRACT_IMAGES).optional(),
});
export type BrandingUpdate = z.input<typeof BrandingUpdateSchema>;

export const BrandingResponseSchema = z.object({
  branding: EventBrandingSchema.nullable(),
  serverTime: z.iso.datetime({ offset: true }),
});
