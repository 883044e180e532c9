// The console's events page: the list (archived ones on request), creating an event with its
// dates, time zone and capacity, editing them, archiving and restoring. For managers; every
// change audited with what changed.
import type { FastifyInstance } from 'fastify';
import { CONSOLE_API } from '../../shared/console/console-api';
import { EventParamsSchema } from '../../shared/sync/admin-api';
import {
  ArchiveRequestSchema,
  EventCreateSchema,
  EventDetailsListResponseSchema,
  EventDetailsResponseSchema,
  EventEditSchema,
  EventListQuerySchema,
} from '../../shared/console/setup-api';
import { listEventDetails } from '../events/event-details';
import { changeEventDetails, setEventArchived, setUpEventWithDetails } from '../events/event-setup';
import { addRoute, type RouteContext } from '../http/route';
import { MANAGERS } from '../routes/roles';

export function eventsRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { s } = ctx;
  addRoute(app, ctx, {
    method: 'GET',
    url: `${CONSOLE_API}/setup/events`,
    summary:
      'Events with their dates, time zone, capacity and archive state (archived=true to include archived ones)',
    tag: 'console',
    access: MANAGERS,
    query: EventListQuerySchema,
    response: EventDetailsListResponseSchema,
    handler: async ({ query }) => ({ events: await listEventDetails(s, query.archived) }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: `${CONSOLE_API}/setup/events`,
    summary: 'Create an event with its dates, time zone and capacity',
    tag: 'console',
    access: MANAGERS,
    status: 201,
    body: EventCreateSchema,
    response: EventDetailsResponseSchema,
    handler: async ({ body, principal, now }) => ({
      event: await setUpEventWithDetails(s, body, principal.token.name, now),
    }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: `${CONSOLE_API}/setup/events/:eventId`,
    summary: "Change an event's name, dates, time zone and capacity",
    tag: 'console',
    access: MANAGERS,
    params: EventParamsSchema,
    body: EventEditSchema,
    response: EventDetailsResponseSchema,
    handler: async ({ params, body, principal, now }) => ({
      event: await changeEventDetails(s, params.eventId, body, principal.token.name, now),
    }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: `${CONSOLE_API}/setup/events/:eventId/archive`,
    summary: 'Archive an event (hidden, no new kiosks; its records stay) or restore it',
    tag: 'console',
    access: MANAGERS,
    params: EventParamsSchema,
    body: ArchiveRequestSchema,
    response: EventDetailsResponseSchema,
    handler: async ({ params, body, principal, now }) => ({
      event: await setEventArchived(s, params.eventId, body.archived, principal.token.name, now),
    }),
  });
}
