// The console's USB routes, for a venue with no network: a coordinator uploads a kiosk's .qbundle
// and the server imports it exactly as `quiosco import` does (the same function: verified whole,
// then applied with the push's rules; a second import adds nothing); and downloads a kiosk's
// .qkiosk (its set-up and a receipt) exactly as `quiosco export-kiosk-bundle` writes it. The
// managers' (as the CLI is the operator's); each import is audited. docs/operations.md.
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CONSOLE_API } from '../../shared/console/console-api';
import {
  MAX_UPLOADED_BUNDLE_BYTES,
  USB_IMPORT_URL,
  UsbImportRefusalSchema,
  UsbImportResponseSchema,
  type UsbImport,
} from '../../shared/console/usb-api';
import { DeviceParamsSchema, type Role } from '../../shared/sync/admin-api';
import { BundleError } from '../../shared/sync/bundle';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { authenticate, type PersonPrincipal } from '../auth/authenticate';
import { importBundleFile } from '../bundle/import-bundle-file';
import { deviceReceipt, writeKioskBundle } from '../bundle/kiosk-bundle-writer';
import { serverBundleKeys } from '../bundle/server-bundle-key';
import type { ServerDb } from '../db/server-database';
import { serverTimeOf } from '../http/exchange';
import type { RouteContext } from '../http/route';
import { PRIVATE_FILE_MODE } from '../private-files';
import { MANAGERS, TICKET_CREDENTIALS } from '../routes/roles';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { audit, auditPersonalRead } from './audit';

const OCTET_STREAM = 'application/octet-stream';
const MIB = 1024 * 1024;
const unsupported = () => new SyncError('unsupported_media_type', `Send the bundle as ${OCTET_STREAM}`);
const tooLarge = () =>
  new SyncError(
    'payload_too_large',
    `A bundle may be at most ${MAX_UPLOADED_BUNDLE_BYTES / MIB} MiB: import a larger one with quiosco import`,
  );

