// An image a kiosk fetches by its SHA-256 (a branding image, a form's image): only a kiosk's own
// token, only what its event holds, and a 404 that names what was missing.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Sha256HexSchema } from '../../shared/sync/branding';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { authenticate } from '../auth/authenticate';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { RouteContext } from '../http/route';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';

const ImageParamsSchema = z.strictObject({ sha256: Sha256HexSchema });

export type KioskImage = { contentType: string; bytes: Uint8Array };

export function kioskImageRoute(
  app: FastifyInstance,
  { s, openApi }: RouteContext,
  route: {
    url: string;
    summary: string;
    /** What "no such image" names: "branding image", "form image". */
    what: string;
    find(db: Kysely<Database>, eventId: string, sha256: string): Promise<KioskImage | undefined>;
  },
): void {
  app.route({
    method: 'GET',
    url: route.url,
    schema: {
      summary: route.summary,
      tags: ['kiosk'],
      security: [{ bearer: [] }],
      params: openApi.convert(ImageParamsSchema, 'input'),
      response: {
        200: { description: 'The image', type: 'string', format: 'binary' },
        '4XX': openApi.convert(ErrorBodySchema, 'output'),
        '5XX': openApi.convert(ErrorBodySchema, 'output'),
      },
    },
    handler: async (request, reply) => {
      const { device } = await authenticate(s, request, 'device');
      const { sha256 } = parseOrThrow(ImageParamsSchema, request.params, 'params');
      const image = await route.find(s.db, device.event_id, sha256);
      if (image === undefined) {
        throw new SyncError('not_found', `no ${route.what} ${sha256} in this kiosk's event`);
      }
      return reply.header('content-type', image.contentType).send(image.bytes);
    },
  });
}
