// The console's kiosk set-up: an enrolment QR code to show on screen for a kiosk to scan, and
// revoking a kiosk. Both are the managers' (as on /v1) and both are audited.
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { CONSOLE_API } from '../../shared/console/console-api';
import {
  EnrolQrRequestSchema,
  EnrolQrResponseSchema,
  KioskRevokeResponseSchema,
  ServerAddressSchema,
} from '../../shared/console/setup-api';
import { DeviceParamsSchema } from '../../shared/sync/admin-api';
import { enrolUri } from '../../shared/sync/enrol-code';
import { issueEnrolCode, revokeKiosk } from '../devices/kiosk-setup';
import { addRoute, type RouteContext } from '../http/route';
import { MANAGERS } from '../routes/roles';
import { parseOrThrow } from '../validation';

/** The certificate this https server presented on the request's connection (what kiosks pin). */
function servedFingerprint(request: FastifyRequest): string | undefined {
  const socket = request.raw.socket as Partial<TLSSocket>;
  const cert = socket.getCertificate?.();
  const hex =
    cert !== null && cert !== undefined && 'fingerprint256' in cert ? cert.fingerprint256 : undefined;
  return hex?.replace(/:/g, '').toLowerCase();
}

export function kiosksRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { s } = ctx;
  addRoute(app, ctx, {
    method: 'POST',
    url: `${CONSOLE_API}/enrol-codes`,
    summary:
      'A one-time enrolment code and its QR code (with the server address and certificate) to show on screen',
    tag: 'console',
    access: MANAGERS,
    status: 201,
    body: EnrolQrRequestSchema,
    response: EnrolQrResponseSchema,
    handler: async ({ body, principal, request, now }) => {
      const server = parseOrThrow(
        ServerAddressSchema,
        body.server ?? `${request.protocol}://${request.host}/`,
        'server',
      ).replace(/\/?$/, '/');
      const fingerprint = request.protocol === 'https' ? servedFingerprint(request) : undefined;
      const created = await issueEnrolCode(s, { ...body, server }, principal.token.name, now);
      const qrText = enrolUri(created.code, server, fingerprint);
      const qrImage = await QRCode.toDataURL(qrText, { margin: 2, scale: 6, errorCorrectionLevel: 'M' });
      return { ...created, server, qrText, qrImage };
    },
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: `${CONSOLE_API}/kiosks/:deviceId/revoke`,
    summary: 'Revoke a kiosk: it is refused from its next request on, and only a new enrolment lets it back',
    tag: 'console',
    access: MANAGERS,
    params: DeviceParamsSchema,
    response: KioskRevokeResponseSchema,
    handler: async ({ params, principal, now }) => {
      return { kiosk: await revokeKiosk(s, params.deviceId, principal.token.name, now) };
    },
  });
}
