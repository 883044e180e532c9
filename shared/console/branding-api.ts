// Where the console reads and changes an event's branding under /console/api (the admin API's
// schemas in shared/sync/branding.ts, so the same checks and messages) and fetches its images.
import { z } from 'zod';
import { Sha256HexSchema } from '../sync/branding';
import { EventIdSchema } from '../sync/protocol';
import { CONSOLE_API } from './console-api';

export const BrandImageParamsSchema = z.strictObject({ eventId: EventIdSchema, sha256: Sha256HexSchema });

/** Under CONSOLE_API: what the page sends to and reads from. */
export const brandingPath = (eventId: string): string =>
  `/setup/events/${encodeURIComponent(eventId)}/branding`;

/** A full URL, for an <img>: the session cookie goes with it. */
export const brandImageUrl = (eventId: string, sha256: string): string =>
  `${CONSOLE_API}${brandingPath(eventId)}/${sha256}`;
