// A form's images for the kiosks of an event that has the form, by content hash: a kiosk fetches
// each one its form change lists before it installs the form.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Sha256HexSchema } from '../../shared/sync/branding';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { authenticate } from '../auth/authenticate';
import { mediaType } from '../../electron/core/forms/form-media';
import { readFormMedia } from '../events/form-media-store';
import type { RouteContext } from '../http/route';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';

const MediaParamsSchema = z.strictObject({ sha256: Sha256HexSchema });

export function formMediaRoutes(app: FastifyInstance, { s, openApi }: RouteContext): void {
  app.route({
    method: 'GET',
    url: '/v1/sync/form-media/:sha256',
    schema: {
      summary: "An image of a form of the kiosk's event, by its SHA-256 (image/png or image/jpeg)",
      tags: ['kiosk'],
      security: [{ bearer: [] }],
      params: openApi.convert(MediaParamsSchema, 'input'),
      response: {
        200: { description: 'The image', type: 'string', format: 'binary' },
        '4XX': openApi.convert(ErrorBodySchema, 'output'),
        '5XX': openApi.convert(ErrorBodySchema, 'output'),
      },
    },
    handler: async (request, reply) => {
      const { device } = await authenticate(s, request, 'device');
      const { sha256 } = parseOrThrow(MediaParamsSchema, request.params, 'params');
      const media = await readFormMedia(s.db, device.event_id, sha256);
      if (media === undefined)
        throw new SyncError('not_found', `no form image ${sha256} in this kiosk's event`);
      return reply
        .header('content-type', mediaType(media.name) ?? 'application/octet-stream')
        .send(media.bytes);
    },
  });
}
