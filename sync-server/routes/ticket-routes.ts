// The people's endpoints for tickets and door check-in. Kiosks never call these: they push scans
// and pull tickets, keys, revocations and scans through /v1/sync (the door stream).
import type { FastifyInstance } from 'fastify';
import { EventParamsSchema } from '../../shared/sync/admin-api';
import { addRoute, type RouteContext } from '../http/route';
import { listDoubleEntries, occupancy } from '../tickets/door-report';
import { doorConfig } from '../tickets/door-settings';
import {
  DoorSettingsRequestSchema,
  DoorSettingsResponseSchema,
  DoubleEntryListResponseSchema,
  IssueTicketsRequestSchema,
  IssueTicketsResponseSchema,
  OccupancyResponseSchema,
  RevocationActionSchema,
  RevocationRequestSchema,
  RevocationResponseSchema,
  TicketImportBodySchema,
  TicketImportQuerySchema,
  TicketImportResponseSchema,
  TicketKeyListResponseSchema,
  TicketKeyParamsSchema,
  TicketKeyResponseSchema,
  TicketListQuerySchema,
  TicketListResponseSchema,
} from '../tickets/ticket-api';
import { listTicketKeys } from '../tickets/ticket-keys-store';
import {
  addTicketKey,
  importTicketList,
  issueTicketBatch,
  retireKey,
  setDoorRules,
  setTicketRevocation,
} from '../tickets/ticket-setup';
import { codeFingerprint, listTickets } from '../tickets/tickets-store';
import { requireEvent } from '../events/events-store';
import type { Role } from '../../shared/sync/admin-api';
import { DOOR_READERS, DOOR_STAFF, MANAGERS, OFFICE, TICKET_CREDENTIALS } from './roles';

/** Roles without ticket credentials see box-office codes (credentials) and pass ids as fingerprints. */
const redacts = (role: Role): boolean => !(TICKET_CREDENTIALS as readonly Role[]).includes(role);

const REVOCATION_SUMMARY = {
  revoke:
    'Revoke a ticket or visitor pass for good (refunded, replaced); doors refuse it from their next pull',
  block: 'Block a ticket or visitor pass until it is unblocked (lost, under investigation)',
  unblock: 'Lift a block; a revoked ticket stays revoked',
} as const;

