// The console's event branding (events page): read it, change it with the admin API's checks and
// messages (contrast, images by content, SVG refused), and show its images. Managers only; every
// change audited as an event update and queued for the event's kiosks on the branding stream.
import type { FastifyInstance } from 'fastify';
import { BrandImageParamsSchema } from '../../shared/console/branding-api';
import { CONSOLE_API } from '../../shared/console/console-api';
import { BrandingResponseSchema, BrandingUpdateSchema } from '../../shared/sync/branding';
import { EventParamsSchema } from '../../shared/sync/admin-api';
import { authenticate } from '../auth/authenticate';
import { readBrandImage, readEventBranding } from '../events/event-branding';
import { brandEvent } from '../events/event-setup';
import { addRoute, type RouteContext } from '../http/route';
import { MANAGERS } from '../routes/roles';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';

export function brandingRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { s } = ctx;
  const url = `${CONSOLE_API}/setup/events/:eventId/branding`;
  addRoute(app, ctx, {
    method: 'GET',
    url,
    summary: "An event's branding: colours, logo and attract images (null: the kiosks' own look)",
    tag: 'console',
    access: MANAGERS,
    params: EventParamsSchema,
    response: BrandingResponseSchema,
    handler: async ({ params }) => ({ branding: await readEventBranding(s.db, params.eventId) }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url,
    summary:
      "Change an event's branding as PUT /v1/events/:eventId/branding does: colours merged and checked for WCAG AA contrast, a logo and attract images as base64 PNG, JPEG or WebP (SVG refused), or clear",
    tag: 'console',
    access: MANAGERS,
    params: EventParamsSchema,
    body: BrandingUpdateSchema,
    response: BrandingResponseSchema,
    handler: async ({ params, body, principal, now }) => ({
      branding: await brandEvent(s, params.eventId, body, principal.token.name, now),
    }),
  });

  app.get(
    `${url}/:sha256`,
    { schema: { summary: "An image of an event's branding, by its SHA-256", tags: ['console'] } },
    async (request, reply) => {
      await authenticate(s, request, MANAGERS);
      const { eventId, sha256 } = parseOrThrow(BrandImageParamsSchema, request.params, 'params');
      const image = await readBrandImage(s.db, eventId, sha256);
      if (image === undefined) throw new SyncError('not_found', `no branding image ${sha256} in ${eventId}`);
      // Named by its hash: the bytes never change.
      return reply
        .header('content-type', image.contentType)
        .header('cache-control', 'private, max-age=3600')
        .send(image.bytes);
    },
  );
}
