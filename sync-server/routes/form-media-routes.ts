// A form's images for the kiosks of an event that has the form, by content hash: a kiosk fetches
// each one its form change lists before it installs the form.
import type { FastifyInstance } from 'fastify';
import { mediaType } from '../../shared/forms/node/form-media';
import { readFormMedia } from '../events/form-media-store';
import type { RouteContext } from '../http/route';
import { kioskImageRoute } from './kiosk-image-route';

export function formMediaRoutes(app: FastifyInstance, ctx: RouteContext): void {
  kioskImageRoute(app, ctx, {
    url: '/v1/sync/form-media/:sha256',
    summary: "An image of a form of the kiosk's event, by its SHA-256 (image/png or image/jpeg)",
    what: 'form image',
    async find(db, eventId, sha256) {
      const media = await readFormMedia(db, eventId, sha256);
      return (
        media && { contentType: mediaType(media.name) ?? 'application/octet-stream', bytes: media.bytes }
      );
    },
  });
}