/** Registered in a scope of their own: only the import takes a text/csv body. */
export async function ticketRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { s } = ctx;
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  addRoute(app, ctx, {
    method: 'POST',
    url: '/v1/tickets/import',
    summary:
      "Import the box office's CSV export (text/csv, or JSON { csv }); bad rows are skipped or refuse the import (onError)",
    tag: 'tickets',
    access: MANAGERS,
    query: TicketImportQuerySchema,
    body: TicketImportBodySchema,
    response: TicketImportResponseSchema,
    handler: async ({ query, body, request, principal, now }) => {
      const report = await importTicketList(s, body, query.onError, principal.token.name, now);
      request.log.info({ ...report, errors: report.errors.length }, 'tickets imported');
      return report;
    },
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: '/v1/events/:eventId/tickets',
    summary: "Issue signed tickets (QR texts) with the event's newest active key",
    tag: 'tickets',
    access: MANAGERS,
    status: 201,
    params: EventParamsSchema,
    body: IssueTicketsRequestSchema,
    response: IssueTicketsResponseSchema,
    handler: async ({ params, body, principal, now }) => ({
      tickets: (await issueTicketBatch(s, params.eventId, body, principal.token.name, now)).tickets,
    }),
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: '/v1/events/:eventId/tickets',
    summary: `Page through an event's tickets (imported and issued) with their revocation state; QR texts, box-office codes and holders only for ${TICKET_CREDENTIALS.join(' or ')} (others: codes as fingerprints)`,
    tag: 'tickets',
    access: DOOR_READERS,
    params: EventParamsSchema,
    query: TicketListQuerySchema,
    response: TicketListResponseSchema,
    handler: async ({ params, query, principal }) =>
      listTickets(s, params.eventId, query, redacts(principal.token.role)),
  });

  for (const action of RevocationActionSchema.options) {
    addRoute(app, ctx, {
      method: 'POST',
      url: `/v1/tickets/${action}`,
      summary: REVOCATION_SUMMARY[action],
      tag: 'tickets',
      access: DOOR_STAFF,
      body: RevocationRequestSchema,
      response: RevocationResponseSchema,
      handler: async ({ body, principal, now }) =>
        setTicketRevocation(s, action, body, principal.token.name, now),
    });
  }

  addRoute(app, ctx, {
    method: 'GET',
    url: '/v1/events/:eventId/ticket-keys',
    summary: "The event's ticket keys (public halves), retired ones included",
    tag: 'tickets',
    access: OFFICE,
    params: EventParamsSchema,
    response: TicketKeyListResponseSchema,
    handler: async ({ params }) => ({ keys: await listTicketKeys(s.db, params.eventId) }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: '/v1/events/:eventId/ticket-keys',
    summary: 'Create a ticket signing key (rotation): new tickets are signed with the newest active key',
    tag: 'tickets',
    access: MANAGERS,
    status: 201,
    params: EventParamsSchema,
    response: TicketKeyResponseSchema,
    handler: async ({ params, principal, now }) => ({
      key: await addTicketKey(s, params.eventId, principal.token.name, now),
    }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: '/v1/events/:eventId/ticket-keys/:keyId/retire',
    summary: 'Retire a ticket key: tickets it signed read as forged at doors from their next pull',
    tag: 'tickets',
    access: MANAGERS,
    params: TicketKeyParamsSchema,
    response: TicketKeyResponseSchema,
    handler: async ({ params, principal, now }) => ({
      key: await retireKey(s, params.eventId, params.keyId, principal.token.name, now),
    }),
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: '/v1/events/:eventId/door',
    summary: "The event's door rules and capacity",
    tag: 'door',
    access: DOOR_READERS,
    params: EventParamsSchema,
    response: DoorSettingsResponseSchema,
    handler: async ({ params }) => {
      await requireEvent(s.db, params.eventId);
      return { door: await doorConfig(s.db, params.eventId) };
    },
  });

  addRoute(app, ctx, {
    method: 'PUT',
    url: '/v1/events/:eventId/door',
    summary:
      "Set the event's capacity and door rules (re-entry, visitor passes); doors get them at their next pull",
    tag: 'door',
    access: DOOR_STAFF,
    params: EventParamsSchema,
    body: DoorSettingsRequestSchema,
    response: DoorSettingsResponseSchema,
    handler: async ({ params, body, principal, now }) => ({
      door: await setDoorRules(s, params.eventId, body, principal.token.name, now),
    }),
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: '/v1/events/:eventId/double-entries',
    summary:
      'Tickets admitted twice (found when offline doors synced), each with the winning and the duplicate scan',
    tag: 'door',
    access: DOOR_READERS,
    params: EventParamsSchema,
    response: DoubleEntryListResponseSchema,
    handler: async ({ params, principal }) => {
      const found = await listDoubleEntries(s, params.eventId);
      const hide = redacts(principal.token.role);
      const doubleEntries = found.map((d) =>
        hide && d.ticket.source !== 'signed'
          ? { ...d, ticket: { ...d.ticket, id: codeFingerprint(d.ticket.id) } }
          : d,
      );
      return { eventId: params.eventId, doubleEntries };
    },
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: '/v1/events/:eventId/occupancy',
    summary:
      'People inside (entries minus exits, per gate) against the capacity, as far as scans have synced',
    tag: 'door',
    access: DOOR_READERS,
    params: EventParamsSchema,
    response: OccupancyResponseSchema,
    handler: async ({ params }) => occupancy(s, params.eventId),
  });
}
