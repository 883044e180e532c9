// Event branding: coordinators set it (colours checked for contrast, images by content), everyone
// with access reads it, and the event's kiosks fetch its images by hash.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BrandingResponseSchema, BrandingUpdateSchema, Sha256HexSchema } from '../../shared/sync/branding';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { EventParamsSchema } from '../../shared/sync/admin-api';
import { authenticate } from '../auth/authenticate';
import { readBrandImage, readEventBranding, updateEventBranding } from '../events/event-branding';
import { addRoute, type RouteContext } from '../http/route';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { EVERYONE, MANAGERS } from './roles';

const ImageParamsSchema = z.strictObject({ sha256: Sha256HexSchema });

export function brandingRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { s, openApi } = ctx;
  addRoute(app, ctx, {
    method: 'GET',
    url: '/v1/events/:eventId/branding',
    summary: "An event's branding: colours, logo and attract images (null: the kiosks' own look)",
    tag: 'events',
    access: EVERYONE,
    params: EventParamsSchema,
    response: BrandingResponseSchema,
    handler: async ({ params }) => ({ branding: await readEventBranding(s.db, params.eventId) }),
  });

  addRoute(app, ctx, {
    method: 'PUT',
    url: '/v1/events/:eventId/branding',
    summary:
      "Change an event's branding: colours (#rrggbb, merged onto the current ones, refused under WCAG AA contrast), a logo and attract images as base64 PNG, JPEG or WebP (SVG refused), or clear; kiosks get it at their next sync",
    tag: 'events',
    access: MANAGERS,
    params: EventParamsSchema,
    body: BrandingUpdateSchema,
    response: BrandingResponseSchema,
    handler: async ({ params, body, now }) => ({
      branding: await updateEventBranding(s, params.eventId, body, now),
    }),
  });

  app.route({
    method: 'GET',
    url: '/v1/sync/branding/:sha256',
    schema: {
      summary: "An image of the kiosk's event branding, by its SHA-256 (image/png, image/jpeg or image/webp)",
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
      const image = await readBrandImage(s.db, device.event_id, sha256);
      if (image === undefined) {
        throw new SyncError('not_found', `no branding image ${sha256} in this kiosk's event`);
      }
      return reply.header('content-type', image.contentType).send(image.bytes);
    },
  });
}
