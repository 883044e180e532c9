// Photos of field records: kiosks upload them in chunks and ask how far an upload got; people
// allowed personal data, and kiosks that pull the event's field records, download them.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AttachmentChunkQuerySchema,
  AttachmentNameSchema,
  AttachmentStatusSchema,
  ErrorBodySchema,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_CHUNK_BYTES,
} from '../../shared/sync/protocol';
import { mimeOf } from '../attachments/attachment-check';
import {
  appendChunk,
  attachmentBytes,
  attachmentState,
  namedByRecordOf,
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

/** Registered in a scope of their own: only here is a body raw bytes, and JSON is refused. */
export async function attachmentRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { s, openApi } = ctx;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(OCTET_STREAM, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.addContentTypeParser('*', (_request, _payload, done) =>
    done(new SyncError('unsupported_media_type', `Send attachment chunks as ${OCTET_STREAM}`), undefined),
  );
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
  const uploads = new WeakMap<
    FastifyRequest,
    { name: string; at: z.output<typeof AttachmentChunkQuerySchema> }
  >();

  app.route({
    method: 'PUT',
    url: '/v1/attachments/:name/chunks',
    bodyLimit: MAX_ATTACHMENT_CHUNK_BYTES,
    schema: {
      summary: `Upload the next chunk of a photo (${OCTET_STREAM}, at most ${MAX_ATTACHMENT_CHUNK_BYTES / MIB} MiB) at offset = the bytes the server holds; the last chunk is verified against the name`,
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
      const announced = Number((request.query as Record<string, unknown>).size);
      if (announced > MAX_ATTACHMENT_BYTES) {
        throw new SyncError(
          'payload_too_large',
          `size: a photo may be at most ${MAX_ATTACHMENT_BYTES / MIB} MiB; this one announces ${announced} bytes`,
          { field: 'size' },
        );
      }
      uploads.set(request, { name, at: parseOrThrow(AttachmentChunkQuerySchema, request.query, 'query') });
    },
    handler: async (request, reply) => {
      const upload = uploads.get(request);
      if (upload === undefined) throw new Error(`no upload recorded for ${request.url}`);
      const { name, at } = upload;
      const bytes = request.body;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
        throw new SyncError('invalid_input', 'body: send the chunk as the request body', { field: 'body' });
      }
      const state = await appendChunk(s, name, at, bytes, new Date());
      request.log.info(
        { name, offset: at.offset, bytes: bytes.length, complete: state.complete },
        'attachment chunk',
      );
      return reply.send({ ...state, serverTime: serverTimeOf(reply) });
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
      return reply
        .header('content-type', mimeOf(name))
        .header('content-length', String(state.size))
        .send(Readable.from(attachmentBytes(s.db, name)));
    },
  });
}
