// Event branding: coordinators set it (colours checked for contrast, images by content; audited as
// the console's change is), everyone with access reads it, and the event's kiosks fetch its images
// by hash.
import type { FastifyInstance } from 'fastify';
import { BrandingResponseSchema, BrandingUpdateSchema } from '../../shared/sync/branding';
import { EventParamsSchema } from '../../shared/sync/admin-api';
import { readBrandImage, readEventBranding } from '../events/event-branding';
import { brandEvent } from '../events/event-setup';
import { addRoute, type RouteContext } from '../http/route';
import { kioskImageRoute } from './kiosk-image-route';
import { EVERYONE, MANAGERS } from './roles';

export function brandingRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { s } = ctx;
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
    handler: async ({ params, body, principal, now }) => ({
      branding: await brandEvent(s, params.eventId, body, principal.token.name, now),
    }),
  });

  kioskImageRoute(app, ctx, {
    url: '/v1/sync/branding/:sha256',
    summary: "An image of the kiosk's event branding, by its SHA-256 (image/png, image/jpeg or image/webp)",
    what: 'branding image',
    find: readBrandImage,
  });
}
