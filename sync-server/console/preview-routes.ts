// The console's form preview: the real kiosk renderer (built into dist/preview) opened on one
// form version, its kiosk:bootstrap answered from the forms table and its images from the
// version's stored media. Everything is read, nothing written; the office reads, as on the forms
// page, and a door supervisor is refused at the page itself, not by a broken kiosk.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  PREVIEW_PREFIX,
  PreviewBootstrapResponseSchema,
  PreviewMediaParamsSchema,
  PreviewPageParamsSchema,
  PreviewQuerySchema,
} from '../../shared/console/preview-api';
import { FormVersionParamsSchema } from '../../shared/console/setup-api';
import { CONSOLE_API } from '../../shared/console/console-api';
import type { FormDefinition, Language } from '../../shared/forms/form-definition';
import { FormMediaRequestSchema, mediaType } from '../../shared/forms/node/form-media';
import type { ChannelOutput } from '../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY } from '../../shared/kiosk/content-security-policy';
import { KEEP_ACKNOWLEDGED_DAYS, KioskSettingsSchema } from '../../shared/kiosk/kiosk-settings';
import { DEFAULT_PRIVACY_NOTICE } from '../../electron/core/kiosk-setup';
import { authenticate } from '../auth/authenticate';
import { readFormVersion } from '../events/form-version';
import { addRoute, type RouteContext } from '../http/route';
import { OFFICE } from '../routes/roles';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { builtDir } from './static';

/**
 * An image's address, its form, version and file checked by the kiosk's own request schema, so the
 * preview serves and refuses exactly the names a kiosk does (no path, PNG or JPEG only).
 */
const MediaParamsSchema = PreviewMediaParamsSchema.extend({
  ...FormMediaRequestSchema.shape,
  mediaFormId: FormMediaRequestSchema.shape.formId,
});

/** The kiosk's own policy, except that the console (same origin) may frame it. */
export const PREVIEW_CSP = CONTENT_SECURITY_POLICY.split('; ')
  .map((directive) => (directive.startsWith('frame-ancestors ') ? "frame-ancestors 'self'" : directive))
  .join('; ');

/** The preview's one kiosk: just this form, as a freshly set-up kiosk would offer it. */
export function previewBootstrap(
  eventId: string,
  definition: FormDefinition,
  language: Language | undefined,
): ChannelOutput<'kiosk:bootstrap'> {
  const settings = KioskSettingsSchema.parse({
    deviceName: 'Vista previa',
    eventId,
    // An idle reset drops the answers: a kept half-filled form would be saved, and a preview saves nothing.
    offeredForms: [{ formId: definition.formId, onIdle: 'discard' }],
    languages: ['es', 'en'],
    defaultLanguage: language ?? definition.defaultLanguage,
    // The longest the settings allow: an author reads and tries, a visitor walks away.
    idleTimeoutSeconds: 3600,
    idleWarningSeconds: 20,
    privacyNotice: DEFAULT_PRIVACY_NOTICE,
    mode: 'visitor',
    keepAcknowledgedDays: KEEP_ACKNOWLEDGED_DAYS,
  });
  return { deviceId: 'vista-previa', settings, forms: [definition], branding: null };
}

export async function previewRoutes(
  app: FastifyInstance,
  ctx: RouteContext,
  root = builtDir('preview'),
): Promise<void> {
  const { s } = ctx;
  addRoute(app, ctx, {
    method: 'GET',
    url: `${CONSOLE_API}/preview/forms/:formId/versions/:version`,
    summary: "The console preview's kiosk:bootstrap: a kiosk offering just this form version",
    tag: 'console',
    access: OFFICE,
    params: FormVersionParamsSchema,
    query: PreviewQuerySchema,
    response: PreviewBootstrapResponseSchema,
    handler: async ({ params, query }) => {
      const definition = await readFormVersion(s.db, query.eventId, params.formId, params.version);
      if (definition.kind === 'heritage') {
        throw new SyncError(
          'invalid_input',
          `${params.formId} is a field record (heritage): staff fill it in after the PIN, so the kiosk preview shows visitor forms only`,
          { field: 'formId' },
        );
      }
      return { bootstrap: previewBootstrap(query.eventId, definition, query.language) };
    },
  });

  // Refused before the handler runs, as addRoute refuses: a door supervisor never gets the page.
  // Pages, not API: left out of /openapi.json like the console's own page.
  const office = {
    schema: { hide: true },
    onRequest: async (request: FastifyRequest) => {
      await authenticate(s, request, OFFICE);
    },
  };

  // The renderer names a choice's image relative to the page: form-media/FORM/FILE.
  app.get(
    `${PREVIEW_PREFIX}:eventId/:formId/:version/form-media/:mediaFormId/:file`,
    office,
    async (request, reply) => {
      const params = parseOrThrow(MediaParamsSchema, request.params, 'params');
      const row = await s.db
        .selectFrom('form_media')
        .select(['name', 'bytes'])
        .where('event_id', '=', params.eventId)
        .where('form_id', '=', params.formId)
        .where('version', '=', params.version)
        .where('name', '=', params.file)
        .executeTakeFirst();
      if (row === undefined || params.mediaFormId !== params.formId) {
        throw new SyncError(
          'not_found',
          `no image ${params.file} in form ${params.formId} version ${params.version} of ${params.eventId}`,
        );
      }
      return reply
        .header('content-type', mediaType(row.name) ?? 'application/octet-stream')
        .header('content-security-policy', PREVIEW_CSP)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(row.bytes));
    },
  );

  const index = root === undefined ? undefined : readFileSync(join(root, 'index.html'), 'utf8');
  app.get(`${PREVIEW_PREFIX}:eventId/:formId/:version/`, office, async (request, reply) => {
    parseOrThrow(PreviewPageParamsSchema, request.params, 'params');
    if (index === undefined) {
      return reply.code(503).type('text/plain').send('The form preview is not built: run npm run build');
    }
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', PREVIEW_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .send(index);
  });

  if (root !== undefined && existsSync(join(root, 'assets'))) {
    // The renderer's code and styles are the kiosk's, no secret: served to anyone, like the console's.
    await app.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: `${PREVIEW_PREFIX}assets/`,
      decorateReply: false,
      setHeaders: (res) => {
        res.setHeader('content-security-policy', PREVIEW_CSP);
        res.setHeader('x-content-type-options', 'nosniff');
      },
    });
  }
}
