// The console's venues: an event's venues with their capacities (add, rename, capacity, archive,
// restore) and which venue a door kiosk guards. For managers; every change audited.
import type { FastifyInstance } from 'fastify';
import { CONSOLE_API } from '../../shared/console/console-api';
import {
  KioskVenueRequestSchema,
  KioskVenueResponseSchema,
  VenueCreateSchema,
  VenueEditSchema,
  VenueListQuerySchema,
  VenueListResponseSchema,
  VenueParamsSchema,
  VenueResponseSchema,
} from '../../shared/console/venues-api';
import { DeviceParamsSchema, EventParamsSchema } from '../../shared/sync/admin-api';
import { addRoute, type RouteContext } from '../http/route';
import { MANAGERS } from '../routes/roles';
import { addVenue, changeVenue, placeDoorKiosk } from '../venues/venue-setup';
import { doorVenues, listVenues } from '../venues/venues-store';

export function venuesRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { s } = ctx;
  const venuesUrl = `${CONSOLE_API}/setup/events/:eventId/venues`;
  addRoute(app, ctx, {
    method: 'GET',
    url: venuesUrl,
    summary:
      "An event's venues with their capacities (the default venue first) and the venue each door kiosk guards (archived=true to include archived ones)",
    tag: 'console',
    access: MANAGERS,
    params: EventParamsSchema,
    query: VenueListQuerySchema,
    response: VenueListResponseSchema,
    handler: async ({ params, query }) => ({
      venues: await listVenues(s, params.eventId, query.archived),
      doors: await doorVenues(s, params.eventId),
    }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: venuesUrl,
    summary: 'Add a venue: a name unique in the event, and a capacity (null: no limit)',
    tag: 'console',
    access: MANAGERS,
    status: 201,
    params: EventParamsSchema,
    body: VenueCreateSchema,
    response: VenueResponseSchema,
    handler: async ({ params, body, principal, now }) => ({
      venue: await addVenue(s, params.eventId, body, principal.token.name, now),
    }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: `${venuesUrl}/:venueId`,
    summary:
      "Rename a venue, change its capacity, archive or restore it (the default venue's capacity is the door rules')",
    tag: 'console',
    access: MANAGERS,
    params: VenueParamsSchema,
    body: VenueEditSchema,
    response: VenueResponseSchema,
    handler: async ({ params, body, principal, now }) => ({
      venue: await changeVenue(s, params.eventId, params.venueId, body, principal.token.name, now),
    }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: `${CONSOLE_API}/kiosks/:deviceId/venue`,
    summary: "Put a door kiosk at a venue of its event (venueId null: the event's default venue)",
    tag: 'console',
    access: MANAGERS,
    params: DeviceParamsSchema,
    body: KioskVenueRequestSchema,
    response: KioskVenueResponseSchema,
    handler: async ({ params, body, principal, now }) =>
      placeDoorKiosk(s, params.deviceId, body, principal.token.name, now),
  });
}
