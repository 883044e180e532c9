// The console's endpoints under /console/api: signing in and out, and the reads its pages show.
// Reads go through addRoute with the same role rules as /v1 (a session cookie stands for a token
// of the user's role); nothing here is personal data, so statisticians read all of it; door
// supervisors read the session, the event list and a door-only dashboard.
import type { FastifyInstance } from 'fastify';
import {
  CONSOLE_API,
  ConsoleEventsResponseSchema,
  DashboardQuerySchema,
  DashboardResponseSchema,
  EventQuerySchema,
  KiosksResponseSchema,
  SessionResponseSchema,
  SessionStateSchema,
  SignedOutResponseSchema,
  SignInRequestSchema,
  type ConsoleForm,
  type Kiosk,
} from '../../shared/console/console-api';
import type { ServerDb } from '../db/server-database';
import { listDevices } from '../devices/devices-store';
import { listEvents, listForms } from '../events/events-store';
import { serverTimeOf } from '../http/exchange';
import { addRoute, type RouteContext } from '../http/route';
import { EVERYONE, OFFICE } from '../routes/roles';
import { SyncError } from '../sync-error';
import { occupancy } from '../tickets/door-report';
import { parseOrThrow } from '../validation';
import { signIn } from './accounts';
import { audit } from './audit';
import { auditRoutes } from './audit-routes';
import { brandingRoutes } from './branding-routes';
import { recordsPerHour } from './dashboard-hours';
import { dataRoutes } from './data-routes';
import { eventsRoutes } from './events-routes';
import { exportDownload } from './export-download';
import { formsRoutes } from './forms-routes';
import type { HashGate } from './hash-gate';
import { kiosksRoutes } from './kiosks-routes';
import { previewRoutes } from './preview-routes';
import { checkCsrf, endSession, findSession, startSession } from './sessions';
import { usbRoutes } from './usb-routes';
import { usersRoutes } from './users-routes';
import { venuesRoutes } from './venues-routes';

