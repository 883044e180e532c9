// The console's forms page: an event's forms with their versions and which kiosk runs which, a
// version's definition (for the preview and the side-by-side view), and uploading a form the way
// `quiosco admin form add` and POST /v1/events/:id/forms do (CSV trio or .xlsx with the images it
// names, faults located as survey!C14). Reading is the office's; uploading the managers', audited.
import type { FastifyInstance } from 'fastify';
import { CONSOLE_API, EventQuerySchema } from '../../shared/console/console-api';
import {
  ConsoleFormsResponseSchema,
  FormDefinitionResponseSchema,
  FormVersionParamsSchema,
} from '../../shared/console/setup-api';
import { FormUploadRequestSchema, FormUploadResponseSchema } from '../../shared/sync/admin-api';
import { uploadForm } from '../events/form-upload';
import { formsOverview } from '../events/form-overview';
import { readFormVersion } from '../events/form-version';
import { addRoute, type RouteContext } from '../http/route';
import { MANAGERS, OFFICE } from '../routes/roles';

export function formsRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { s } = ctx;
  addRoute(app, ctx, {
    method: 'GET',
    url: `${CONSOLE_API}/setup/forms`,
    summary: "An event's forms: versions with their record counts, and the version each kiosk last used",
    tag: 'console',
    access: OFFICE,
    query: EventQuerySchema,
    response: ConsoleFormsResponseSchema,
    handler: async ({ query }) => ({ forms: await formsOverview(s, query.eventId) }),
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: `${CONSOLE_API}/setup/forms/:formId/versions/:version`,
    summary: 'One form version as the kiosks get it (for the preview and comparing versions)',
    tag: 'console',
    access: OFFICE,
    params: FormVersionParamsSchema,
    query: EventQuerySchema,
    response: FormDefinitionResponseSchema,
    handler: async ({ params, query }) => ({
      definition: await readFormVersion(s.db, query.eventId, params.formId, params.version),
    }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: `${CONSOLE_API}/setup/forms`,
    summary: 'Attach a form version to an event: CSV trio (survey, choices, settings) or .xlsx as base64',
    tag: 'console',
    access: MANAGERS,
    query: EventQuerySchema,
    body: FormUploadRequestSchema,
    response: FormUploadResponseSchema,
    handler: async ({ query, body, principal, now }) =>
      uploadForm(s, query.eventId, body, principal.token.name, now),
  });
}
