// `quiosco admin event brand EVENT …`: an event's colours, logo and attract images, checked as the
// admin API checks them (contrast, image content), sent to the event's kiosks at their next sync.
import { readFileSync } from 'node:fs';
import { BRAND_COLOUR_NAMES, BrandColourNameSchema, type BrandColourName } from '../../shared/sync/branding';
import type { EventBranding } from '../../shared/sync/branding';
import { brandEvent } from '../../sync-server/events/event-setup';
import { CliFailure, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseCli } from '../parse-cli';
import { terminalText } from '../terminal-text';
import { cliActor } from './cli-actor';
import { withDatabase } from './with-database';

export const BRAND_USAGE = `  event brand EVENT [--clear] [--colour NAME=#rrggbb …] [--logo FILE | --no-logo] [--attract FILE …]
                                         the event's branding: colours (${BRAND_COLOUR_NAMES.join(', ')};
                                         refused under WCAG AA contrast), a logo and attract images
                                         (PNG, JPEG or WebP up to 1 MiB; SVG refused); --attract
                                         replaces the whole loop; --clear starts from the kiosks' own look`;

export async function eventBrand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({
    args,
    options: {
      data: { type: 'string' },
      clear: { type: 'boolean' },
      colour: { type: 'string', multiple: true },
      logo: { type: 'string' },
      'no-logo': { type: 'boolean' },
      attract: { type: 'string', multiple: true },
    },
    allowPositionals: true,
  });
  const [eventId, ...extra] = positionals;
  if (eventId === undefined) throw new UsageError('name the event');
  if (extra.length > 0) throw new UsageError(`one event at a time (got ${positionals.length})`);
  if (values.logo !== undefined && values['no-logo'] === true) {
    throw new UsageError('--logo and --no-logo together: choose one');
  }
  const update = {
    clear: values.clear === true,
    ...(values.colour !== undefined && { colours: parseColours(values.colour) }),
    ...(values.logo !== undefined && { logo: readImage(values.logo) }),
    ...(values['no-logo'] === true && { logo: null }),
    ...(values.attract !== undefined && { attract: values.attract.map(readImage) }),
  };
  const branding = await withDatabase(values.data, (s) => brandEvent(s, eventId, update, cliActor()));
  for (const line of describeBranding(eventId, branding)) io.out(line);
  return EXIT_OK;
}

function parseColours(pairs: string[]): Partial<Record<BrandColourName, string>> {
  const colours: Partial<Record<BrandColourName, string>> = {};
  for (const pair of pairs) {
    const [name = '', value = ''] = pair.split('=', 2);
    const parsed = BrandColourNameSchema.safeParse(name);
    if (!parsed.success || !pair.includes('=')) {
      throw new UsageError(
        `--colour takes NAME=#rrggbb with NAME one of ${BRAND_COLOUR_NAMES.join(', ')}, not "${terminalText(pair)}"`,
      );
    }
    colours[parsed.data] = value;
  }
  return colours;
}

function readImage(path: string): string {
  try {
    return readFileSync(path).toString('base64');
  } catch (e) {
    throw new CliFailure(`cannot read ${terminalText(path)}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function describeBranding(eventId: string, branding: EventBranding | null): string[] {
  if (branding === null) return [`Event ${eventId} has no branding: kiosks show their own look.`];
  const colours =
    branding.colours === null
      ? "the kiosks' own"
      : BRAND_COLOUR_NAMES.map((name) => `${name} ${branding.colours?.[name]}`).join(', ');
  const image = (i: { contentType: string; width: number; height: number; sha256: string }) =>
    `${i.contentType} ${i.width}×${i.height} ${i.sha256.slice(0, 12)}`;
  return [
    `Event ${eventId} branding saved; kiosks get it at their next sync.`,
    `  colours: ${colours}`,
    `  logo: ${branding.logo === null ? 'none' : image(branding.logo)}`,
    `  attract loop: ${branding.attract.length === 0 ? 'none' : branding.attract.map(image).join('; ')}`,
  ];
}