/** `hashes`: the gate every sign-in's password hash passes (hash-gate.ts). */
export function consoleRoutes(app: FastifyInstance, ctx: RouteContext, hashes: HashGate): void {
  const { s } = ctx;
  app.post(
    `${CONSOLE_API}/session`,
    { schema: { summary: 'Sign in to the console', tags: ['console'] } },
    async (request, reply) => {
      // No session yet: the CSRF cookie is one the page set itself, echoed in the header.
      checkCsrf(request);
      const body = parseOrThrow(SignInRequestSchema, request.body, 'body');
      const user = await signIn(s, body, new Date(), hashes);
      await startSession(s, request, reply, user);
      return reply.send(SessionResponseSchema.parse({ user, serverTime: serverTimeOf(reply) }));
    },
  );

  app.post(
    `${CONSOLE_API}/session/end`,
    { schema: { summary: 'Sign out of the console', tags: ['console'] } },
    async (request, reply) => {
      const session = await findSession(s, request);
      if (session === undefined) throw new SyncError('unauthenticated', 'You are not signed in');
      await endSession(s, request, reply);
      await audit(s, { actor: session.user.username, action: 'sign_out' });
      return reply.send(SignedOutResponseSchema.parse({ signedOut: true, serverTime: serverTimeOf(reply) }));
    },
  );

  // Asked by every first visit before anyone signs in: "not signed in" is an answer, not a 401
  // (which browsers log as an error). Only the session cookie counts here; other routes still 401.
  app.get(
    `${CONSOLE_API}/session`,
    { schema: { summary: 'Who is signed in, if anyone', tags: ['console'] } },
    async (request, reply) => {
      const session = await findSession(s, request).catch((e: unknown) => {
        // An ended session (signed out, expired, account disabled) is "not signed in" too.
        if (e instanceof SyncError && e.code === 'unauthenticated') return undefined;
        throw e;
      });
      const serverTime = serverTimeOf(reply);
      const state =
        session === undefined
          ? { signedIn: false, serverTime }
          : { signedIn: true, user: session.user, serverTime };
      return reply.send(SessionStateSchema.parse(state));
    },
  );

  addRoute(app, ctx, {
    method: 'GET',
    url: `${CONSOLE_API}/events`,
    summary: 'Events with their forms and versions',
    tag: 'console',
    access: EVERYONE,
    response: ConsoleEventsResponseSchema,
    handler: async () => ({
      events: await Promise.all(
        (await openEvents(s)).map(async (event) => {
          // Versions oldest first: the last one seen gives the form its title.
          const forms = new Map<string, ConsoleForm>();
          for (const form of await listForms(s.db, event.id)) {
            const versions = [...(forms.get(form.formId)?.versions ?? []), form.version];
            forms.set(form.formId, { formId: form.formId, title: form.title, versions });
          }
          return { id: event.id, name: event.name, forms: [...forms.values()] };
        }),
      ),
    }),
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: `${CONSOLE_API}/kiosks`,
    summary: "An event's kiosks: last contact, backlog, refused records, app and protocol version",
    tag: 'console',
    access: OFFICE,
    query: EventQuerySchema,
    response: KiosksResponseSchema,
    handler: async ({ query }) => ({ kiosks: await kiosksOf(s, query.eventId) }),
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: `${CONSOLE_API}/dashboard`,
    summary: 'The live dashboard: records per hour by form and kiosk, kiosks not heard from, occupancy',
    tag: 'console',
    access: EVERYONE,
    query: DashboardQuerySchema,
    response: DashboardResponseSchema,
    handler: async ({ query, now, principal }) => {
      const staleBefore = new Date(now.getTime() - query.staleMinutes * 60_000).toISOString();
      // A door supervisor's dashboard is the door's: occupancy and the door kiosks, no records.
      const doorOnly = principal.token.role === 'door_supervisor';
      const [kiosks, hours, door] = await Promise.all([
        kiosksOf(s, query.eventId),
        doorOnly ? [] : recordsPerHour(s, query.eventId, now),
        occupancy(s, query.eventId),
      ]);
      return {
        eventId: query.eventId,
        hours,
        kiosks: kiosks
          .filter((k) => !doorOnly || k.mode === 'door')
          .map((k) => ({
            ...k,
            stale: k.revokedAt === null && (k.lastSeenAt === null || k.lastSeenAt < staleBefore),
          })),
        occupancy: door,
      };
    },
  });

  exportDownload(app, ctx);
  dataRoutes(app, ctx);
  kiosksRoutes(app, ctx);
  eventsRoutes(app, ctx);
  formsRoutes(app, ctx);
  // Its own scope: the renderer's assets are a second static root beside the console's.
  void app.register((scoped) => previewRoutes(scoped, ctx));
  usersRoutes(app, ctx);
  venuesRoutes(app, ctx);
  brandingRoutes(app, ctx);
  auditRoutes(app, ctx);
  // Its own scope: only there is a request body raw bytes (an uploaded USB bundle).
  void app.register((scoped) => usbRoutes(scoped, ctx));
}

/** The event picker's events: archived ones are hidden (the events page can show them). */
async function openEvents(s: ServerDb): Promise<{ id: string; name: string }[]> {
  const archived = await s.db
    .selectFrom('events')
    .select('id')
    .where('archived_at', 'is not', null)
    .execute();
  const hidden = new Set(archived.map((r) => r.id));
  return (await listEvents(s)).filter((e) => !hidden.has(e.id));
}

async function kiosksOf(s: ServerDb, eventId: string): Promise<Kiosk[]> {
  const [devices, refused] = await Promise.all([
    listDevices(s, { eventId }),
    s.db
      .selectFrom('push_rejections')
      .innerJoin('devices', 'devices.id', 'push_rejections.device_id')
      .select((eb) => ['push_rejections.device_id', eb.fn.countAll<number>().as('n')])
      .where('devices.event_id', '=', eventId)
      .groupBy('push_rejections.device_id')
      .execute(),
  ]);
  const refusedBy = new Map(refused.map((r) => [r.device_id, Number(r.n)]));
  return devices.map((d) => ({
    id: d.id,
    name: d.name,
    eventId: d.eventId,
    mode: d.mode,
    lastSeenAt: d.lastSeenAt,
    backlog: d.backlog,
    appVersion: d.appVersion,
    protocolVersion: d.protocolVersion,
    revokedAt: d.revokedAt,
    refused: refusedBy.get(d.id) ?? 0,
  }));
}
