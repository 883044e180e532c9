// Photos of field records: kiosks upload them (the rest of a photo streamed in one request) and
// ask how far uploads got; people allowed personal data, and kiosks that pull the event's field
// records, download them.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AttachmentChunkQuerySchema,
  AttachmentNameSchema,
  AttachmentStatusListSchema,
  AttachmentStatusRequestSchema,
  AttachmentStatusSchema,
  ErrorBodySchema,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_STATUS_NAMES,
} from '../../shared/sync/protocol';
import { attachmentHeaders } from '../attachments/attachment-headers';
import {
  checkAnnouncedSize,
  checkBodyEnd,
  receiveUpload,
  UploadsInFlight,
} from '../attachments/attachment-intake';
import {
  attachmentBytes,
  attachmentState,
  attachmentStates,
  namedByRecordOf,
  namedByRecordsOf,
} from '../attachments/attachment-store';
import { authenticate, authenticateDeviceOr } from '../auth/authenticate';
import { auditPersonalRead } from '../console/audit';
import { deviceEventIds } from '../devices/devices-store';
import { serverTimeOf } from '../http/exchange';
import { addRoute, type RouteContext } from '../http/route';
import { runsFieldForms } from '../sync/field-forms';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { PERSONAL_DATA } from './roles';

const AttachmentParamsSchema = z.strictObject({ name: AttachmentNameSchema });
const MIB = 1024 * 1024;
const OCTET_STREAM = 'application/octet-stream';

const unsupported = () =>
  new SyncError('unsupported_media_type', `Send attachment chunks as ${OCTET_STREAM}`);

/**
 * Registered in a scope of their own: only here is a body raw bytes, handed to the handler as
 * the stream it arrives as (the handler reads it and enforces the limits); JSON only for status.
 */
export async function attachmentRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { s, openApi } = ctx;
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(OCTET_STREAM, (_request, payload, done) => done(null, payload));
  app.addContentTypeParser('application/json', { parseAs: 'string' }, json);
  app.addContentTypeParser('*', (_request, _payload, done) => done(unsupported(), undefined));
  const errors = {
    '4XX': openApi.convert(ErrorBodySchema, 'output'),
    '5XX': openApi.convert(ErrorBodySchema, 'output'),
  };

  /** A kiosk uploads only photos that a stored record of one of its events names. */
  const requireNamed = async (deviceId: string, name: string): Promise<void> => {
    if (!(await namedByRecordOf(s.db, name, await deviceEventIds(s.db, deviceId)))) {
      throw new SyncError(
        'not_found',
        `no stored record names this attachment (${name}): push the record first`,
      );
    }
  };
  const inFlight = new UploadsInFlight();
  const uploads = new WeakMap<
    FastifyRequest,
    { name: string; at: z.output<typeof AttachmentChunkQuerySchema> }
  >();

  app.route({
    method: 'PUT',
    url: '/v1/attachments/:name/chunks',
    schema: {
      summary: `Upload a photo, or the rest of it, from offset = the bytes the server holds (${OCTET_STREAM}, at most ${MAX_ATTACHMENT_BYTES / MIB} MiB); a request cut off keeps the bytes that arrived; the last bytes are verified against the name`,
      tags: ['kiosk'],
      security: [{ bearer: [] }],
      params: openApi.convert(AttachmentParamsSchema, 'input'),
      querystring: openApi.convert(AttachmentChunkQuerySchema, 'input'),
      body: { content: { [OCTET_STREAM]: { schema: { type: 'string', format: 'binary' } } } },
      response: { 200: openApi.convert(AttachmentStatusSchema, 'output'), ...errors },
    },
    // Who and what before the body is read: a chunk that will be refused is not worth receiving.
    onRequest: async (request) => {
      const { device } = await authenticate(s, request, 'device');
      const { name } = parseOrThrow(AttachmentParamsSchema, request.params, 'params');
      await requireNamed(device.id, name);
      checkAnnouncedSize(name, Number((request.query as Record<string, unknown>).size));
      const at = parseOrThrow(AttachmentChunkQuerySchema, request.query, 'query');
      const length = request.headers['content-length'];
      if (length !== undefined) checkBodyEnd(at, Number(length));
      uploads.set(request, { name, at });
    },
    handler: async (request, reply) => {
      const upload = uploads.get(request);
      if (upload === undefined) throw new Error(`no upload recorded for ${request.url}`);
      const { name, at } = upload;
      const body: unknown = request.body;
      if (!(body instanceof Readable)) throw unsupported();
      const state = await inFlight.track(
        name,
        receiveUpload(s, name, at, body, () => new Date()),
      );
      request.log.info(
        { name, offset: at.offset, received: state.received, complete: state.complete },
        'attachment upload',
      );
      return reply.send({ ...state, serverTime: serverTimeOf(reply) });
    },
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: '/v1/attachments/status',
    summary: `How far the server's copies of up to ${MAX_ATTACHMENT_STATUS_NAMES} photos reached, in one exchange: only the photos this kiosk may upload are answered (a stored record of its events names them)`,
    tag: 'kiosk',
    access: 'device',
    body: AttachmentStatusRequestSchema,
    response: AttachmentStatusListSchema,
    handler: async ({ principal, body }) => {
      const events = await deviceEventIds(s.db, principal.device.id);
      const named = await namedByRecordsOf(s.db, body.names, events);
      await inFlight.settled(body.names);
      return {
        attachments: await attachmentStates(
          s.db,
          [...new Set(body.names)].filter((n) => named.has(n)),
        ),
      };
    },
  });

  addRoute(app, ctx, {
    method: 'GET',
    url: '/v1/attachments/:name/status',
    summary:
      'How much of a photo the server holds (resume the upload at `received`), and whether it is complete',
    tag: 'kiosk',
    access: 'device',
    params: AttachmentParamsSchema,
    response: AttachmentStatusSchema,
    handler: async ({ principal, params }) => {
      await requireNamed(principal.device.id, params.name);
      await inFlight.settled([params.name]);
      return attachmentState(s.db, params.name);
    },
  });

  app.route({
    method: 'GET',
    url: '/v1/attachments/:name',
    schema: {
      summary:
        "A photo's bytes (image/jpeg or image/png), streamed: for roles allowed personal data, and kiosks that pull the field records of the event it belongs to",
      tags: ['records'],
      security: [{ bearer: [] }],
      params: openApi.convert(AttachmentParamsSchema, 'input'),
      response: { 200: { description: 'The image', type: 'string', format: 'binary' }, ...errors },
    },
    handler: async (request, reply) => {
      const principal = await authenticateDeviceOr(s, request, PERSONAL_DATA);
      const { name } = parseOrThrow(AttachmentParamsSchema, request.params, 'params');
      if (principal.kind === 'device') {
        const { device } = principal;
        const allowed =
          (await runsFieldForms(s.db, device)) && (await namedByRecordOf(s.db, name, [device.event_id]));
        if (!allowed) {
          throw new SyncError(
            'forbidden',
            "A kiosk reads only the photos of its event's field records, and only if it offers a field form",
          );
        }
      }
      const state = await attachmentState(s.db, name);
      if (!state.complete || state.size === null) {
        throw new SyncError('not_found', `no complete attachment ${name} on this server`);
      }
      if (principal.kind === 'person')
        await auditPersonalRead(s, principal.token, { via: 'api', photo: name });
      return reply.headers(attachmentHeaders(name, state.size)).send(attachmentBytes(s, name));
    },
  });
}