/** Registered in a scope of its own: only here is a console request body raw bytes, a stream. */
export async function usbRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { s, openApi } = ctx;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(OCTET_STREAM, (_request, payload, done) => done(null, payload));
  app.addContentTypeParser('*', (_request, _payload, done) => done(unsupported(), undefined));
  const errors = {
    '4XX': openApi.convert(ErrorBodySchema, 'output'),
    '5XX': openApi.convert(ErrorBodySchema, 'output'),
  };
  const principals = new WeakMap<FastifyRequest, PersonPrincipal>();
  // Who before the body is read: an upload that will be refused is not worth receiving.
  const onRequest = async (request: FastifyRequest) => {
    principals.set(request, await authenticate(s, request, MANAGERS));
  };
  const principalOf = (request: FastifyRequest): PersonPrincipal => {
    const principal = principals.get(request);
    if (principal === undefined) throw new Error(`no principal recorded for ${request.url}`);
    return principal;
  };
  // Server files go on the server's disk rather than a RAM-backed /tmp when it has one (SQLite).
  const tempDir = s.dataDir ?? tmpdir();

  app.route({
    method: 'POST',
    url: USB_IMPORT_URL,
    schema: {
      summary: `Import a kiosk's USB bundle (.qbundle, plain or encrypted to this server; ${OCTET_STREAM}, at most ${MAX_UPLOADED_BUNDLE_BYTES / MIB} MiB) as quiosco import does; a refused bundle (422, its code) imports nothing`,
      tags: ['console'],
      security: [{ bearer: [] }],
      body: { content: { [OCTET_STREAM]: { schema: { type: 'string', format: 'binary' } } } },
      response: {
        200: openApi.convert(UsbImportResponseSchema, 'output'),
        422: openApi.convert(UsbImportRefusalSchema, 'output'),
        ...errors,
      },
    },
    onRequest: async (request) => {
      await onRequest(request);
      if (Number(request.headers['content-length']) > MAX_UPLOADED_BUNDLE_BYTES) throw tooLarge();
    },
    handler: async (request, reply) => {
      const body: unknown = request.body;
      if (!(body instanceof Readable)) throw unsupported();
      const principal = principalOf(request);
      const now = new Date();
      // mkdtemp makes the directory owner-only (0700); it goes whatever happens.
      const dir = mkdtempSync(join(tempDir, '.quiosco-upload-'));
      try {
        const file = join(dir, 'upload.qbundle');
        await pipeline(
          body,
          byteLimit(MAX_UPLOADED_BUNDLE_BYTES),
          createWriteStream(file, { mode: PRIVATE_FILE_MODE, flags: 'wx' }),
        );
        const keys = await serverBundleKeys(s);
        const imported = await importBundleFile(s, ctx.forms, file, { keys, tempDir }, now);
        const answer: Omit<UsbImport, 'serverTime'> = {
          deviceId: imported.deviceId,
          deviceName: await deviceName(s, imported.deviceId),
          newChanges: imported.newChanges,
          ackedThroughSeq: imported.ackedThroughSeq,
          photosStored: imported.photosStored,
          photosAlreadyThere: imported.photosAlreadyThere,
          photosUnclaimed: imported.photosUnclaimed,
          rejected: imported.rejected,
        };
        await audit(
          s,
          {
            actor: principal.token.name,
            action: 'bundle_imported',
            detail: {
              deviceId: answer.deviceId,
              kiosk: answer.deviceName,
              records: answer.newChanges,
              throughSeq: answer.ackedThroughSeq,
              refused: answer.rejected.length,
              photos: answer.photosStored,
            },
          },
          now,
        );
        request.log.info({ deviceId: answer.deviceId, newChanges: answer.newChanges }, 'bundle imported');
        return reply.send({ ...answer, serverTime: serverTimeOf(reply) });
      } catch (e) {
        if (e instanceof BundleError) return refuse(reply, e);
        throw e;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  });

  app.route({
    method: 'GET',
    url: `${CONSOLE_API}/kiosks/:deviceId/usb-setup`,
    schema: {
      summary:
        "A kiosk's .qkiosk for a USB drive: its set-up and a receipt for the records the server holds, as quiosco export-kiosk-bundle writes it",
      tags: ['console'],
      security: [{ bearer: [] }],
      params: openApi.convert(DeviceParamsSchema, 'input'),
      response: {
        200: { description: 'The signed .qkiosk file', type: 'string', format: 'binary' },
        ...errors,
      },
    },
    onRequest,
    handler: async (request, reply) => {
      const { deviceId } = parseOrThrow(DeviceParamsSchema, request.params, 'params');
      const principal = principalOf(request);
      const door = await isDoor(s, deviceId);
      // A door's set-up carries its tickets: box-office codes (credentials) and holders' names.
      if (door && !(TICKET_CREDENTIALS as readonly Role[]).includes(principal.token.role)) {
        throw new SyncError(
          'forbidden',
          `A door's set-up carries its tickets and their holders: only an admin downloads it (or quiosco export-kiosk-bundle at the server)`,
        );
      }
      if (door) await auditPersonalRead(s, principal.token, { via: 'console', kioskSetup: deviceId });
      const dir = mkdtempSync(join(tempDir, '.quiosco-setup-'));
      const remove = () => rmSync(dir, { recursive: true, force: true });
      try {
        const receipt = await deviceReceipt(s, deviceId, 1);
        const options = { deviceId, directory: dir, receipt, withStreams: true };
        const written = await writeKioskBundle(s, options, new Date());
        const stream = createReadStream(written.file);
        stream.once('close', remove);
        const name = written.file.slice(dir.length + 1);
        return reply
          .type(OCTET_STREAM)
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(stream);
      } catch (e) {
        remove();
        if (e instanceof BundleError && e.code === 'bundle_unknown_device') {
          throw new SyncError('not_found', `No kiosk ${deviceId} on this server`);
        }
        if (e instanceof BundleError) return refuse(reply, e);
        throw e;
      }
    },
  });
}

/** A bundle refused whole, by its own code and message: the upload imported nothing. */
function refuse(reply: FastifyReply, e: BundleError): FastifyReply {
  return reply
    .code(422)
    .send({ error: { code: e.code, message: e.message }, serverTime: serverTimeOf(reply) });
}

/** Passes bytes on until more than `limit` have come, then fails the stream with 413. */
function byteLimit(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? tooLarge() : null, chunk);
    },
  });
}

async function isDoor(s: ServerDb, deviceId: string): Promise<boolean> {
  const row = await s.db.selectFrom('devices').select('mode').where('id', '=', deviceId).executeTakeFirst();
  return row?.mode === 'door';
}

async function deviceName(s: ServerDb, deviceId: string): Promise<string> {
  const row = await s.db.selectFrom('devices').select('name').where('id', '=', deviceId).executeTakeFirst();
  return row?.name ?? deviceId;
}
