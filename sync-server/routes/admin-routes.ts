// The people's endpoints: events, forms, enrolment codes, kiosks and the records collected.
import type { FastifyInstance } from 'fastify';
import {
  AssignDeviceRequestSchema,
  CreateEventRequestSchema,
  DeviceListQuerySchema,
  DeviceListResponseSchema,
  DeviceParamsSchema,
  DeviceResponseSchema,
  EnrolCodeRequestSchema,
  EnrolCodeResponseSchema,
  EventListResponseSchema,
  EventParamsSchema,
  EventResponseSchema,
  FormListResponseSchema,
  FormUploadRequestSchema,
  FormUploadResponseSchema,
  SubmissionListResponseSchema,
  SubmissionsQuerySchema,
} from '../../shared/sync/admin-api';
import { listDevices } from '../devices/devices-store';
import { assignKiosk, issueEnrolCode, revokeKiosk } from '../devices/kiosk-setup';
import { setUpEvent } from '../events/event-setup';
import { listEvents, listForms } from '../events/events-store';
import { uploadForm } from '../events/form-upload';
import { auditPersonalRead } from '../console/audit';
import { addRoute, type RouteContext } from '../http/route';
import { listSubmissions } from '../sync/submissions-store';
import { ANALYSTS, EVERYONE, MANAGERS, OFFICE, PERSONAL_DATA, seesPersonalData } from './roles';

export function adminRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { s } = ctx;
  addRoute(app, ctx, {
    method: 'POST',
    url: '/v1/events',
    summary: 'Create an event',
    tag: 'events',
    access: MANAGERS,
    status: 201,
    body: CreateEventRequestSchema,
    response: EventResponseSchema,
    handler: async ({ body, principal, now }) => ({
      event: await setUpEvent(s, body, principal.token.name, now),
    }),
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: '/v1/events',
    summary: 'List events',
    tag: 'events',
    access: EVERYONE,
    response: EventListResponseSchema,
    handler: async () => ({ events: await listEvents(s) }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: '/v1/events/:eventId/forms',
    summary:
      'Attach a form version to an event: an XLSForm as survey, choices and settings CSV text, or its .xlsx workbook as base64 (xlsx, fileName); its images as media [{ name, base64 }]',
    tag: 'events',
    access: MANAGERS,
    params: EventParamsSchema,
    body: FormUploadRequestSchema,
    response: FormUploadResponseSchema,
    handler: async ({ params, body, principal, now }) =>
      uploadForm(s, params.eventId, body, principal.token.name, now),
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: '/v1/events/:eventId/forms',
    summary: "List an event's form versions",
    tag: 'events',
    access: OFFICE,
    params: EventParamsSchema,
    response: FormListResponseSchema,
    handler: async ({ params }) => ({ forms: await listForms(s.db, params.eventId) }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: '/v1/events/:eventId/enrol-codes',
    summary: 'Create a one-time enrolment code for a kiosk joining the event',
    tag: 'devices',
    access: MANAGERS,
    status: 201,
    params: EventParamsSchema,
    body: EnrolCodeRequestSchema,
    response: EnrolCodeResponseSchema,
    handler: async ({ params, body, principal, now }) => {
      const { eventId } = params;
      const { expiresInSeconds } = body;
      return issueEnrolCode(s, { eventId, expiresInSeconds }, principal.token.name, now);
    },
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: '/v1/devices',
    summary: 'List kiosks with their last sync and backlog',
    tag: 'devices',
    access: MANAGERS,
    query: DeviceListQuerySchema,
    response: DeviceListResponseSchema,
    handler: async ({ query }) => ({ devices: await listDevices(s, query) }),
  });

  addRoute(app, ctx, {
    method: 'PUT',
    url: '/v1/devices/:deviceId/assignment',
    summary: 'Move a kiosk to an event and choose the forms it offers',
    tag: 'devices',
    access: MANAGERS,
    params: DeviceParamsSchema,
    body: AssignDeviceRequestSchema,
    response: DeviceResponseSchema,
    handler: async ({ params, body, principal, now }) => ({
      device: await assignKiosk(s, params.deviceId, body, principal.token.name, now),
    }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: '/v1/devices/:deviceId/revoke',
    summary: 'Revoke a kiosk: it is refused from its next request on',
    tag: 'devices',
    access: MANAGERS,
    params: DeviceParamsSchema,
    response: DeviceResponseSchema,
    handler: async ({ params, principal, now }) => ({
      device: await revokeKiosk(s, params.deviceId, principal.token.name, now),
    }),
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: '/v1/submissions',
    summary: `Page through an event's records as the kiosks sent them; anonymised (no pii answers, photos or pass ids) unless the role is ${PERSONAL_DATA.join(' or ')} (then each page read is audited)`,
    tag: 'records',
    access: ANALYSTS,
    query: SubmissionsQuerySchema,
    response: SubmissionListResponseSchema,
    handler: async ({ query, principal }) => {
      const anonymised = !seesPersonalData(principal.token.role);
      const page = await listSubmissions(s, query, anonymised);
      const first = page.submissions[0];
      if (!anonymised && first !== undefined) {
        await auditPersonalRead(s, principal.token, {
          via: 'api',
          eventId: query.eventId,
          records: page.submissions.length,
          firstId: first.id,
          lastId: page.submissions.at(-1)?.id,
          columns: 'all',
        });
      }
      return page;
    },
  });
}
