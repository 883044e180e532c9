// The kiosk's endpoints: enrolment, push and pull.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  EnrolRequestSchema,
  FirstSeqHeaderSchema,
  HEADERS,
  EnrolResponseSchema,
  PullQuerySchema,
  PullResponseSchema,
  PushRequestSchema,
  PushResponseSchema,
} from '../../shared/sync/protocol';
import { bearerToken } from '../auth/authenticate';
import { enrolDevice, recordDeviceSeen } from '../devices/devices-store';
import { clientOf } from '../http/exchange';
import { addRoute, type RouteContext } from '../http/route';
import { readChanges } from '../sync/change-log';
import { runsFieldForms } from '../sync/field-forms';
import { DeviceOrder, type DeviceOrderOptions, type PlaceInLine } from '../sync/device-order';
import { applyPush } from '../sync/push';
import { admitPushes, PushAdmission, pushingKiosk, type AdmissionLimits } from '../sync/push-admission';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';

/**
 * Registered in a scope of their own: here a prototype key in a body is left to the push, which
 * refuses the one record holding it (payload-shape.ts) instead of the whole batch as bad JSON.
 * JSON.parse makes such a key an own property, never the object's prototype.
 */
export async function syncRoutes(
  app: FastifyInstance,
  ctx: RouteContext,
  bundleKey: string | undefined,
  admission?: Partial<AdmissionLimits>,
  pushOrder?: DeviceOrderOptions,
): Promise<void> {
  // The key kiosks seal USB bundles to: in every enrolment and pull answer, absent when none.
  const key = bundleKey === undefined ? {} : { bundleKey };
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('ignore', 'ignore'),
  );
  addRoute(app, ctx, {
    method: 'POST',
    url: '/v1/enrol',
    summary:
      'Enrol a kiosk with a one-time code; answers its device token and event. Enrolling an existing device id again needs its current token (Authorization) or a code created since its enrolment',
    tag: 'kiosk',
    access: 'public',
    body: EnrolRequestSchema,
    response: EnrolResponseSchema,
    handler: async ({ body, request, now }) => {
      const enrolled = await enrolDevice(ctx.s, body, now, bearerToken(request));
      request.log.info({ deviceId: enrolled.deviceId, eventId: enrolled.eventId }, 'kiosk enrolled');
      return { ...enrolled, ...key };
    },
  });

  // Before authentication and before the body is read: a busy server answers at once, and an
  // admitted push takes its place in its kiosk's line (device-order.ts), by the first seq it
  // says it carries if it says one.
  const admit = admitPushes(new PushAdmission(admission));
  const order = new DeviceOrder(pushOrder);
  const places = new WeakMap<FastifyRequest, PlaceInLine>();
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== '/v1/sync/push') return undefined;
    const header = request.headers[HEADERS.firstSeq];
    const firstSeq =
      header === undefined ? undefined : parseOrThrow(FirstSeqHeaderSchema, header, HEADERS.firstSeq);
    const refused = await admit(request, reply);
    if (refused !== undefined) return refused;
    const place = order.enter(pushingKiosk(request), firstSeq);
    places.set(request, place);
    reply.raw.once('close', place.leave);
    return undefined;
  });
  addRoute(app, ctx, {
    method: 'POST',
    url: '/v1/sync/push',
    summary: "Upload a batch of the kiosk's outbox; answers the seq settled through and refused records",
    tag: 'kiosk',
    access: 'device',
    body: PushRequestSchema,
    response: PushResponseSchema,
    handler: async ({ body, principal, request, now }) => {
      const { device } = principal;
      const client = clientOf(request);
      const seen = { appVersion: client.app, protocolVersion: client.protocol, backlog: body.backlog };
      const result = await applyPush(ctx.s, ctx.forms, device, body, seen, now, places.get(request));
      request.log.info(
        {
          deviceId: device.id,
          changes: body.changes.length,
          ackedThroughSeq: result.ackedThroughSeq,
          rejected: result.rejected.length,
        },
        'push applied',
      );
      return result;
    },
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: '/v1/sync/pull',
    summary:
      "Download the changes for this kiosk after a cursor: its set-up (stream=kiosk); for door kiosks, tickets, keys, revocations and scans (stream=door); for kiosks that run a field form, every revision of the event's field records (stream=records); its event's branding (stream=branding)",
    tag: 'kiosk',
    access: 'device',
    query: PullQuerySchema,
    response: PullResponseSchema,
    handler: async ({ query, principal, request, now }) => {
      const { device } = principal;
      const client = clientOf(request);
      await recordDeviceSeen(
        ctx.s.db,
        device,
        { appVersion: client.app, protocolVersion: client.protocol },
        now,
      );
      // Field records name people and their practices: only kiosks that make them see them.
      if (query.stream === 'records' && !(await runsFieldForms(ctx.s.db, device))) {
        throw new SyncError(
          'forbidden',
          'Only kiosks that offer a field form (a heritage or staff-only form) pull field records',
          { field: 'stream' },
        );
      }
      // Box-office codes, holders and every door's scans: for the event's doors only.
      if (query.stream === 'door' && device.mode !== 'door') {
        throw new SyncError(
          'forbidden',
          'Only door kiosks pull the door stream: the coordinator makes this kiosk a door (quiosco admin device mode)',
          { field: 'stream' },
        );
      }
      const page = await readChanges(ctx.s.db, { deviceId: device.id, eventId: device.event_id }, query);
      return { ...page, ...key };
    },
  });
}
